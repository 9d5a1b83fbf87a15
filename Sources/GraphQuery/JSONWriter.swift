import NoteParsing

/// Writes JSON straight into bytes.
///
/// By hand rather than with `JSONEncoder`: encoding the graph of a 10,000-note corpus through `Encodable` took
/// seconds (one boxed container per value). Callers write keys in sorted order themselves, so output is
/// deterministic and matches what `JSONEncoder` with `.sortedKeys` would print.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Also escape `<`, `>` and `&`, U+2028 and U+2029, so the JSON can sit inside a `<script>` element.
    let scriptSafe: Bool
    /// Whether each open object or array (and the top level) already holds a value, one bit per level: an array
    /// of flags pushed and popped for every object was a tenth of graph.json's encoding (see `Levels`).
    private var levels = Levels()

    public init(scriptSafe: Bool = false, capacity: Int = 1 << 16) {
        self.scriptSafe = scriptSafe
        bytes.reserveCapacity(capacity)
    }

    /// A writer that writes into `buffer`'s storage, emptied, keeping its room (grown to `capacity` if it has
    /// less); `buffer` is left empty. Swapped out rather than copied: a second reference to the storage would make
    /// emptying it allocate new room instead.
    public init(scriptSafe: Bool = false, reusing buffer: inout [UInt8], capacity: Int) {
        self.scriptSafe = scriptSafe
        swap(&bytes, &buffer)
        bytes.removeAll(keepingCapacity: true)
        bytes.reserveCapacity(capacity)
    }

    /// What was written, leaving the writer empty (the buffer handed over, not copied).
    public mutating func takeBytes() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &bytes)
        return taken
    }

    public mutating func beginObject() { value(); bytes.append(UInt8(ascii: "{")); levels.open() }
    public mutating func endObject() { levels.close(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { value(); bytes.append(UInt8(ascii: "[")); levels.open() }
    public mutating func endArray() { levels.close(); bytes.append(UInt8(ascii: "]")) }

    /// A key of the current object; the next value written is its value.
    public mutating func key(_ key: StaticString) {
        value()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))  // two appends, not an array literal: that allocated for every key
        bytes.append(UInt8(ascii: ":"))
        levels.valueWillFollowKey()
    }

    public mutating func string(_ s: String) {
        value()
        bytes.append(UInt8(ascii: "\""))
        appendEscaped(s)
        bytes.append(UInt8(ascii: "\""))
    }

    /// One string value written as `first`, `separator` and `second` joined, without joining them first (a claim's
    /// url is its page's url and its anchor, kept apart; see `Node.urlParts`).
    public mutating func string(_ first: String, _ separator: StaticString, _ second: String) {
        value()
        bytes.append(UInt8(ascii: "\""))
        appendEscaped(first)
        bytes.append(contentsOf: UnsafeBufferPointer(start: separator.utf8Start, count: separator.utf8CodeUnitCount))
        appendEscaped(second)
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func number(_ n: Int) {
        value()
        appendDecimal(n)
    }

    /// Shortest round-tripping form; whole numbers without a fraction (`1`, not `1.0`), as JSONEncoder prints them
    /// (it drops the ".0" that `String` ends them with, up to 2^53; larger ones `String` prints with an exponent).
    public mutating func number(_ x: Double) {
        value()
        if x == x.rounded(), abs(x) < 1e15, !(x.isZero && x.sign == .minus) {
            appendDecimal(Int(x))
            return
        }
        var text = String(x)
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func bool(_ b: Bool) {
        value()
        bytes.append(contentsOf: (b ? "true" : "false").utf8)
    }

    /// Appends bytes that are already a complete JSON value (a chunk written by another writer).
    public mutating func raw(_ json: [UInt8]) {
        value()
        bytes.append(contentsOf: json)
    }

    private mutating func value() {
        if levels.takeValue() { bytes.append(UInt8(ascii: ",")) }
    }

    /// `n` in decimal, from digits put in a buffer on the stack: `String(n)` allocated a string for every number.
    private mutating func appendDecimal(_ n: Int) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var m = n.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: UInt.max has 20 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var i = buffer.count
            repeat {
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
            } while m > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[i...]))
        }
    }

    /// Bytes besides the controls (below 0x20) that might need escaping in a JSON string: quotes and backslashes,
    /// and for script-safe output (the second list) `<`, `>`, `&` and 0xE2 (the lead byte of U+2028/U+2029).
    private static let specials: [[UInt8]] = [
        [UInt8(ascii: "\""), UInt8(ascii: "\\")],
        [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0xE2],
    ]

    /// Bytes that never need escaping (true), by `specials`: looked up one at a time near a special byte.
    private static let plainBytes: [[Bool]] = specials.map { specials in (0...255).map { $0 >= 0x20 && !specials.contains(UInt8($0)) } }

    /// The same bytes, skipped eight at a time over long plain runs.
    private static let scanners = specials.map { PlainByteScanner(specials: $0, below: 0x20) }

    /// The string's bytes, escaped, without quotes.
    private mutating func appendEscaped(_ s: String) {
        // Native strings are contiguous UTF-8 and are read in place; a bridged one is copied once.
        if let done = s.utf8.withContiguousStorageIfAvailable({ appendEscaped(utf8: $0) }) { return done }
        var s = s
        s.withUTF8 { appendEscaped(utf8: $0) }
    }

    private mutating func appendEscaped(utf8: UnsafeBufferPointer<UInt8>) {
        let plain = Self.plainBytes[scriptSafe ? 1 : 0], scanner = Self.scanners[scriptSafe ? 1 : 0]
        plain.withUnsafeBufferPointer { plain in
            var runStart = 0
            var i = 0
            while i < utf8.count {
                // Most strings have nothing to escape: skip eight plain bytes at a time, then find the next byte
                // that might need it in one tight loop.
                i = scanner.plainWords(in: utf8, from: i)
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
                case 0x08: escape = "\\b"  // as JSONEncoder writes them
                case 0x0C: escape = "\\f"
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

    /// One bit per open level (the top level is bit 0): set once the level holds a value, so the next one needs a
    /// comma. Levels deeper than 63 keep their bits in an array (no JSON written here nests that deep).
    private struct Levels {
        private var bits: UInt64 = 0
        private var depth = 0
        private var deeper: [Bool] = []

        mutating func open() {
            depth += 1
            if depth < 64 { bits &= ~(1 << UInt64(depth)) } else { deeper.append(false) }
        }

        mutating func close() {
            if depth >= 64 { deeper.removeLast() }
            depth -= 1
        }

        /// Whether a comma goes before the value about to be written; the level holds a value from now on.
        mutating func takeValue() -> Bool {
            if depth < 64 {
                let mask: UInt64 = 1 << UInt64(depth)
                defer { bits |= mask }
                return bits & mask != 0
            }
            defer { deeper[deeper.count - 1] = true }
            return deeper[deeper.count - 1]
        }

        /// After a key: its value takes no comma.
        mutating func valueWillFollowKey() {
            if depth < 64 { bits &= ~(1 << UInt64(depth)) } else { deeper[deeper.count - 1] = false }
        }
    }
}
