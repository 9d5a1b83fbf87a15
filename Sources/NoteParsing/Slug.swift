import Foundation

/// URL-safe slugs for titles and heading anchors: lowercase ASCII letters and digits joined by `-`.
///
/// Latin letters with diacritics fold to their base letter (é → e); other scripts are kept as
/// lowercase Unicode letters so non-English titles still get readable, distinct slugs.
///
/// A slug is a safe file name whatever the title holds: no `/`, `.`, NUL or control character (they become `-`),
/// never empty, at most `maxLength` UTF-8 bytes (80 by default, far under the 255-byte name limit, leaving room for
/// a `-2` and `.html`), and the same for canonically equivalent (NFC and NFD) titles.
public enum Slug {
    /// The slug of `text`, at most `maxLength` bytes, cut at a `-` boundary when possible. Never empty.
    public static func make(_ text: String, maxLength: Int = 80) -> String {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? ascii(text, maxLength: maxLength) : unicode(text.precomposedStringWithCanonicalMapping, maxLength: maxLength)
    }

    /// `unicode`'s slug of an ASCII text, made on its bytes: the same rules (letters lowercased, digits kept,
    /// apostrophes dropped, every other run of characters one `-`, cut at the last `-` that fits), without a
    /// `String` append per character, which made slugging every title a quarter of building the graph's nodes.
    static func ascii(_ text: String, maxLength: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingDash = false
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x61...0x7A, 0x41...0x5A:
                if pendingDash && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingDash = false
                out.append(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
            case UInt8(ascii: "'"):
                continue
            default:
                pendingDash = true
            }
        }
        if out.count > maxLength {
            // The longest run of whole words that fits (a `-` right after it, at most `maxLength` in), or, for one
            // word longer than that, its first `maxLength` bytes.
            let end = out[...maxLength].lastIndex(of: UInt8(ascii: "-")) ?? maxLength
            out.removeSubrange(end...)
        }
        return out.isEmpty ? "untitled" : String(decoding: out, as: UTF8.self)
    }

    /// The slug of an NFC text: normalised first, so a decomposed title (e + U+0301, or Hangul jamo) slugs like its
    /// composed twin.
    static func unicode(_ text: String, maxLength: Int) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.unicodeScalars {
            if let folded = fold(scalar) {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(folded)
            } else if scalar == "'" || scalar == "\u{2019}" || scalar.properties.generalCategory == .nonspacingMark {
                // "model's" → "models", as most slug schemes do; combining marks vanish so NFD and NFC titles agree.
                continue
            } else {
                pendingDash = true
            }
        }
        if out.utf8.count > maxLength {
            var cut = ""
            for part in out.split(separator: "-") {
                let next = cut.isEmpty ? String(part) : cut + "-" + part
                if next.utf8.count > maxLength { break }
                cut = next
            }
            if cut.isEmpty {
                // One word longer than the cap (a 1,000-letter title in a script without spaces): cut it by bytes,
                // at a scalar boundary, so the file name still fits.
                var bytes = 0
                var scalars = String.UnicodeScalarView()
                for scalar in out.unicodeScalars {
                    bytes += UTF8.width(scalar)
                    if bytes > maxLength { break }
                    scalars.append(scalar)
                }
                // A combining mark after a `-` hides it from the split above, so the cut can end in one (found by fuzzing).
                while scalars.last == "-" { scalars.removeLast() }
                cut = String(scalars)
            }
            out = cut
        }
        return out.isEmpty ? "untitled" : out
    }

    /// A heading anchor (same alphabet as slugs, no length cap).
    public static func anchor(_ text: String) -> String {
        make(text, maxLength: 200)
    }

    private static func fold(_ s: Unicode.Scalar) -> String? {
        switch s.value {
        case 0x30...0x39, 0x61...0x7A: return String(s)
        case 0x41...0x5A: return String(Unicode.Scalar(s.value + 32)!)
        case 0..<0x80: return nil
        default:
            if let base = latinBase[s] { return base }
            if s.properties.isAlphabetic || s.properties.numericType != nil {
                return String(s.properties.lowercaseMapping)
            }
            return nil
        }
    }

    private static let latinBase: [Unicode.Scalar: String] = {
        var map: [Unicode.Scalar: String] = [:]
        let table: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşšß", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
            ("ÀÁÂÃÄÅĀĂĄ", "a"), ("ÇĆĈĊČ", "c"), ("ĎĐ", "d"), ("ÈÉÊËĒĔĖĘĚ", "e"), ("ÌÍÎÏĨĪĬĮİ", "i"), ("ÑŃŅŇ", "n"),
            ("ÒÓÔÕÖØŌŎŐ", "o"), ("ŚŜŞŠ", "s"), ("ÙÚÛÜŨŪŬŮŰŲ", "u"), ("ÝŸŶ", "y"), ("ŹŻŽ", "z"), ("æÆ", "ae"), ("œŒ", "oe"),
        ]
        for (chars, base) in table {
            for s in chars.unicodeScalars { map[s] = base }
        }
        return map
    }()
}
