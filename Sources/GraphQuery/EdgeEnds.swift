import NoteGraph

/// The positions in `graph.nodes` of every edge's two ends, found once for a whole pass over the graph.
///
/// The site and the store read the ends of each edge up to twice (from either side); looking each one up by id
/// hashed the id string every time. Here no id is hashed: each node's edge lists are read by its position.
public struct EdgeEnds: Sendable {
    /// Indexed by edge position; -1 where that end is not a node. `Int32` halves the table (a 10,000-note graph
    /// has about 450,000 edges).
    private let sources: [Int32]
    private let targets: [Int32]

    public init(_ graph: Graph) {
        var sources = [Int32](repeating: -1, count: graph.edges.count)
        var targets = [Int32](repeating: -1, count: graph.edges.count)
        for p in graph.nodes.indices {
            for e in graph.outgoingEdgeIndices(at: p) { sources[e] = Int32(p) }
            for e in graph.incomingEdgeIndices(at: p) { targets[e] = Int32(p) }
        }
        self.sources = sources
        self.targets = targets
    }

    /// The node position of edge `e`'s source, or nil when the source is not a node.
    public func source(_ e: Int) -> Int? {
        let p = sources[e]
        return p < 0 ? nil : Int(p)
    }

    /// The node position of edge `e`'s target, or nil when the target is not a node.
    public func target(_ e: Int) -> Int? {
        let p = targets[e]
        return p < 0 ? nil : Int(p)
    }
}
