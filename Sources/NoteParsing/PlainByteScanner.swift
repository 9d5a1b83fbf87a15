/// Skips, eight bytes at a time, over text that an escaper would copy as it is: the hot loop of writing every
/// page's HTML and graph.json, whose strings are long runs of bytes that need no escaping. A word is tested for
/// each byte of interest at once with the usual bit trick ("has a zero byte" on the word xor-ed with that byte in
/// every lane), instead of a byte at a time through a table. By hand: no listed library scans bytes.
public struct PlainByteScanner: Sendable {
    /// Each special byte repeated in all eight lanes of a word.
    private let patterns: [UInt64]
    /// Bytes below this one are special too (0: none are).
    private let below: UInt8

    public init(specials: [UInt8], below: UInt8 = 0) {
        precondition(below <= 0x80, "the below-test is exact only up to 0x80")
        patterns = specials.map { Self.ones &* UInt64($0) }
        self.below = below
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The first position at or after `start` where an eight-byte word holds a special byte, or where fewer than
    /// eight bytes are left: every byte before it is plain. (It may stop short of the special byte itself, never
    /// past it.)
    public func plainWords(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return start }
        let lowTest = Self.ones &* UInt64(below)
        return patterns.withUnsafeBufferPointer { patterns in
            var i = start
            while i + 8 <= bytes.count {
                let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // Bytes below `below`: the subtraction borrows into their high bit (exact for the word as a whole).
                var special = below == 0 ? 0 : (w &- lowTest) & ~w & Self.highs
                for pattern in patterns {
                    let x = w ^ pattern
                    special |= (x &- Self.ones) & ~x & Self.highs
                }
                if special != 0 { return i }
                i += 8
            }
            return i
        }
    }
}
