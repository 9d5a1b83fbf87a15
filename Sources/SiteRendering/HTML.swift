import NoteParsing

/// Escaping for each place a value can land in a page. Templates escape `{{…}}` slots themselves (text and
/// quoted attributes); these functions serve the HTML that Swift writes (Markdown bodies, SVG) and URLs.
public enum HTML {
    /// Text content and quoted attribute values: `& < > " '` escaped, NUL replaced by U+FFFD.
    public static func escape(_ s: String) -> String {
        var out: [UInt8] = []
        appendEscaped(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes `appendEscaped` replaces, for skipping the others eight at a time.
    private static let specials = PlainByteScanner(specials: [UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'")], below: 1)

    /// `escape(s)` appended to a byte buffer: the hot path of page rendering, so it copies runs of safe bytes
    /// at once instead of going character by character.
    public static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            // Grow geometrically: `reserveCapacity(count + n)` alone allocates exactly that, so a buffer that many
            // small escapes append to would be copied whole at each one once it outgrew its first capacity.
            if out.capacity < out.count + bytes.count { out.reserveCapacity(max(out.count + bytes.count, 2 * out.capacity)) }
            var runStart = 0
            var i = 0
            while i < bytes.count {
                i = specials.plainWords(in: bytes, from: i)
                guard i < bytes.count else { break }
                defer { i += 1 }
                let replacement: StaticString
                switch bytes[i] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                case 0: replacement = "\u{FFFD}"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                runStart = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    /// A link destination from a note, made safe: relative URLs, fragments, `http(s):` and `mailto:` pass;
    /// anything else (`javascript:`, `data:`, `vbscript:`, in any encoding or case) becomes nil.
    ///
    /// The scheme is judged after the decoding a browser would do (entities, percent escapes, stripped
    /// whitespace and control characters), so `jav&#x09;ascript:` and `%6Aavascript:` are caught.
    public static func safeURL(_ raw: String) -> String? {
        let decoded = decodeEntities(raw).removingPercentEncoding()
        let compact = String(String.UnicodeScalarView(decoded.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F && !($0.value >= 0x80 && $0.value <= 0x9F) && $0 != "\u{FEFF}" && $0 != "\u{200B}" }))
        let lower = compact.lowercased()
        if let colon = lower.firstIndex(of: ":") {
            let scheme = lower[..<colon]
            let beforeSlash = !scheme.contains("/") && !scheme.contains("?") && !scheme.contains("#")
            if beforeSlash {
                guard ["http", "https", "mailto"].contains(String(scheme)) else { return nil }
            }
        }
        if lower.hasPrefix("//") { return raw.trimmingWhitespace() }  // protocol-relative: http(s) only
        return raw.trimmingWhitespace()
    }

    /// Percent-encodes what must not appear raw in an href (spaces, quotes, non-ASCII, controls).
    public static func encodeURL(_ url: String) -> String {
        func isKept(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x21, 0x23...0x26, 0x28...0x3B, 0x3D, 0x3F...0x5A, 0x5F, 0x61...0x7A, 0x7E: return true
            default: return false
            }
        }
        // Most site URLs are slugs already: return them as they are (this runs for every link of every page).
        if url.utf8.allSatisfy(isKept) { return url }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(url.utf8.count * 3)
        for byte in url.utf8 {
            if isKept(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "&", let (scalar, length) = entity(scalars, at: i) {
                out.append(scalar)
                i += length
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// `&#106;`, `&#x6A;` (semicolon optional, as browsers allow) and the few named entities that matter here.
    private static func entity(_ s: [Unicode.Scalar], at i: Int) -> (Unicode.Scalar, Int)? {
        var j = i + 1
        if j < s.count, s[j] == "#" {
            j += 1
            var hex = false
            if j < s.count, s[j] == "x" || s[j] == "X" { hex = true; j += 1 }
            var value: UInt32 = 0
            let start = j
            while j < s.count, let d = digit(s[j], hex: hex), value < 0x110000 {
                value = value * (hex ? 16 : 10) + d
                j += 1
            }
            guard j > start else { return nil }
            if j < s.count, s[j] == ";" { j += 1 }
            return (Unicode.Scalar(value) ?? "\u{FFFD}", j - i)
        }
        let named: [String: Unicode.Scalar] = ["colon": ":", "tab": "\t", "newline": "\n", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "sol": "/"]
        var name = ""
        while j < s.count, s[j].properties.isAlphabetic, name.count < 10 { name.unicodeScalars.append(s[j]); j += 1 }
        guard let scalar = named[name.lowercased()] else { return nil }
        if j < s.count, s[j] == ";" { j += 1 }
        return (scalar, j - i)
    }

    private static func digit(_ c: Unicode.Scalar, hex: Bool) -> UInt32? {
        switch c.value {
        case 0x30...0x39: return c.value - 0x30
        case 0x61...0x66 where hex: return c.value - 0x61 + 10
        case 0x41...0x46 where hex: return c.value - 0x41 + 10
        default: return nil
        }
    }
}
