/// Reads front matter written in the flat subset of YAML that notegraph's importer and most note tools write —
/// one `key: value` per line, the value a double-quoted string, a flow list of double-quoted strings, or a short
/// plain word or phrase — and gives up (returns nil) on anything else, so Yams reads it.
///
/// Written by hand because `Yams.compose` builds libyaml's whole event stream and node tree for three lines of
/// metadata: it was over a third of parsing a 10,000-note corpus. The subset is chosen so that every accepted
/// line means exactly what YAML says it means (same strings, same value positions); a test compares both readers
/// on every fixture and on mutated front matter.
enum FlatFrontMatter {
    /// A field's value as the field readers see it.
    enum Value: Equatable {
        case scalar(String)
        /// Items that are not scalars are nil.
        case sequence([String?])
        /// A mapping, or anything else that is neither.
        case other
    }

    struct Entry: Equatable {
        var key: String
        var value: Value
        /// Where the value starts in the note file (front matter starts at file line 2).
        var location: SourceLocation
    }

    /// The entries of `yaml` (the text between the fences), or nil when a line is outside the subset.
    static func entries(_ yaml: Substring) -> [Entry]? {
        var entries: [Entry] = []
        var keys: Set<String> = []
        var lineNumber = 1
        var ok = true
        yaml.utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0
            while start < bytes.count, ok {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                if end > start {
                    if let entry = line(bytes, start, end, lineNumber: lineNumber), keys.insert(entry.key).inserted {
                        entries.append(entry)
                    } else {
                        ok = false
                    }
                }
                lineNumber += 1
                start = end + 1
            }
        } ?? { ok = false }()
        return ok ? entries : nil
    }

    private static func isKeyStart(_ b: UInt8) -> Bool {
        (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b == UInt8(ascii: "_")
    }

    private static func isKeyByte(_ b: UInt8) -> Bool {
        isKeyStart(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-")
    }

    /// Letters, digits, spaces and `.-_/+()`: plain scalars made of these mean their text in YAML (no indicator,
    /// no `: `, no ` #`), whatever they spell (`null`, `2024-05-01` and `1.5` stay strings for `compose`).
    private static func isPlainByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "+"), UInt8(ascii: "("), UInt8(ascii: ")"): return true
        default: return false
        }
    }

    private static func line(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, lineNumber: Int) -> Entry? {
        guard isKeyStart(bytes[start]) else { return nil }
        var i = start + 1
        while i < end, isKeyByte(bytes[i]) { i += 1 }
        guard i + 1 < end, bytes[i] == UInt8(ascii: ":"), bytes[i + 1] == UInt8(ascii: " ") else { return nil }
        let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        i += 1
        while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 }
        guard i < end else { return nil }  // `key:` with the value on the next lines
        let location = SourceLocation(line: lineNumber + 1, column: i - start + 1)
        let value: Value
        switch bytes[i] {
        case UInt8(ascii: "\""):
            guard let (text, after) = quoted(bytes, i, end) else { return nil }
            i = after
            value = .scalar(text)
        case UInt8(ascii: "["):
            var items: [String?] = []
            i += 1
            while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 }
            if i < end, bytes[i] == UInt8(ascii: "]") {
                i += 1
            } else {
                while true {
                    guard i < end, bytes[i] == UInt8(ascii: "\""), let (text, after) = quoted(bytes, i, end) else { return nil }
                    items.append(text)
                    i = after
                    while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 }
                    guard i < end else { return nil }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; break }
                    guard bytes[i] == UInt8(ascii: ",") else { return nil }
                    i += 1
                    while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 }
                }
            }
            value = .sequence(items)
        default:
            // A plain scalar must not start with an indicator; "-" and "." are left to YAML ("- x", "...").
            guard bytes[i] != UInt8(ascii: "-"), bytes[i] != UInt8(ascii: "."), bytes[i] != UInt8(ascii: "("), bytes[i] != UInt8(ascii: ")") else { return nil }
            var last = i
            var j = i
            while j < end {
                guard isPlainByte(bytes[j]) else { return nil }
                if bytes[j] != UInt8(ascii: " ") { last = j }
                j += 1
            }
            value = .scalar(String(decoding: UnsafeBufferPointer(rebasing: bytes[i...last]), as: UTF8.self))
            i = end
        }
        while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 }
        return i == end ? Entry(key: key, value: value, location: location) : nil
    }

    /// A double-quoted scalar starting at `start` (the quote): its text and the index after the closing quote.
    /// Only `\"` and `\\` escapes, and only characters YAML prints as themselves: no controls, no DEL, no C1
    /// controls or NEL (U+0080–U+009F), no BOM, U+FFFE/U+FFFF, or U+2028/U+2029 (line breaks to YAML 1.1).
    private static func quoted(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (String, Int)? {
        var out: [UInt8] = []
        var i = start + 1
        while i < end {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                return (String(decoding: out, as: UTF8.self), i + 1)
            case UInt8(ascii: "\\"):
                guard i + 1 < end, bytes[i + 1] == UInt8(ascii: "\"") || bytes[i + 1] == UInt8(ascii: "\\") else { return nil }
                out.append(bytes[i + 1])
                i += 2
                continue
            case 0..<0x20, 0x7F:
                return nil
            case 0xC2 where i + 1 < end && bytes[i + 1] < 0xA0:
                return nil
            case 0xE2 where i + 2 < end && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                return nil
            case 0xEF where i + 2 < end && ((bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF) || (bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE)):
                return nil
            default:
                out.append(b)
            }
            i += 1
        }
        return nil
    }
}
