/// Writes JSON straight into bytes.
///
/// By hand rather than with `JSONEncoder`: encoding the graph of a 10,000-note corpus through `Encodable` took
/// seconds (one boxed container per value). Callers write keys in sorted order themselves, so output is
/// deterministic and matches what `JSONEncoder` with `.sortedKeys` would print.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Also escape `<`, `>` and `&`, U+2028 and U+2029, so the JSON can sit inside a `<script>` element.
    let scriptSafe: Bool
    private var needsComma: [Bool] = [false]

    public init(scriptSafe: Bool = false, capacity: Int = 1 << 16) {
        self.scriptSafe = scriptSafe
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() { value(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { value(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// A key of the current object; the next value written is its value.
    public mutating func key(_ key: StaticString) {
        value()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))  // two appends, not an array literal: that allocated for every key
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    public mutating func string(_ s: String) {
        value()
        appendQuoted(s)
    }

    public mutating func number(_ n: Int) {
        value()
        bytes.append(contentsOf: String(n).utf8)
    }

    /// Shortest round-tripping form; whole numbers without a fraction (`1`, not `1.0`), as JSONEncoder prints them.
    public mutating func number(_ x: Double) {
        value()
        if x == x.rounded(), abs(x) < 1e15 { bytes.append(contentsOf: String(Int(x)).utf8) } else { bytes.append(contentsOf: String(x).utf8) }
    }

    public mutating func bool(_ b: Bool) {
        value()
        bytes.append(contentsOf: (b ? "true" : "false").utf8)
    }

    // Optional fields are omitted, never written as null.
    public mutating func field(_ name: StaticString, _ s: String?) { if let s { key(name); string(s) } }
    public mutating func field(_ name: StaticString, _ n: Int?) { if let n { key(name); number(n) } }
    public mutating func field(_ name: StaticString, _ x: Double?) { if let x { key(name); number(x) } }
    public mutating func field(_ name: StaticString, _ list: [String]) {
        guard !list.isEmpty else { return }
        key(name)
        beginArray()
        for s in list { string(s) }
        endArray()
    }

    /// Appends bytes that are already a complete JSON value (a chunk written by another writer).
    public mutating func raw(_ json: [UInt8]) {
        value()
        bytes.append(contentsOf: json)
    }

    private mutating func value() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    /// Bytes that never need escaping in a JSON string (1), and those that might (0): quotes, backslashes,
    /// controls, and for script-safe output `<`, `>`, `&` and 0xE2 (the lead byte of U+2028/U+2029).
    private static let plainBytes: [[Bool]] = [false, true].map { scriptSafe in
        (0...255).map { b in
            let b = UInt8(b)
            if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
            return !(scriptSafe && (b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "&") || b == 0xE2))
        }
    }

    private mutating func appendQuoted(_ s: String) {
        var s = s
        bytes.append(UInt8(ascii: "\""))
        let plain = Self.plainBytes[scriptSafe ? 1 : 0]
        s.withUTF8 { utf8 in
            plain.withUnsafeBufferPointer { plain in
                var runStart = 0
                var i = 0
                while i < utf8.count {
                    // Most strings have nothing to escape: find the next byte that might need it in one tight loop.
                    while i < utf8.count, plain[Int(utf8[i])] { i += 1 }
                    guard i < utf8.count else { break }
                    let b = utf8[i]
                    var skip = 1
                    let escape: StaticString?
                    switch b {
                    case UInt8(ascii: "\""): escape = "\\\""
                    case UInt8(ascii: "\\"): escape = "\\\\"
                    case UInt8(ascii: "\n"): escape = "\\n"
                    case UInt8(ascii: "\r"): escape = "\\r"
                    case UInt8(ascii: "\t"): escape = "\\t"
                    case UInt8(ascii: "<"): escape = "\\u003c"
                    case UInt8(ascii: ">"): escape = "\\u003e"
                    case UInt8(ascii: "&"): escape = "\\u0026"
                    case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                        escape = utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                        skip = 3
                    case 0xE2: escape = nil
                    default: escape = nil  // another control character
                    }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                    if let escape {
                        bytes.append(contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
                    } else if b < 0x20 {
                        bytes.append(contentsOf: Array(("\\u00" + (b < 0x10 ? "0" : "") + String(b, radix: 16)).utf8))
                    } else {
                        bytes.append(b)  // 0xE2 starting another character
                    }
                    i += skip
                    runStart = i
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
