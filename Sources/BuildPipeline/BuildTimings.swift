/// Wall-clock time spent in each phase of a build, in the order the phases ran (`notegraph build --timings`).
public struct BuildTimings: Sendable {
    public private(set) var phases: [(name: String, seconds: Double)] = []

    public init() {}

    /// Runs `body` and records how long it took under `name`.
    public mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer {
            let elapsed = clock.now - start
            phases.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
        }
        return try body()
    }

    public mutating func append(_ other: BuildTimings) {
        phases += other.phases
    }

    /// One line per phase: `parse      123.4 ms`.
    public var report: String {
        phases.map { $0.name.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: " %8.1f ms", $0.seconds * 1000) }.joined(separator: "\n")
    }
}
