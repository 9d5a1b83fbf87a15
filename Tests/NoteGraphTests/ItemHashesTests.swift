import Foundation
@testable import GraphQuery
import NoteGraph
import Testing

/// The one hash per node and edge that graph.json's chunks and the site's page fingerprints share.
@Suite struct ItemHashesTests {
    static let graph = GraphJSONChunksTests.graph(count: 50)

    /// Nodes hash as their graph.json encoding does; edges too, with a claim's sentence in, which graph.json leaves
    /// out but a page shows: a changed sentence changes the hash even where the encoding stays the same.
    @Test func equalItemsHashEquallyAndAClaimEdgesSentenceCounts() throws {
        let hashes = ItemHashes(Self.graph)
        #expect(hashes.nodes.count == Self.graph.nodes.count && hashes.edges.count == Self.graph.edges.count)
        #expect(ItemHashes(Self.graph).edges == hashes.edges)
        #expect(Set(hashes.nodes).count == hashes.nodes.count && Set(hashes.edges).count == hashes.edges.count)

        let asserts = try #require(Self.graph.edges.firstIndex { $0.kind == .asserts })
        var edges = Self.graph.edges
        edges[asserts].context = "A different sentence."
        let changed = Graph(nodes: Self.graph.nodes, edges: edges, unresolved: [], documents: [:])
        let moved = try #require(changed.edges.firstIndex { $0.context == "A different sentence." })
        #expect(GraphJSON.encode(changed) == GraphJSON.encode(Self.graph), "graph.json leaves a claim edge's sentence out")
        #expect(ItemHashes(changed).edges[moved] != hashes.edges[asserts])
        #expect(ItemHashes(changed).nodes == hashes.nodes)

        // A citation's sentence is in graph.json and in the hash.
        let cites = try #require(Self.graph.edges.firstIndex { $0.kind == .cites })
        edges = Self.graph.edges
        edges[cites].context = "see it elsewhere"
        let recited = Graph(nodes: Self.graph.nodes, edges: edges, unresolved: [], documents: [:])
        #expect(Set(ItemHashes(recited).edges) != Set(hashes.edges))
        #expect(GraphJSON.encode(recited) != GraphJSON.encode(Self.graph))
    }
}
