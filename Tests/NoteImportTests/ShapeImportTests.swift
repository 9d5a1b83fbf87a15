import Foundation
@testable import NoteImport
import Testing

@Suite("Importing every export shape")
struct ShapeImportTests {
    let result: ImportResult

    init() throws {
        result = Importer.run(try ImportFixtures.exports("import-shapes") + ImportFixtures.seeds(), existing: [])
    }

    @Test func kindsAreDetectedFromContent() {
        let kinds = Dictionary(result.notes.map { ($0.title, $0.kind) }, uniquingKeysWith: { a, _ in a })
        #expect(kinds["How do process reward models score reasoning steps?"] == .inquiry)
        #expect(kinds["Can decoding-time methods replace fine-tuning entirely?"] == .inquiry)
        #expect(kinds["Do PRMs beat outcome rewards on math search?"] == .note)
        #expect(kinds["Does Best-of-N scale with verifier quality?"] == .note)
        #expect(kinds["What makes verifiers work?"] == .hub)
        #expect(kinds["Let's Verify Step by Step"] == .paper)
        #expect(kinds["KTO: Model Alignment as Prospect Theoretic Optimization"] == .paper)
        #expect(kinds["Direct Preference Optimization: Your Language Model is Secretly a Reward Model"] == .paper)
    }

    @Test func inlineCitationsInEveryShapeBecomeWikilinks() throws {
        let inquiry = try #require(result.note("How do process reward models score reasoning steps?"))
        let prose = ImportFixtures.wikilinks(inquiry.markdown.components(separatedBy: "## Sources")[0])
        // Sentence subject, parentheses after "see", chained with no separator, repeated.
        #expect(prose == [
            "Do PRMs beat outcome rewards on math search?",
            "Does supervised fine-tuning actually improve reasoning on optimization problems?",
            "Does Best-of-N scale with verifier quality?",
            "Do PRMs beat outcome rewards on math search?",
        ])
        // A rhetorical question matching no title stays text.
        #expect(inquiry.markdown.contains("Why does this happen? The step signal"))
        #expect(inquiry.markdown.contains("## Next inquiring lines\n\n- [[Why does KTO skip supervised fine-tuning while DPO cannot?]]"))
    }

    @Test func cutOffExportKeepsItsTextButNotTheTitlePrefix() throws {
        let cut = try #require(result.note("Can decoding-time methods replace fine-tuning entirely?"))
        #expect(ImportFixtures.wikilinks(cut.markdown) == ["Do PRMs beat outcome rewards on math search?"])
        #expect(cut.markdown.contains("Can decoding-time tuning preserve knowledge better than"))
        #expect(result.diagnostics.contains { $0.file == "inquiry-cut-off.txt" && $0.message.contains("cut off") })
    }

    @Test func noteMetadataCategoriesBigQuestionsAndFooters() throws {
        let note = try #require(result.note("Do PRMs beat outcome rewards on math search?"))
        #expect(note.markdown.contains("date: \"2025-03-14\""))
        #expect(note.markdown.contains("collection: \"Linguistics, NLP, NLU\""))
        #expect(note.markdown.contains("categories: [\"Training, RL, and Test-Time Scaling\", \"Reasoning, Retrieval, and Evaluation\"]"))
        #expect(note.markdown.contains("summary: \"Step-level verifiers beat outcome verifiers on search.\""))
        #expect(note.markdown.contains("Big questions: [[What makes verifiers work?]] · [[Where does test-time compute pay off?]]"))
        #expect(!note.markdown.contains("Inquiring lines that use this note"))
        #expect(!note.markdown.contains("direct connections"))
        #expect(!note.markdown.contains("Open in graph"))
        #expect(note.markdown.contains("1. Label steps with a verifier."))
        #expect(ImportFixtures.wikilinks(note.markdown).contains("Does Best-of-N scale with verifier quality?"))
    }

    @Test func mirrorHostNoteWithoutMarker() throws {
        let note = try #require(result.note("Does Best-of-N scale with verifier quality?"))
        #expect(note.markdown.contains("categories: [\"Model Architecture and Internals\"]"))
        #expect(note.markdown.contains("See [[Do PRMs beat outcome rewards on math search?]] for the step-level case."))
    }

    @Test func hubSectionsListMembers() throws {
        let hub = try #require(result.note("What makes verifiers work?"))
        #expect(hub.markdown.contains("## Verifiers\n\n- [[Do PRMs beat outcome rewards on math search?]] — Step verifiers beat outcome verifiers.\n- [[Does Best-of-N scale with verifier quality?]] — Scaling with verifier quality."))
        #expect(!hub.markdown.contains("Explore related"))
    }

    @Test func mirrorPaperAndAtomFeed() throws {
        let mirror = try #require(result.note("Let's Verify Step by Step"))
        #expect(mirror.markdown.contains("arxiv: \"2305.20050\""))
        #expect(mirror.markdown.contains("date: \"2023-05-31\""))
        #expect(mirror.markdown.contains("tags: [\"Reinforcement Learning\", \"Large Language Models\", \"Reasoning\"]"))
        let kto = try #require(result.note("KTO: Model Alignment as Prospect Theoretic Optimization"))
        #expect(kto.markdown.contains("arxiv: \"2402.01306\""))
        #expect(kto.markdown.contains("binary signals & matches DPO at scales from 1B to 30B <without> preference pairs."))
        #expect(kto.markdown.contains("tags: [\"cs.LG\", \"cs.CL\"]"))
        #expect(kto.markdown.contains("summary: \"By Kawin Ethayarajh, Douwe Kiela.\""))
    }

    @Test func malformedXMLIsAnErrorWithALine() {
        let d = result.diagnostics.first { $0.file == "broken-feed.xml" }
        #expect(d?.severity == .error)
        #expect((d?.location.line ?? 0) >= 3)
    }
}

@Suite("Category lines")
struct CategoryLineTests {
    @Test func splitsGluedNamesWithCommasAndSpacesLongestFirst() {
        let split = KnownCategoriesProbe.split("Training, RL, and Test-Time Scaling Reasoning, Retrieval, and Evaluation Model Architecture and Internals")
        #expect(split.names == ["Training, RL, and Test-Time Scaling", "Reasoning, Retrieval, and Evaluation", "Model Architecture and Internals"])
        #expect(split.unknown == nil)
    }

    @Test func collectionsOfTheImportTeachNewCategoryNames() {
        let note = """
        Quantum Things, Qubits, and Stuff Linguistics, NLP, NLU

        Is this a question?

        A subtitle.

        Note · 2024-01-01 · sourced from Quantum Things, Qubits, and Stuff

        Body.
        """
        let result = Importer.run([RawExport(name: "q.txt", text: note)], existing: [])
        #expect(result.notes.first?.markdown.contains("categories: [\"Quantum Things, Qubits, and Stuff\", \"Linguistics, NLP, NLU\"]") == true)
        #expect(result.diagnostics.isEmpty)
    }
}

/// Names the internal splitter for the tests above.
typealias KnownCategoriesProbe = KnownCategories

@Suite("Cued titles of missing pages")
struct CuedTitleTests {
    @Test func seeExtendsAndConnectionsMarkTitlesOfPagesNotInTheCorpus() {
        let note = """
        Training, RL, and Test-Time Scaling

        Does the known note exist?

        A subtitle.

        Note · 2024-01-01 · sourced from Training, RL, and Test-Time Scaling

        See Why do reward models overfit to response length? for the data side. This extends Is the missing page really missing? with numbers. Why does this happen? Nobody knows.

        Connections: Does the known note exist?, Are there other missing pages here?
        """
        let result = Importer.run([RawExport(name: "n.txt", text: note)], existing: [])
        let markdown = result.notes.first?.markdown ?? ""
        #expect(markdown.contains("See [[Why do reward models overfit to response length?]] for the data side."))
        #expect(markdown.contains("This extends [[Is the missing page really missing?]] with numbers."))
        #expect(markdown.contains("Why does this happen? Nobody knows."))  // rhetorical: left alone
        #expect(markdown.contains("Connections: Does the known note exist?, [[Are there other missing pages here?]]"))  // own title stays text
    }
}
