@testable import NoteGraph
import Testing

/// Each node's edge positions are kept end to end in one array (`EdgeLists`): every node must list exactly the
/// edges at it, in graph order, as a list per node did.
@Suite("Edge lists")
struct EdgeListsTests {
    @Test func everyEndListsItsEdgesInOrderAndNonNodesAreLeftOut() {
        let ends: [Int32] = [2, 0, -1, 2, 4, 0, 2, -1]
        let lists = EdgeLists(ends: ends, nodeCount: 6)
        for p in 0..<6 {
            #expect(Array(lists[p]) == ends.indices.filter { ends[$0] == Int32(p) })
        }
        #expect(Array(lists[2]) == [0, 3, 6] && lists[1].isEmpty && lists[5].isEmpty)
        #expect(EdgeLists(ends: [], nodeCount: 3)[1].isEmpty)
    }

    /// On a real corpus's analysed graph, by position and by id, and for an edge to a node that does not exist.
    @Test func aGraphsEdgeIndicesAreTheEdgesAtEachNode() throws {
        let graph = try CorpusFixture.graph("corpus-everything").graph
        for (p, node) in graph.nodes.enumerated() {
            let leaving = graph.edges.indices.filter { graph.edges[$0].source == node.id }
            let arriving = graph.edges.indices.filter { graph.edges[$0].target == node.id }
            #expect(Array(graph.outgoingEdgeIndices(at: p)) == leaving && Array(graph.outgoingEdgeIndices(node.id)) == leaving)
            #expect(Array(graph.incomingEdgeIndices(at: p)) == arriving && Array(graph.incomingEdgeIndices(node.id)) == arriving)
        }
        let a = Node(id: NodeID("note/a"), kind: .note, title: "A", url: "note/a.html")
        let dangling = Graph(nodes: [a], edges: [Edge(source: a.id, target: NodeID("note/missing"), kind: .cites)], unresolved: [], documents: [:])
        #expect(Array(dangling.outgoingEdgeIndices(at: 0)) == [0] && dangling.incomingEdgeIndices(at: 0).isEmpty)
        #expect(Array(dangling.incomingEdgeIndices(NodeID("note/missing"))) == [0] && dangling.outgoingEdgeIndices(NodeID("note/nothing")).isEmpty)
    }
}
