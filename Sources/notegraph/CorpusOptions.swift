import ArgumentParser
import BuildPipeline
import Foundation
import NoteParsing
import Workspace

/// `--notes DIR`, shared by every command that reads the corpus.
struct CorpusOptions: ParsableArguments {
    @Option(name: .long, help: "The notes folder.")
    var notes: String = "notes"

    /// The note files and the problems met reading them.
    func read() throws -> (files: [SourceFile], diagnostics: [Diagnostic]) {
        try NotesFolder(URL(fileURLWithPath: notes)).read()
    }

    /// Reads the notes except those at `unchanged` (see `NotesFolder.read(skipping:)`).
    func read(skipping unchanged: Set<String>) throws -> NotesFolder.Contents {
        try NotesFolder(URL(fileURLWithPath: notes)).read(skipping: unchanged)
    }

    /// Reads and builds the corpus; prints diagnostics to standard error unless told not to.
    func load(printDiagnostics: Bool = true) throws -> CorpusBuild {
        let (files, readDiagnostics) = try read()
        let build = CorpusBuild(files: files)
        let all = (readDiagnostics + build.diagnostics).sorted()
        if printDiagnostics { DiagnosticPrinter.print(all, notesFolder: notes) }
        return build
    }
}

/// Prints diagnostics as `notes/file.md:line:col: severity: message`, paths relative to the working directory.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic], notesFolder: String) {
        guard !diagnostics.isEmpty else { return }
        FileHandle.standardError.write(Data(text(diagnostics, notesFolder: notesFolder).utf8))
    }

    /// The diagnostics as printed, one per line.
    static func text(_ diagnostics: [Diagnostic], notesFolder: String) -> String {
        let prefix = notesFolder.hasSuffix("/") ? notesFolder : notesFolder + "/"
        var out = ""
        for d in diagnostics {
            var shown = d
            shown.file = prefix + d.file
            out += shown.description + "\n"
        }
        return out
    }

    static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
