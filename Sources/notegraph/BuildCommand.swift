import ArgumentParser
import BuildPipeline
import Foundation
import GraphQuery

/// `notegraph build`: notes → site.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the static site from the notes.")

    @OptionGroup var corpus: CorpusOptions
    @Option(help: "The output folder.") var out: String = "site"
    @Option(help: "The templates folder.") var templates: String = "templates"

    func run() throws {
        let build = try corpus.load()
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try GraphJSON.encode(build.graph).write(to: URL(fileURLWithPath: out).appendingPathComponent("graph.json"))
        if build.hasErrors { throw ExitCode(1) }
    }
}
