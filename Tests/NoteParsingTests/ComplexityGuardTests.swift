import NoteParsing
import Testing

@Suite("ComplexityGuard")
struct ComplexityGuardTests {
    @Test(arguments: [
        ("link openers", String(repeating: "![[]()", count: 80_000)),
        ("nested brackets", String(repeating: "[", count: 50_000) + "a" + String(repeating: "]", count: 50_000)),
        ("nested block quotes", String(repeating: "> ", count: 5_000) + "*a*\n"),
        ("nested lists", (0..<1_000).map { String(repeating: "  ", count: $0) + "- a\n" }.joined()),
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
        let body = (0..<200).map { "Paragraph \($0) cites [[Note \($0)?]] and [a link](x.md).\n\n> quoted\n\n- item\n  - sub item\n" }.joined()
        #expect(ComplexityGuard.problem(in: body[...]) == nil)
    }
}
