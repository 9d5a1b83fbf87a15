import ArgumentParser
import BuildPipeline
import Foundation
import Workspace

/// `notegraph eval GOLD`: scores extraction on a labelled corpus of raw exports.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score citations, unresolved links, statuses, concepts and claim numbers against a labelled corpus.",
        discussion: "Imports the exports, builds the graph and prints precision and recall per category. The gold file format is described in Tests/Fixtures/eval-corpus/README.md."
    )

    @Argument(help: "The gold annotations (JSON).") var gold: String
    @Option(help: "The folder of raw exports (default: 'exports' beside the gold file).") var exports: String?

    func run() throws {
        let goldURL = URL(fileURLWithPath: gold)
        let standard = try JSONDecoder().decode(GoldStandard.self, from: Data(contentsOf: goldURL))
        let folder = exports ?? goldURL.deletingLastPathComponent().appendingPathComponent("exports").path
        let evaluation = Evaluation(exports: try ImportWriter.readExports([folder]), gold: standard)
        print(evaluation.report, terminator: "")
    }
}
