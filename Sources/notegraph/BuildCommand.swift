import ArgumentParser
import BuildPipeline
import Foundation
import Workspace

/// `notegraph build`: notes → site.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the static site from the notes.",
        discussion: "Reads every .md file under --notes, writes the site to --out through a staging folder that is swapped in atomically. Exits 1 if a note has an error (the site is still built from the healthy notes)."
    )

    @OptionGroup var corpus: CorpusOptions
    @Option(help: "The output folder (created by notegraph; a non-empty folder it did not create is refused).")
    var out: String = "site"
    @Option(help: "The templates folder (Mustache templates and assets/).")
    var templates: String = "templates"
    @Option(help: "The site's title.")
    var title: String = "notegraph"
    @Flag(help: "Print how long each phase took, to standard error.")
    var timings = false

    func run() throws {
        let output = SiteOutput(URL(fileURLWithPath: out))
        try output.checkSafe(notesFolder: URL(fileURLWithPath: corpus.notes))
        let templateSet = try TemplateFolder.read(URL(fileURLWithPath: templates))
        var clock = BuildTimings()
        let (files, readDiagnostics) = try clock.measure("read") { try corpus.read() }
        let build = try SiteBuild(files: files, templates: templateSet, siteTitle: title)
        clock.append(build.timings)
        let diagnostics = (readDiagnostics + build.corpus.diagnostics).sorted()
        DiagnosticPrinter.print(diagnostics, notesFolder: corpus.notes)
        let report = try clock.measure("publish") { try output.publish(build.files.map { ($0.path, $0.bytes) }) }
        if timings { FileHandle.standardError.write(Data((clock.report + "\n").utf8)) }
        let g = build.corpus.graph
        print("built \(out)/: \(report.written) files from \(files.count) notes (\(g.nodes(ofKind: .concept).count) concepts, \(g.nodes(ofKind: .claim).count) claims, \(g.unresolved.count) unresolved links); \(DiagnosticPrinter.summary(diagnostics))")
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
