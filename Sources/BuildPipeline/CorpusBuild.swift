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

    /// Parses every file on all cores, builds the graph, then analyses it.
    public init(files: [SourceFile]) {
        var timings = BuildTimings()
        let documents = timings.measure("parse") { parallelMap(files) { NoteParser.parse($0) } }
        self.init(documents: documents, timings: timings)
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
