import Foundation
import GraphQuery
import NoteGraph
import Testing

/// graph.json is encoded in parts that are written one after another and never joined in memory.
@Suite("graph.json in parts")
struct GraphJSONPartsTests {
    @Test func graphJSONPartsMakeOneValidDocument() throws {
        let graph = try CorpusFixture.graph("corpus-everything").graph
        for g in [graph, Graph(nodes: [], edges: [], unresolved: [], documents: [:])] {
            let parts = GraphJSON.encodedParts(g)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(parts.joined())) as? [String: Any])
            #expect((json["nodes"] as? [Any])?.count == g.nodes.count)
            #expect((json["edges"] as? [Any])?.count == g.edges.count)
            #expect((json["unresolved"] as? [Any])?.count == g.unresolved.count)
            #expect(json["version"] as? Int == 1)
        }
        #expect(!graph.unresolved.isEmpty && graph.edges.count > 10)
    }

}
