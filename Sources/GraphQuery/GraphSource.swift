import GraphAnalysis
import NoteGraph
import NoteParsing

/// What the queries read: the in-memory `Graph` of a build, or the graph a build stored in SQLite
/// (`GraphStore`), which answers without parsing the corpus. Both run the same query code (`GraphQueries`), so
/// they give the same answers.
public protocol GraphSource: Sendable {
    func node(_ id: NodeID) -> Node?
    /// Edges leaving / arriving at `id`, optionally of one kind, in graph order.
    func edges(from id: NodeID, kind: EdgeKind?) -> [Edge]
    func edges(to id: NodeID, kind: EdgeKind?) -> [Edge]
    /// Targets of the unresolved links written in `id`'s note, in source order.
    func unresolvedTargets(from id: NodeID) -> [String]
    /// Every inquiring line, in id order.
    func inquiries() -> [Node]
    /// The first node of `lookupEntries()` whose title is exactly `title`, without reading them all (a typed
    /// title is most often exact).
    func firstNode(titled title: String) -> NodeID?
    /// Every node but claims, in id order: what a typed title is matched against.
    func lookupEntries() -> [LookupEntry]
    /// For each of `ids`, its edges as walks see them (kind and the node at the other end, no sentences): outgoing
    /// edges in graph order, then incoming ones. One call per BFS level instead of two queries per node.
    func adjacency(of ids: [NodeID]) -> [NodeID: [AdjacentEdge]]
    /// The first `limit` edges of `adjacency(of: [id])[id]`, reading no more than that: a node named by thousands
    /// of claims costs a limited walk only what it shows.
    func adjacency(of id: NodeID, limit: Int) -> [AdjacentEdge]
    /// The nodes of `ids` that exist, by id, as listings show them: one lookup for a whole BFS level.
    func summaries(_ ids: [NodeID]) -> [NodeID: NodeSummary]
    /// The search index restricted to `terms` (scores are the same as with the whole index), and the node of each
    /// indexed document.
    func searchIndex(for terms: [String]) -> (index: BM25Index, nodes: [NodeID])
}

/// One edge seen from one of its ends.
public struct AdjacentEdge: Sendable, Equatable {
    public var kind: EdgeKind
    /// The node at the other end.
    public var other: NodeID
    /// True when the edge leaves the node it was listed for.
    public var outgoing: Bool

    public init(kind: EdgeKind, other: NodeID, outgoing: Bool) {
        self.kind = kind
        self.other = other
        self.outgoing = outgoing
    }
}

/// A node as title lookup sees it.
public struct LookupEntry: Sendable {
    public var id: NodeID
    public var title: String
    public var aliases: [String]

    public init(id: NodeID, title: String, aliases: [String]) {
        self.id = id
        self.title = title
        self.aliases = aliases
    }
}

extension Graph: GraphSource {
    public func node(_ id: NodeID) -> Node? { self[id] }
    public func edges(from id: NodeID, kind: EdgeKind?) -> [Edge] { outgoing(id, kind: kind) }
    public func edges(to id: NodeID, kind: EdgeKind?) -> [Edge] { incoming(id, kind: kind) }
    public func unresolvedTargets(from id: NodeID) -> [String] { unresolved(from: id).map(\.target) }
    /// Filtered by position: `nodes(ofKind:)` copies every node (a hundred thousand claims) to test its kind.
    public func inquiries() -> [Node] { nodes.indices.filter { nodes[$0].kind == .inquiry }.map { nodes[$0] } }

    public func adjacency(of ids: [NodeID]) -> [NodeID: [AdjacentEdge]] {
        var result: [NodeID: [AdjacentEdge]] = [:]
        for id in ids where result[id] == nil {
            result[id] = outgoingEdgeIndices(id).map { AdjacentEdge(kind: edges[$0].kind, other: edges[$0].target, outgoing: true) }
                + incomingEdgeIndices(id).map { AdjacentEdge(kind: edges[$0].kind, other: edges[$0].source, outgoing: false) }
        }
        return result
    }

    public func adjacency(of id: NodeID, limit: Int) -> [AdjacentEdge] {
        let outgoing = outgoingEdgeIndices(id).prefix(limit).map { AdjacentEdge(kind: edges[$0].kind, other: edges[$0].target, outgoing: true) }
        let incoming = incomingEdgeIndices(id).prefix(limit - outgoing.count).map { AdjacentEdge(kind: edges[$0].kind, other: edges[$0].source, outgoing: false) }
        return outgoing + incoming
    }

    public func summaries(_ ids: [NodeID]) -> [NodeID: NodeSummary] {
        var result: [NodeID: NodeSummary] = [:]
        for id in ids { if let i = index(of: id) { result[id] = NodeSummary(nodes[i]) } }
        return result
    }

    public func firstNode(titled title: String) -> NodeID? {
        nodes.first { $0.kind != .claim && $0.title == title }?.id
    }

    public func lookupEntries() -> [LookupEntry] {
        nodes.filter { $0.kind != .claim }.map { LookupEntry(id: $0.id, title: $0.title, aliases: $0.aliases) }
    }

    public func searchIndex(for terms: [String]) -> (index: BM25Index, nodes: [NodeID]) {
        let documents = searchDocuments()
        return (BM25Index(documents: documents.map(\.terms)), documents.map(\.id))
    }

    /// The documents of full-text search: every node but claims (their notes are found instead), titles and
    /// aliases weighted three times over the body.
    public func searchDocuments() -> [(id: NodeID, terms: [String])] {
        parallelMap(searchablePositions) { (nodes[$0].id, searchTerms(at: $0)) }
    }

    /// The positions of the nodes `searchDocuments` holds, in its order.
    public var searchablePositions: [Int] {
        // By position, reading only the fields used: filtering `nodes` copied every node, claims included.
        nodes.indices.filter { nodes[$0].kind != .claim }
    }

    /// The search terms of the node at `position` (see `searchDocuments`), for indexing a batch at a time.
    public func searchTerms(at position: Int) -> [String] {
        Graph.searchTerms(title: nodes[position].title, aliases: nodes[position].aliases, body: documents[nodes[position].id]?.plainText ?? nodes[position].summary ?? "")
    }

    /// The search terms of a node with this title and these aliases whose text is `body` (its document's
    /// `plainText`, or its summary when it has no document).
    public static func searchTerms(title: String, aliases: [String], body: String) -> [String] {
        let title = TextTokens.terms(title + " " + aliases.joined(separator: " "))
        return title + title + title + TextTokens.terms(body)
    }
}
