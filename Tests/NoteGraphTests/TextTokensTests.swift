import Foundation
import GraphAnalysis
import Testing
import TestSupport

/// `TextTokens.terms` is one pass over bytes, with a fast path for ASCII words; it must give what its definition
/// says: the words, without stopwords and one-letter words, plural-folded.
@Suite("Search terms")
struct TextTokensTests {
    static func byDefinition(_ text: String) -> [String] {
        TextTokens.words(text, folded: false).filter { $0.count > 1 && !TextTokens.stopwords.contains($0) }.map(TextTokens.fold)
    }

    static let hostile: [String] = [
        "", "a", "The Models", "POLICIES and Policies", "loss analysis bus status", "DPO's KTO-style SFT",
        "Ünïcödé Straße naïve café", "Modelé models", "x1 2x 10,000 3.5×", "ABCDEFGHI", "Whether BECAUSE Actually",
        "tab\tnew\nline\r\nend", "emoji 🙂 models🙂policies", "日本語のテキスト and english", "ĲSSELMEER ß ǅ",
        "ends with ies", "iesies", "series species", "s", "ss", "sss", "abs", "ABS", "Cats", "cats.", "cat's",
        "mixed𝔸letters", "word\u{2028}word", "a\u{0301}ccent", "ies", "IES", "Dies", "DIES",
    ]

    @Test func hostileStringsMatchTheDefinition() {
        for text in Self.hostile {
            #expect(TextTokens.terms(text) == Self.byDefinition(text), "\(text.debugDescription)")
        }
    }

    @Test(arguments: [Fixtures.url("corpus-everything"), Fixtures.url("corpus-faults"), Fixtures.root.appendingPathComponent("notes")])
    func everyNoteMatchesTheDefinition(_ root: URL) throws {
        let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }
        #expect(files.count > 5)
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            #expect(TextTokens.terms(text) == Self.byDefinition(text), "\(file)")
        }
    }

    @Test func asciiWordsAreLowercasedFoldedAndFiltered() {
        #expect(TextTokens.terms("The POLICIES of Models were Ignored by us") == ["policy", "model", "ignored"])
    }
}
