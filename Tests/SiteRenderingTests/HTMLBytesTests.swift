import Foundation
@testable import SiteRendering
import Testing
@testable import Workspace

/// The byte-level helpers that replaced String building must print what the String code printed.
@Suite("HTML bytes")
struct HTMLBytesTests {
    func written(_ write: (inout HTMLBytes) -> Void) -> String {
        var out = HTMLBytes()
        write(&out)
        return out.string
    }

    @Test func digitsAreTheDecimalString() {
        for n in [0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 12_345, 1_000_000, Int(Int32.max), Int.max] {
            #expect(written { $0.digits(n) } == String(n))
        }
    }

    @Test func svgNumbersAreTheOneDecimalStrings() {
        for x in [0.0, -0.0, 0.04, -0.04, 0.05, -0.05, 1.25, -1.25, 85.0, -85.0, 99.99, -100.0, 260.0, 1234.56] {
            #expect(written { LocalGraphSVG.f(x, into: &$0) } == LocalGraphSVG.f(x), "\(x)")
        }
    }

    /// As `if s.hasSuffix("\n") { s.removeLast() }` on a String, where CR LF is one character.
    @Test func dropsAFinalNewlineAsTheStringDid() {
        for text in ["", "a", "a\n", "a\n\n", "\n", "a\r\n", "\r\n", "a\r", "é\n"] {
            var string = text
            if string.hasSuffix("\n") { string.removeLast() }
            #expect(written { $0.put(text); $0.dropFinalNewline() } == string, "\(Array(text.utf8))")
        }
    }

    /// ASCII paths are judged on their bytes; the verdicts must be those of the character rules.
    @Test func safeRelativePaths() {
        let safe = ["index.html", "note/a.html", "note/a-b_c.html", "tag/rl.html", "a/.b", "a/...", "..a/b", "note/é.html"]
        let unsafe = ["", "/etc/passwd", "a//b", "a/", "./a", "a/./b", "../a", "a/..", "a/../b", "a\\b", "a\u{0}b", ".", "..", "/é"]
        for path in safe { #expect(SiteOutput.isSafeRelativePath(path), "\(path)") }
        for path in unsafe { #expect(!SiteOutput.isSafeRelativePath(path), "\(path)") }
        // A page's folder, found on the bytes, is NSString's answer for every safe path.
        for path in safe + ["assets/style.css", "a/b/c/d.html"] {
            #expect(SitePublication.folder(of: path) == (path as NSString).deletingLastPathComponent, "\(path)")
        }
    }
}
