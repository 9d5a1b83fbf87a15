@testable import SiteRendering
import Testing
import TestSupport

/// The search index's snippets: at most 240 characters, cut at a word and marked "…" when shortened, for texts
/// of one-byte and many-byte characters alike (what `count` of every character decided before it was bounded).
@Suite struct SearchIndexScriptTests {
    /// The rule as it reads, by counting every character.
    static func expected(_ text: String) -> String {
        guard text.count > 240 else { return text }
        let cut = text.prefix(240)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + "…"
    }

    @Test func snippetsFollowTheRuleAtEveryLength() {
        let words = ["α", "model", "é", "🙂", "x", "verification", "e\u{301}", "漢字"]
        var generator = SplitMix64(seed: 240)
        for length in [0, 1, 100, 239, 240, 241, 242, 300, 1_000] {
            for _ in 0..<20 {
                var text = ""
                while text.count < length { text += words[Int(generator.next() % UInt64(words.count))] + (generator.next() % 2 == 0 ? " " : "") }
                while text.count > length { text.removeLast() }
                #expect(SearchIndexScript.snippet(text) == Self.expected(text), "\(text.count) characters")
            }
        }
        // 240 characters of two bytes each: over 240 bytes, not over 240 characters, so kept whole.
        let wide = String(repeating: "é", count: 240)
        #expect(SearchIndexScript.snippet(wide) == wide)
        #expect(SearchIndexScript.snippet(wide + "é") == wide + "…")
    }
}

