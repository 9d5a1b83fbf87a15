import NoteImport
import Testing

@Suite("TitleMatcher")
struct TitleMatcherTests {
    static let t1 = "Does supervised fine-tuning actually improve reasoning quality?"
    static let t2 = "Does supervised fine-tuning actually improve reasoning on optimization problems?"
    static let t3 = "Can careful curation replace massive alignment datasets?"
    static let t4 = "Why do LLMs' chain-of-thought traces help, 2× or more?"
    let matcher = TitleMatcher(titles: [t1, t2, t3, t4, "Do PRMs help?", "Do PRMs help? Yes"])

    func found(_ text: String) -> [String] {
        matcher.matches(in: text).map { matcher.titles[$0.title] }
    }

    @Test(arguments: [
        ("the reasoning to construct one \(t2).", [t2]),                         // end of clause, touching the period
        ("\(t3), and more.", [t3]),                                             // followed by a comma
        ("\(t3) — which shows", [t3]),                                          // spaced em dash
        ("as shown \(t1) \(t2) \(t3).", [t1, t2, t3]),                          // chained, no separator
        ("see \(t1), \(t3).", [t1, t3]),                                        // comma list
        ("(\(t3))", [t3]), ("(\(t1), \(t2))", [t1, t2]), ("(see \(t2))", [t2]), // parentheses
        ("\(t3) shows that curation matters.", [t3]),                           // sentence subject
        ("First sentence. \(t3) Next sentence.", [t3]),                         // standalone between sentences
        ("\(t3) \(t3).", [t3, t3]),                                             // repeated
        ("“\(t4)”", [t4]),                                                      // apostrophes, digits, ×, curly quotes
    ])
    func citationShapes(text: String, expected: [String]) {
        #expect(found(text) == expected)
    }

    @Test func nearTwinsAreKeptApartAndLongestWins() {
        #expect(found("A \(Self.t2) B") == [Self.t2])
        #expect(found("Do PRMs help? Yes, they do.") == ["Do PRMs help? Yes"])
    }

    @Test func cutOffPrefixAndRhetoricalQuestionsMatchNothing() {
        #expect(found("… whether Does supervised fine-tuning actually improve reasoning on").isEmpty)
        #expect(found("Why does this happen? Nobody knows.").isEmpty)
    }

    @Test func matchesNeedWordBoundaries() {
        let m = TitleMatcher(titles: ["RLHF"])
        #expect(m.matches(in: "RLHFX and xRLHF").isEmpty)
        #expect(m.matches(in: "use RLHF.").count == 1)
    }

    @Test func byteRangesPointAtTheTitle() {
        let text = "é \(Self.t3)"
        let m = matcher.matches(in: text)
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[m[0].range], as: UTF8.self) == Self.t3)
    }
}
