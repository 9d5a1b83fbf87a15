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
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
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

    private mutating func appendQuoted(_ s: String) {
        var s = s
        bytes.append(UInt8(ascii: "\""))
        s.withUTF8 { utf8 in
            var runStart = 0
            var i = 0
            while i < utf8.count {
                let b = utf8[i]
                var escape: String?
                var skip = 1
                switch b {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case UInt8(ascii: "\n"): escape = "\\n"
                case UInt8(ascii: "\r"): escape = "\\r"
                case UInt8(ascii: "\t"): escape = "\\t"
                case 0..<0x20: escape = "\\u00" + (b < 0x10 ? "0" : "") + String(b, radix: 16)
                case UInt8(ascii: "<") where scriptSafe: escape = "\\u003c"
                case UInt8(ascii: ">") where scriptSafe: escape = "\\u003e"
                case UInt8(ascii: "&") where scriptSafe: escape = "\\u0026"
                case 0xE2 where scriptSafe && i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                    escape = utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    skip = 3
                default: break
                }
                if let escape {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                    bytes.append(contentsOf: escape.utf8)
                    runStart = i + skip
                }
                i += skip
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
