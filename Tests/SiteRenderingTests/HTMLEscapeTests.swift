import Foundation
import SiteRendering
import Testing
import TestSupport

/// `HTML.escape` skips plain text eight bytes at a time; it must replace exactly what a character-by-character
/// escaper replaces, wherever the special bytes fall in a word.
@Suite("HTML escaping")
struct HTMLEscapeTests {
    static func byCharacter(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    @Test func specialBytesAtEveryPlaceOfAWord() {
        for special in ["&", "<", ">", "\"", "'", "\u{0}"] {
            for length in 0..<20 {
                for place in 0...length {
                    var s = String(repeating: "a", count: length)
                    s.insert(contentsOf: special, at: s.index(s.startIndex, offsetBy: place))
                    #expect(HTML.escape(s) == Self.byCharacter(s), "\(s.debugDescription)")
                }
            }
        }
    }

    @Test(arguments: [Fixtures.url("corpus-everything"), Fixtures.url("corpus-hostile-xss/exports"), Fixtures.root.appendingPathComponent("notes")])
    func everyFileEscapesLikeCharacterByCharacter(_ root: URL) throws {
        let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
        var checked = 0
        for file in files {
            guard let text = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8) else { continue }
            #expect(HTML.escape(text) == Self.byCharacter(text), "\(file)")
            checked += 1
        }
        #expect(checked > 5)
    }
}
