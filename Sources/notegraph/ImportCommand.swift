import ArgumentParser
import Foundation
import Workspace

/// `notegraph import PATH… [--into DIR]`: raw page exports → Markdown notes.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn raw page exports (inquiring lines, notes, hubs, paper pages, arXiv Atom XML) into notes.",
        discussion: "Kinds are detected from content. Citations become [[wikilinks]]. Importing the same exports twice changes nothing; a note edited by hand since its import is kept unless --force."
    )

    @Argument(help: "Export files, or folders of them.") var paths: [String]
    @Option(help: "The notes folder to write into.") var into: String = "notes"
    @Flag(help: "Replace notes even if they were edited since their import.") var force = false

    func run() throws {
        let writer = ImportWriter(notesFolder: URL(fileURLWithPath: into))
        let report = try writer.run(try ImportWriter.readExports(paths), force: force)
        DiagnosticPrinter.print(report.diagnostics, notesFolder: into)
        print("imported into \(into): \(report.created.count) created, \(report.updated.count) updated, \(report.unchanged.count) unchanged, \(report.keptEdited.count) kept (edited by hand)")
    }
}
