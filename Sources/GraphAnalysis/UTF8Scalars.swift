/// Walks a string's UTF-8 bytes scalar by scalar without leaving the byte buffer, so tokenizers can keep a byte
/// fast path for ASCII and still handle the dashes and `×` that nearly every note contains.
enum UTF8Scalars {
    /// Calls `body(scalar, bytes)` for each scalar of `text`, in order; `bytes` are the scalar's UTF-8 bytes.
    @inline(__always)
    static func forEach(in text: String, _ body: (Unicode.Scalar, UnsafeBufferPointer<UInt8>.SubSequence) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let lead = bytes[i]
                let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                let end = min(i + length, bytes.count)
                var value = length == 1 ? UInt32(lead) : UInt32(lead) & (0xFF >> (length + 1))
                var k = i + 1
                while k < end { value = value << 6 | UInt32(bytes[k] & 0x3F); k += 1 }
                // A String's bytes are valid UTF-8, so the scalar always exists; the fallback only guards the type.
                body(Unicode.Scalar(value) ?? "\u{FFFD}", bytes[i..<end])
                i = end
            }
        }
    }
}
