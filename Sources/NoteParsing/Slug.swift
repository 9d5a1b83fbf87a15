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
        var out = ""
        var pendingDash = false
        // NFC first, so a decomposed title (e + U+0301, or Hangul jamo) slugs like its composed twin.
        let text = text.utf8.allSatisfy({ $0 < 0x80 }) ? text : text.precomposedStringWithCanonicalMapping
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
