import ArgumentParser

/// `notegraph import`: raw page exports → Markdown notes.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Turn raw page exports into notes.")
    @Argument(help: "Export files or folders.") var paths: [String]
    @Option(help: "The notes folder to write into.") var into: String = "notes"
    @Flag(help: "Overwrite notes edited since their import.") var force = false
    func run() throws {}
}
