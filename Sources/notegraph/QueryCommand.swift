import ArgumentParser
import BuildPipeline
import Foundation
import GraphQuery
import GraphStore
import NoteGraph
import Workspace

/// `notegraph query …`: questions over the graph, as text or `--json`.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Ask the graph: open questions, a node, search, neighbours, paths.",
        subcommands: [Open.self, Show.self, Search.self, Neighbors.self, Path.self]
    )
    // Every command names itself: ArgumentParser otherwise derives the name from the type with
    // `String(describing:)`, for every command of the tree on every run, and the dynamic casts behind it scan all
    // protocol conformances of the binary (3% of a no-op build's CPU time).

    struct Output: ParsableArguments {
        @OptionGroup var corpus: CorpusOptions
        @Option(help: "The built site whose stored graph answers, when it was built from the notes as they are now.")
        var site: String = "site"
        @Flag(help: "Print JSON instead of text.") var json = false

        /// The stored graph of the last build when no note changed since (milliseconds), else the notes, read
        /// and analysed now (seconds on a large corpus). Both give the same answers.
        func queries() throws -> GraphQueries {
            let output = SiteOutput(URL(fileURLWithPath: site))
            let current = InputSignature(notes: URL(fileURLWithPath: corpus.notes), templates: nil, options: "", previous: output.storedBytes("listing").map(FolderListing.init(bytes:)))
            if let stored = output.storedBytes("inputs"), InputSignature(bytes: stored).sameGraph(as: current),
               let graph = try? StoredGraph(path: output.storedStatePath("graph.sqlite")) {
                return GraphQueries(source: graph)
            }
            return GraphQueries(graph: try corpus.load(printDiagnostics: false).graph)
        }

        func emit<T: Encodable>(_ value: T, text: (T) -> String) {
            if json {
                FileHandle.standardOutput.write(GraphJSON.encodeSorted(value) + Data("\n".utf8))
            } else {
                Swift.print(text(value), terminator: "")
            }
        }

        /// Resolves a typed title; on failure prints "did you mean" and exits 1.
        func node(_ title: String, in q: GraphQueries) throws -> NodeID {
            switch TitleLookup.find(title, in: q.source) {
            case .found(let id): return id
            case .ambiguous(let titles):
                FileHandle.standardError.write(Data("notegraph: '\(title)' matches several titles:\n\(titles.map { "  \($0)\n" }.joined())".utf8))
            case .notFound(let suggestions):
                let hint = suggestions.isEmpty ? "" : " Did you mean:\n\(suggestions.map { "  \($0)\n" }.joined())"
                FileHandle.standardError.write(Data("notegraph: no note titled '\(title)'.\(hint)\n".utf8))
            }
            throw ExitCode(1)
        }
    }

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open", abstract: "Open and partial questions with their ranked evidence.")
        @OptionGroup var output: Output
        func run() throws {
            output.emit(try output.queries().openQuestions(), text: QueryReport.openQuestions)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Everything about one note, concept or question.")
        @OptionGroup var output: Output
        @Argument(help: "A title, alias, id, or unambiguous title prefix.") var title: String
        func run() throws {
            let q = try output.queries()
            output.emit(q.detail(try output.node(title, in: q))!, text: QueryReport.detail)
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "search", abstract: "Ranked full-text search (BM25) over titles, aliases and text.")
        @OptionGroup var output: Output
        @Option(help: "How many results.") var limit = 20
        @Argument(help: "Words to search for.") var text: [String]
        func run() throws {
            output.emit(try output.queries().search(text.joined(separator: " "), limit: limit), text: QueryReport.search)
        }
    }

    struct Neighbors: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "neighbors", abstract: "Nodes within N edges of a node.")
        @OptionGroup var output: Output
        @Option(help: "How many edges away.") var depth = 1
        @Option(help: "Only follow edges of this kind (cites, next, member, mentions, asserts, evidence); repeatable.")
        var kind: [String] = []
        @Option(help: "Show the nearest N neighbours (0: all of them); the rest are counted as a note on the last line (or on standard error with --json).")
        var limit = 100
        @Argument(help: "A title, alias, id, or unambiguous title prefix.") var title: String

        func validate() throws {
            if limit < 0 { throw ValidationError("--limit must be 0 (all) or more") }
            for k in kind where EdgeKind(rawValue: k) == nil {
                throw ValidationError("unknown edge kind '\(k)'; expected one of \(EdgeKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if depth < 1 { throw ValidationError("--depth must be at least 1") }
        }

        func run() throws {
            let q = try output.queries()
            let id = try output.node(title, in: q)
            let kinds = kind.isEmpty ? nil : Set(kind.compactMap(EdgeKind.init(rawValue:)))
            guard limit > 0 else { return output.emit(q.neighbors(of: id, depth: depth, kinds: kinds), text: QueryReport.neighbors) }
            let found = q.neighbors(of: id, depth: depth, kinds: kinds, limit: limit)
            output.emit(found.neighbors, text: QueryReport.neighbors)
            if !found.complete {
                let note = "… more neighbours than the \(limit) shown (--limit 0 lists them all)\n"
                if output.json { FileHandle.standardError.write(Data(note.utf8)) } else { Swift.print(note, terminator: "") }
            }
        }
    }

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "path", abstract: "The shortest chain of edges between two nodes.")
        @OptionGroup var output: Output
        @Argument(help: "From (title, alias, id or prefix).") var from: String
        @Argument(help: "To (title, alias, id or prefix).") var to: String
        func run() throws {
            let q = try output.queries()
            let a = try output.node(from, in: q), b = try output.node(to, in: q)
            guard let steps = q.path(from: a, to: b) else {
                FileHandle.standardError.write(Data("notegraph: no path between these nodes\n".utf8))
                throw ExitCode(1)
            }
            output.emit(steps, text: QueryReport.path)
        }
    }
}
