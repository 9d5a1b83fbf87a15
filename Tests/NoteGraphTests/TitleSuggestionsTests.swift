import NoteGraph
import NoteParsing
import Testing

/// The last build's "did you mean" answers are taken only while the titles are the ones they were chosen from.
@Suite("TitleSuggestions")
struct TitleSuggestionsTests {
    static let documents = [
        NoteParser.parse(SourceFile(path: "a.md", text: "# Does instruction tuning teach format?\n")),
        NoteParser.parse(SourceFile(path: "b.md", text: "# B\n\nSee [[Does instruction tuning teach formats?]] and [[Nothing like any title]].\n")),
    ]
    static let written = "Does instruction tuning teach formats?"

    @Test func aBuildReturnsTheAnswersItGaveAndTheNextOneGivesTheSame() throws {
        let (cold, coldDiagnostics, made) = GraphBuilder.build(Self.documents, suggestions: .empty)
        #expect(made.answers[Self.written] == .some("Does instruction tuning teach format?"))
        #expect(made.answers["Nothing like any title"] == .some(nil), "a target with no suggestion is remembered too")
        #expect(made.titles == TitleSuggestions.hash(of: ["Does instruction tuning teach format?", "B"]))
        let (again, againDiagnostics, madeAgain) = GraphBuilder.build(Self.documents, suggestions: made)
        #expect(again.unresolved == cold.unresolved)
        #expect(againDiagnostics == coldDiagnostics)
        #expect(madeAgain == made)
    }

    @Test func answersAreTakenOnlyForTheSameTitles() {
        let (_, _, made) = GraphBuilder.build(Self.documents, suggestions: .empty)
        // An answer no suggester would give shows whether the memo was read.
        var planted = made
        planted.answers[Self.written] = "B"
        let (reused, _, _) = GraphBuilder.build(Self.documents, suggestions: planted)
        #expect(reused.unresolved.first { $0.target == Self.written }?.suggestion == "B")

        planted.titles &+= 1
        let (fresh, _, _) = GraphBuilder.build(Self.documents, suggestions: planted)
        #expect(fresh.unresolved.first { $0.target == Self.written }?.suggestion == "Does instruction tuning teach format?")
    }

    @Test func aTargetTheMemoLacksIsAskedOfTheSuggester() {
        let (_, _, made) = GraphBuilder.build(Self.documents, suggestions: .empty)
        var partial = made
        partial.answers[Self.written] = nil
        let (graph, _, madeNow) = GraphBuilder.build(Self.documents, suggestions: partial)
        #expect(graph.unresolved.first { $0.target == Self.written }?.suggestion == "Does instruction tuning teach format?")
        #expect(madeNow == made)
    }

    @Test func theStateFileRoundTripsAndRefusesAnotherKeyOrDamage() throws {
        let (_, _, made) = GraphBuilder.build(Self.documents, suggestions: .empty)
        let bytes = made.bytes(key: Array("k1".utf8))
        #expect(TitleSuggestions(bytes: bytes, key: Array("k1".utf8)) == made)
        #expect(TitleSuggestions(bytes: bytes, key: Array("k2".utf8)) == nil)
        #expect(TitleSuggestions(bytes: Array(bytes.dropLast(3)), key: Array("k1".utf8)) == nil)
        #expect(made.bytes(key: Array("k1".utf8)) == bytes, "the same answers give the same bytes")
    }
}
