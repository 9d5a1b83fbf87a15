import NoteParsing
import Testing

@Suite("ComplexityGuard")
struct ComplexityGuardTests {
    static func r(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }
    static func refused(_ body: String) -> Bool { ComplexityGuard.problem(in: body[...])?.hasPrefix("note too complex") == true }

    @Test(arguments: [
        ("link openers", String(repeating: "![[]()", count: 80_000)),
        ("nested brackets", String(repeating: "[", count: 50_000) + "a" + String(repeating: "]", count: 50_000)),
        ("nested block quotes", String(repeating: "> ", count: 5_000) + "*a*\n"),
        ("nested lists", (0..<1_000).map { String(repeating: "  ", count: $0) + "- a\n" }.joined()),
        ("list markers on one line, then blank lines", String(repeating: "- ", count: 10_000) + "x" + String(repeating: "\n", count: 10_000)),
    ])
    func pathologicalBodiesAreRefusedWithAnError(name: String, body: String) {
        // Refused bodies never reach cmark, so they cost one linear scan (timings belong to the benchmark).
        let doc: NoteDocument? = NoteParser.parse(SourceFile(path: "\(name).md", text: "---\ntitle: \"\(name)\"\n---\n" + body))
        let error = doc?.diagnostics.first { $0.severity == .error }
        #expect(error?.message.hasPrefix("note too complex") == true, "\(name)")
        #expect(error?.location.line == 4)
        #expect(doc?.title == name)  // the note keeps its page
    }

    @Test func ordinaryNotesPass() {
        let body = (0..<200).map { "Paragraph \($0) cites [[Note \($0)?]] and [a link](x.md), *e.g.* **this** ~~that~~.\n\n> quoted\n\n- item\n  - sub item\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\nSee https://example.com/a_(b) and www.example.com.\n\n" }.joined()
        #expect(ComplexityGuard.problem(in: body[...]) == nil)
    }

    // Each limit: at the limit passes, one over is refused.

    @Test func sizeCap() {
        #expect(!Self.refused(Self.r("a", ComplexityGuard.maxBytes)))
        #expect(Self.refused(Self.r("a", ComplexityGuard.maxBytes + 1)))
    }

    @Test func bracketsPerParagraph() {
        let n = ComplexityGuard.maxBracketsPerParagraph
        #expect(!Self.refused(Self.r("[", n)))
        #expect(Self.refused(Self.r("[", n + 1)))
        // Counts restart at a blank line and at a list item, which start new paragraphs…
        #expect(!Self.refused(Self.r("[", n) + "\n\n" + Self.r("[", n)))
        #expect(!Self.refused(Self.r("- [[a]]\n", n)))
        #expect(!Self.refused(Self.r("1. [[a]]\n", n)))
        // …but not at lines a paragraph continues over: `2.` (cannot interrupt a paragraph), `>` (the same quote),
        // a bullet indented 4 (lazy continuation).
        #expect(Self.refused("[[a]]\n" + Self.r("2. [[a]]\n", n)))
        #expect(Self.refused(Self.r("> [[a]]\n", n)))
        #expect(Self.refused("[[a]]\n" + Self.r("    - [[a]]\n", n)))
    }

    @Test func bracketsPerNote() {
        // Links in separate paragraphs (or list items) still add up: each costs the graph and the site.
        let n = ComplexityGuard.maxBracketsPerNote
        #expect(!Self.refused(Self.r("[[a]]\n\n", n / 2)))
        #expect(Self.refused(Self.r("[[a]]\n\n", n / 2) + "["))
        #expect(Self.refused(Self.r("- [ ] task\n", n + 1)))
    }

    @Test func emphasisDelimitersPerParagraph() {
        let n = ComplexityGuard.maxDelimitersPerParagraph
        #expect(!Self.refused(Self.r("*", n)))
        #expect(Self.refused(Self.r("*", n + 1)))
        #expect(Self.refused(Self.r("_", n / 2) + Self.r("~", n / 2 + 1)))
        #expect(!Self.refused(Self.r("**bold** ", n / 4) + "\n\n" + Self.r("**bold** ", n / 4)))
        #expect(!Self.refused(Self.r("- **bold**\n", n)))
    }

    @Test func nestingOnOneLine() {
        let n = ComplexityGuard.maxNesting
        #expect(!Self.refused(Self.r(">", n) + " a"))
        #expect(Self.refused(Self.r(">", n + 1) + " a"))
        #expect(!Self.refused(Self.r("- ", n) + "a"))
        #expect(Self.refused(Self.r("- ", n + 1) + "a"))
        #expect(Self.refused(Self.r("1. ", n + 1) + "a"))
        #expect(Self.refused(Self.r("> - ", n / 2 + 1) + "a"))
        // Not list markers: thematic breaks and emphasis at a line start.
        #expect(!Self.refused("---\n***\n" + Self.r("-", 500) + "\n**a** *b*\n"))
    }

    @Test func indentation() {
        #expect(!Self.refused(Self.r(" ", ComplexityGuard.maxIndent) + "a"))
        #expect(Self.refused(Self.r(" ", ComplexityGuard.maxIndent + 1) + "a"))
        #expect(Self.refused(Self.r("\t", ComplexityGuard.maxIndent / 4 + 1) + "a"))
    }

    @Test func blankLinesInsideNestedBlocks() {
        // Each blank line costs as deep as the blocks left open: 64 markers and their spaces count 96.
        let line = Self.r("- ", 64) + "x\n"
        let allowed = ComplexityGuard.maxBlankLineDepthWork / 96
        #expect(!Self.refused(line + Self.r("\n", allowed)))
        #expect(Self.refused(line + Self.r("\n", allowed + 1)))
        // A lazy continuation line keeps the blocks open; a line at column 0 after a blank line closes them.
        #expect(Self.refused(line + "lazy\n" + Self.r("\n", allowed + 1)))
        #expect(!Self.refused(line + "\nclosed\n" + Self.r("\n", allowed)))
        // Blank lines at the top level cost nothing.
        #expect(!Self.refused("a\n" + Self.r("\n", 1_000_000)))
    }

    @Test func autolinkClosingParentheses() {
        let n = ComplexityGuard.maxAutolinkClosers
        #expect(!Self.refused("www.a.b/" + Self.r(")", n)))
        #expect(Self.refused("www.a.b/" + Self.r(")", n + 1)))
        #expect(Self.refused("see https://a.b/x" + Self.r(").", n + 1)))
        // Punctuation the extension does not trim ends the run; words without an autolink are not limited.
        #expect(!Self.refused("www.a.b/" + Self.r(")", n) + "x" + Self.r(")", n)))
        #expect(!Self.refused("(lisp " + Self.r(")", 500) + " www.a.b"))
    }

    @Test func tableCells() {
        // The work is the sum over lines of (number of '|')².
        let side = Int(Double(ComplexityGuard.maxTableCellWork).squareRoot())
        #expect(!Self.refused(Self.r("|", side)))
        #expect(Self.refused(Self.r("|", side + 1)))
        #expect(Self.refused(Self.r(Self.r("|", side / 2) + "\n", 5)))
    }

    @Test func dotsInLongWords() {
        // Each '.' costs its distance back to the word's start: "www." × k costs about 2k².
        #expect(!Self.refused(Self.r("www.", 4_900)))
        #expect(Self.refused(Self.r("www.", 5_100)))
        #expect(!Self.refused(Self.r("e.g. ", 200_000)))
    }
}
