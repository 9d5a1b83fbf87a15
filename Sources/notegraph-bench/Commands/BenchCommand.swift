import ArgumentParser

/// Root command: `notegraph-bench generate …` and `notegraph-bench run …` (the default).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notegraph-bench",
        abstract: "Synthetic-corpus generator and side-by-side benchmark for notegraph vs Hugo vs raw libcmark-gfm.",
        subcommands: [RunCommand.self, GenerateCommand.self, CmarkCommand.self],
        defaultSubcommand: RunCommand.self
    )
}

extension LinkStyle: ExpressibleByArgument {}
