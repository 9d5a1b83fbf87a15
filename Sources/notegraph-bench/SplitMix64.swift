/// A tiny seeded pseudo-random generator (SplitMix64, Steele/Lea/Flood 2014).
///
/// Written by hand on purpose: the corpus must be byte-identical for the same seed on every
/// platform and Swift version, so that benchmark numbers from different machines describe the
/// same input. `SystemRandomNumberGenerator` cannot be seeded, and the standard library makes no
/// promise about the algorithms behind `Int.random(in:using:)` or `shuffle(using:)`, so this type
/// also provides its own bounded-integer and shuffle helpers instead of relying on those.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform integer in `0..<bound` (Lemire's multiply-shift; the tiny bias is irrelevant here
    /// and, unlike rejection sampling in the standard library, its behaviour is pinned by this code).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Uniform integer in a closed range.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// `true` with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// A uniformly chosen element.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// A fresh generator derived from this one, so independent parts of the corpus (titles, links,
    /// bodies) do not shift each other's random streams when one of them changes.
    mutating func fork() -> SplitMix64 { SplitMix64(seed: next()) }

    /// Fisher–Yates with our own `below`, for a stable order across platforms.
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, below(i + 1))
        }
    }
}
