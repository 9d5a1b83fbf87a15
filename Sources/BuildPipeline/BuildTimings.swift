#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock and CPU time spent in each phase of a build, in the order the phases ran (`notegraph build --timings`).
/// CPU time (all threads) is printed too: on a shared machine it moves far less than wall time when others run.
public struct BuildTimings: Sendable {
    public private(set) var phases: [(name: String, seconds: Double, cpuSeconds: Double, peakMB: Int)] = []

    public init() {}

    /// Runs `body` and records how long it took under `name`.
    public mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = BuildTimings.processCPUSeconds()
        defer {
            let elapsed = clock.now - start
            phases.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
                           BuildTimings.processCPUSeconds() - cpuStart, BuildTimings.peakResidentMB()))
        }
        return try body()
    }

    /// Records a part of the previous phase that ran on its own thread: wall time only (CPU time is the phase's).
    public mutating func note(_ name: String, _ elapsed: Duration) {
        phases.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, .nan, BuildTimings.peakResidentMB()))
    }

    public mutating func append(_ other: BuildTimings) {
        phases += other.phases
    }

    /// One line per phase: `parse        123.4 ms wall    240.1 ms cpu    310 MB peak`.
    public var report: String {
        phases.map {
            $0.name.padding(toLength: 12, withPad: " ", startingAt: 0) + ($0.cpuSeconds.isNaN
                ? String(format: " %8.1f ms wall (its own thread)", $0.seconds * 1000)
                : String(format: " %8.1f ms wall %8.1f ms cpu %6d MB peak", $0.seconds * 1000, $0.cpuSeconds * 1000, $0.peakMB))
        }.joined(separator: "\n")
    }

    /// The process's peak resident set so far (Linux reports `ru_maxrss` in KB).
    static func peakResidentMB() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss / 1024
    }

    /// User plus system time of the whole process so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
