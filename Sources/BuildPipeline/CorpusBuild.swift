import GraphAnalysis
import NoteGraph
import NoteParsing

/// The pure part of a build: note files in, analysed graph and diagnostics out. No file system here.
public struct CorpusBuild: Sendable {
    public let documents: [NoteDocument]
    public let graph: Graph
    /// Everything found wrong in the notes, sorted by file and position.
    public let diagnostics: [Diagnostic]
    public let timings: BuildTimings
    /// How many documents came from the parse cache instead of the parser.
    public private(set) var reusedDocuments = 0

    /// Parses every file on all cores, builds the graph, then analyses it.
    public init(files: [SourceFile]) {
        var timings = BuildTimings()
        let documents = timings.measure("parse") { parallelMap(files) { NoteParser.parse($0) } }
        self.init(documents: documents, timings: timings)
    }

    /// The same, taking unchanged notes' documents from `cache` and handing the next build's cache, made under
    /// `key`, to `keep` in pieces (see `ParseCache`).
    public init(files: [SourceFile], cache: ParseCache, key: [UInt8], keep: ([UInt8]) -> Void) {
        var timings = BuildTimings()
        let (documents, reused) = timings.measure("parse") { cache.documents(for: files, key: key, keep: keep) }
        self.init(documents: documents, timings: timings)
        reusedDocuments = reused
    }

    public init(documents: [NoteDocument], timings: BuildTimings = BuildTimings()) {
        var timings = timings
        self.documents = documents
        let (graph, diagnostics) = timings.measure("graph") { GraphBuilder.build(documents) }
        self.graph = timings.measure("analyse") { CorpusAnalyzer.analyze(graph) }
        self.diagnostics = diagnostics.sorted()
        self.timings = timings
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
