/// A page fragment being written as UTF-8 bytes: literal markup, text as is, or text escaped for HTML.
///
/// Swift-side HTML (note bodies, the neighbourhood SVG) is written into one of these rather than by joining
/// Strings, which made and copied a String for every element.
struct HTMLBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    mutating func put(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Text that needs no escaping (numbers, names made by notegraph).
    mutating func put(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// The decimal digits of `n` (not negative), without making a String of them.
    mutating func digits(_ n: Int) {
        precondition(n >= 0)
        if n >= 10 { digits(n / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(n % 10))
    }

    mutating func escaped(_ s: String) {
        HTML.appendEscaped(s, to: &bytes)
    }

    /// Removes a final "\n", as `String.removeLast()` after `hasSuffix("\n")` did: not the LF of a final CR LF,
    /// which a String sees as one character.
    mutating func dropFinalNewline() {
        guard bytes.last == UInt8(ascii: "\n") else { return }
        if bytes.count >= 2, bytes[bytes.count - 2] == UInt8(ascii: "\r") { return }
        bytes.removeLast()
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
