import Foundation
@testable import GraphQuery
import NoteGraph
import Testing

/// graph.json is encoded piece by piece as it is written, a few chunks at a time, and never whole in memory.
@Suite("graph.json in pieces")
struct GraphJSONPartsTests {
    static func pieces(_ graph: Graph) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        GraphJSON.write(graph) { pieces.append($0) }
        return pieces
    }

    @Test func graphJSONPiecesMakeOneValidDocument() throws {
        let graph = try CorpusFixture.graph("corpus-everything").graph
        for g in [graph, Graph(nodes: [], edges: [], unresolved: [], documents: [:])] {
            let pieces = Self.pieces(g)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(pieces.joined())) as? [String: Any])
            #expect((json["nodes"] as? [Any])?.count == g.nodes.count)
            #expect((json["edges"] as? [Any])?.count == g.edges.count)
            #expect((json["unresolved"] as? [Any])?.count == g.unresolved.count)
            #expect(json["version"] as? Int == 1)
            #expect(Array(pieces.joined()) == GraphJSON.encode(g))
        }
        #expect(!graph.unresolved.isEmpty && graph.edges.count > 10)
    }

    /// A graph of many chunks goes out in several rounds, each piece a chunk or a separator, in the graph's order;
    /// no chunk holds more than `maximumChunk` items.
    @Test func aLargeGraphIsHandedOnInChunks() throws {
        let count = GraphJSON.maximumChunk * 4 + 123
        let nodes = (0..<count).map { Node(id: NodeID("note/n\($0)"), kind: .note, title: "Note \($0)", url: "note/n\($0).html") }
        let edges = (1..<count).map { Edge(source: NodeID("note/n\($0)"), target: NodeID("note/n\($0 - 1)"), kind: .cites, context: "see \($0 - 1)") }
        let graph = Graph(nodes: nodes, edges: edges, unresolved: [], documents: [:])
        let pieces = Self.pieces(graph)
        let whole = Array(pieces.joined())
        #expect(pieces.count > 4 * GraphJSON.chunksInFlight)
        #expect(pieces.map(\.count).max()! < whole.count / 6)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(whole)) as? [String: Any])
        let ids = try #require(json["nodes"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(ids == graph.nodes.map(\.id.rawValue) && ids.count == count)
        #expect((json["edges"] as? [Any])?.count == count - 1)
    }
}
