import Foundation
import GraphAnalysis
import NoteGraph
import NoteParsing
import TestSupport

/// Loads a fixture corpus (`Tests/Fixtures/<name>`) into parsed documents and the analysed graph.
enum CorpusFixture {
    static func documents(_ name: String) throws -> [NoteDocument] {
        try sources(name).map(NoteParser.parse)
    }

    /// The corpus's note files, by path.
    static func sources(_ name: String) throws -> [SourceFile] {
        let root = Fixtures.url(name)
        let paths = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }.sorted()
        return try paths.map { path in
            SourceFile(path: path, text: try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8))
        }
    }

    static func graph(_ name: String) throws -> (graph: Graph, diagnostics: [Diagnostic]) {
        let (graph, diagnostics) = GraphBuilder.build(try documents(name))
        return (CorpusAnalyzer.analyze(graph), diagnostics)
    }
}

extension Graph {
    func node(titled title: String) -> Node? {
        nodes.first { $0.title == title }
    }

    func id(_ title: String) -> NodeID {
        node(titled: title)!.id
    }
}
