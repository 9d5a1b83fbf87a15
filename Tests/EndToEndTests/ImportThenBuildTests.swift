import BuildPipeline
import Foundation
import Testing
import TestSupport
import Workspace

/// `notegraph import` on a folder mixing every export shape, then `notegraph build`, through the file system.
@Suite("Import then build")
struct ImportThenBuildTests {
    static func temporaryNotes() throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("notegraph-import-\(UUID().uuidString)/notes")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func mixedExportsBuildWithOnlyGenuineWarnings() throws {
        let notes = try Self.temporaryNotes()
        defer { try? FileManager.default.removeItem(at: notes.deletingLastPathComponent()) }
        let writer = ImportWriter(notesFolder: notes)
        let exports = try ImportWriter.readExports([Fixtures.url("eval-corpus/exports").path])
        let first = try writer.run(exports, force: false)
        #expect(first.created.count == 29)  // 16 notes + 1 Sources stub + 6 inquiring lines + 2 hubs + 4 papers (a feed of 2)
        #expect(first.diagnostics.map(\.message).allSatisfy { $0.contains("cut off") })

        let (files, readDiagnostics) = try NotesFolder(notes).read()
        #expect(readDiagnostics.isEmpty)
        let build = try SiteBuild(files: files, templates: TemplateFolder.read(Fixtures.root.appendingPathComponent("templates")))
        let warnings = build.corpus.diagnostics.map(\.message)
        #expect(warnings.filter { !$0.hasPrefix("unresolved link") && !$0.contains("another note has the same title") }.isEmpty, "\(warnings)")
        #expect(warnings.filter { $0.hasPrefix("unresolved link") } == ["unresolved link to 'Can GRPO train without a reward model at all?'"])
        #expect(build.corpus.graph.nodes(ofKind: .inquiry).filter { $0.status == .open }.count == 2)

        // Importing again changes nothing.
        let second = try writer.run(exports, force: false)
        #expect(second.created.isEmpty && second.updated.isEmpty && second.unchanged.count == first.created.count)
    }

    @Test func aNoteEditedByHandSurvivesReimportUnlessForced() throws {
        let notes = try Self.temporaryNotes()
        defer { try? FileManager.default.removeItem(at: notes.deletingLastPathComponent()) }
        let writer = ImportWriter(notesFolder: notes)
        let exports = try ImportWriter.readExports([Fixtures.url("import-seeds").path])
        _ = try writer.run(exports, force: false)
        let paper = notes.appendingPathComponent("paper/implicit-reward-as-the-bridge-a-unified-view-of-sft-and-dpo-connections.md")
        let edited = try String(contentsOf: paper, encoding: .utf8) + "\nMy reading notes.\n"
        try edited.write(to: paper, atomically: true, encoding: .utf8)

        let again = try writer.run(exports, force: false)
        #expect(again.keptEdited == ["paper/implicit-reward-as-the-bridge-a-unified-view-of-sft-and-dpo-connections.md"])
        #expect(again.diagnostics.contains { $0.severity == .warning && $0.message.contains("--force") })
        #expect(try String(contentsOf: paper, encoding: .utf8) == edited)

        let forced = try writer.run(exports, force: true)
        #expect(forced.updated.count == 1)
        #expect(try !String(contentsOf: paper, encoding: .utf8).contains("My reading notes."))
    }
}
