/// Byte-level helpers for the tokenizers, which see every sentence of the corpus: an ASCII fast path that still
/// handles the dashes and `×` nearly every note contains, without closures (captured, mutated locals are boxed
/// on the heap, which made a closure-based scanner slower than the `unicodeScalars` loop it replaced).
enum UTF8Scalars {
    /// The scalar starting at `i` in valid UTF-8 `bytes`, and its length in bytes.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = bytes[i]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        let end = min(i + length, bytes.count)
        var value = UInt32(lead) & (0xFF >> (length + 1))
        var k = i + 1
        while k < end { value = value << 6 | UInt32(bytes[k] & 0x3F); k += 1 }
        // A String's bytes are valid UTF-8, so the scalar exists; the fallback only satisfies the type.
        return (Unicode.Scalar(value) ?? "\u{FFFD}", end - i)
    }
}

/// Words being collected byte by byte: the current word's bytes and the finished words.
struct WordCollector {
    var words: [String] = []
    var current: [UInt8] = []

    init() { current.reserveCapacity(32) }

    /// Ends the current word, if any, passing it through `transform`.
    @inline(__always)
    mutating func flush(_ transform: (String) -> String = { $0 }) {
        guard !current.isEmpty else { return }
        words.append(transform(String(decoding: current, as: UTF8.self)))
        current.removeAll(keepingCapacity: true)
    }

    /// Appends the lowercase form of a non-ASCII scalar.
    mutating func appendLowercased(_ scalar: Unicode.Scalar) {
        current.append(contentsOf: String(scalar.properties.lowercaseMapping).utf8)
    }
}
