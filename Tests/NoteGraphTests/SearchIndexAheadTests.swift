import Foundation
import GraphAnalysis
import GraphQuery
@testable import GraphStore
import NoteGraph
import Testing

/// The store's search index counted ahead, from the graph of documents before analysis (`SearchIndexAhead`),
/// must make the same file as the index counted from the analysed graph; and when the graph it is used for does not
/// hold the nodes it counted, the store counts them itself.
@Suite("Search index counted ahead")
struct SearchIndexAheadTests {
    static func storeBytes(_ graph: Graph, searchAhead: SearchIndexAhead?) throws -> Data {
        let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("notegraph-ahead-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: file) }
        try StoredGraph.write(graph, toNewFileAt: file.path, searchAhead: searchAhead)
        return try Data(contentsOf: file)
    }

    @Test(arguments: ["corpus-everything", "corpus-faults"])
    func countedAheadStoresTheSameFile(corpus: String) throws {
        let (documents, _) = GraphBuilder.build(try CorpusFixture.documents(corpus))
        let ahead = SearchIndexAhead(documentsOf: documents)
        let graph = CorpusAnalyzer.analyze(documents)
        // Concepts are nodes analysis added, which the ahead index did not count.
        #expect(corpus != "corpus-everything" || graph.count(ofKind: .concept) > 0)
        let plain = try Self.storeBytes(graph, searchAhead: nil)
        #expect(try Self.storeBytes(graph, searchAhead: ahead) == plain)
        // Used up: a second store counts the index itself, and is the same again.
        #expect(try Self.storeBytes(graph, searchAhead: ahead) == plain)
    }

    @Test func aheadOfAnotherCorpusIsNotUsed() throws {
        var changed = try CorpusFixture.documents("corpus-everything")
        changed[0].title += " (renamed)"
        let graph = try CorpusFixture.graph("corpus-everything").graph
        let ahead = SearchIndexAhead(documentsOf: GraphBuilder.build(changed).graph)
        #expect(ahead.index(for: graph, searchable: graph.searchablePositions) == nil)
        let another = SearchIndexAhead(documentsOf: GraphBuilder.build(changed).graph)
        #expect(try Self.storeBytes(graph, searchAhead: another) == Self.storeBytes(graph, searchAhead: nil))
    }
}
