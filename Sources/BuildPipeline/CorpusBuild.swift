import GraphAnalysis
import NoteGraph
import NoteParsing

/// The pure part of a build: note files in, analysed graph and diagnostics out. No file system here.
public struct CorpusBuild: Sendable {
    public let documents: [NoteDocument]
    public let graph: Graph
    /// Everything found wrong in the notes, sorted by file and position.
    public let diagnostics: [Diagnostic]

    /// Parses every file on all cores, builds the graph, then analyses it.
    public init(files: [SourceFile]) {
        let documents = parallelMap(files) { NoteParser.parse($0) }
        self.init(documents: documents)
    }

    public init(documents: [NoteDocument]) {
        self.documents = documents
        let (graph, diagnostics) = GraphBuilder.build(documents)
        self.graph = CorpusAnalyzer.analyze(graph)
        self.diagnostics = diagnostics.sorted()
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
