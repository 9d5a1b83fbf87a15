import ArgumentParser
import Foundation

/// `notegraph check`: reports every problem in the notes; exits non-zero when there are errors.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report problems in the notes (file:line:col); exit 1 if any is an error."
    )

    @OptionGroup var corpus: CorpusOptions

    func run() throws {
        let build = try corpus.load()
        let g = build.graph
        print("\(g.nodes.filter { $0.kind.isDocument }.count) notes, \(g.edges.count) edges, \(g.unresolved.count) unresolved links; \(DiagnosticPrinter.summary(build.diagnostics))")
        if build.hasErrors { throw ExitCode(1) }
    }
}
