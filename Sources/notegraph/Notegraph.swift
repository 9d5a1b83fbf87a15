import ArgumentParser

/// `notegraph`: research notes → typed knowledge graph → linked static site, and graph queries from the terminal.
@main
struct Notegraph: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notegraph",
        abstract: "Turn a corpus of research notes into a typed knowledge graph and a linked static site.",
        subcommands: [BuildCommand.self, CheckCommand.self, QueryCommand.self, ImportCommand.self, EvalCommand.self],
        defaultSubcommand: BuildCommand.self
    )
}
