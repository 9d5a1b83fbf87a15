import Foundation
import NoteImport
import Testing

@Suite("Importing the real seeds")
struct SeedImportTests {
    static let kto = "Why does KTO skip supervised fine-tuning while DPO cannot?"

    @Test func inquiryCitesItsSevenSourcesInlineAndInItsSourcesList() throws {
        let result = Importer.run(try ImportFixtures.seeds(), existing: [])
        let inquiry = try #require(result.note(Self.kto))
        #expect(inquiry.path == "inquiry/why-does-kto-skip-supervised-fine-tuning-while-dpo-cannot.md")
        let body = inquiry.markdown.components(separatedBy: "## Sources")[0]
        let prose = ImportFixtures.wikilinks(body)
        #expect(prose.count == 7)
        #expect(Set(prose).count == 7)
        let listed = ImportFixtures.wikilinks(inquiry.markdown.components(separatedBy: "## Sources")[1])
        #expect(Set(listed) == Set(prose))
        #expect(!inquiry.markdown.contains("## Next inquiring lines"))  // the seed's list is empty
    }

    @Test func sourcesEntriesBecomeNotesMarkedAsKnownOnlyFromTheList() throws {
        let result = Importer.run(try ImportFixtures.seeds(), existing: [])
        let stubs = result.notes.filter { $0.markdown.contains("origin: \"sources-list\"") }
        #expect(stubs.count == 7)
        #expect(stubs.allSatisfy { $0.kind == .note && $0.path.hasPrefix("note/") })
        let lima = try #require(result.note("Can careful curation replace massive alignment datasets?"))
        #expect(lima.markdown.contains("LIMA demonstrates that 1000 carefully curated examples"))
    }

    @Test func paperKeepsSummaryAndAbstractWithLaTeXRemoved() throws {
        let result = Importer.run(try ImportFixtures.seeds(), existing: [])
        let paper = try #require(result.note("Implicit Reward as the Bridge: A Unified View of SFT and DPO Connections"))
        #expect(paper.kind == .paper)
        #expect(paper.markdown.contains("up to 25% relative gain"))
        #expect(!paper.markdown.contains("\\%"))
        #expect(paper.markdown.contains("summary: \"A unified theoretical framework links"))
        #expect(!paper.markdown.contains("Models citing this paper"))
    }

    @Test func importingTwiceGivesIdenticalFiles() throws {
        let a = Importer.run(try ImportFixtures.seeds(), existing: [])
        let b = Importer.run(try ImportFixtures.seeds().reversed(), existing: [])
        #expect(a.notes == b.notes)
        #expect(a.notes.count == 9)
    }

    @Test func existingFullNotesAreNotDuplicatedAndStubsAreRefreshed() throws {
        let existing = [
            ExistingNote(title: "Can careful curation replace massive alignment datasets?", aliases: [], path: "note/lima.md"),
            ExistingNote(title: "Does preference tuning actually reduce the diversity of model outputs?", aliases: [], path: "note/old-stub.md", origin: "sources-list"),
        ]
        let result = Importer.run(try ImportFixtures.seeds(), existing: existing)
        #expect(result.note("Can careful curation replace massive alignment datasets?") == nil)
        #expect(result.note("Does preference tuning actually reduce the diversity of model outputs?")?.path == "note/old-stub.md")
    }
}

@Suite("Re-import decisions")
struct WriteDecisionTests {
    static func imported() throws -> String {
        try #require(Importer.run(try ImportFixtures.seeds(), existing: []).note(SeedImportTests.kto)).markdown
    }

    @Test func createUnchangedAndUpdate() throws {
        let note = try Self.imported()
        #expect(Importer.decide(existing: nil, new: note, force: false) == .create)
        #expect(Importer.decide(existing: note, new: note, force: false) == .unchanged)
        // The source changed, the file on disk is as notegraph wrote it: update in place.
        let newer = note.replacingOccurrences(of: "Straight answer first", with: "Short answer first")
        #expect(Importer.decide(existing: note, new: newer, force: false) == .update)
    }

    @Test func aNoteEditedByHandIsKeptUnlessForced() throws {
        let note = try Self.imported()
        let edited = note + "\nMy own remark.\n"
        let newer = note.replacingOccurrences(of: "Straight answer first", with: "Short answer first")
        #expect(Importer.decide(existing: edited, new: newer, force: false) == .keepEdited)
        #expect(Importer.decide(existing: edited, new: newer, force: true) == .update)
        #expect(Importer.decide(existing: "# A note someone wrote\n", new: newer, force: false) == .keepEdited)
    }
}

@Suite("Line endings")
struct LineEndingTests {
    @Test func crlfExportsImportLikeLFExports() throws {
        let seeds = try ImportFixtures.seeds()
        let crlf = seeds.map { RawExport(name: $0.name, text: $0.text.replacingOccurrences(of: "\n", with: "\r\n")) }
        #expect(Importer.run(crlf, existing: []).notes == Importer.run(seeds, existing: []).notes)
    }
}
