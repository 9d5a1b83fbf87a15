import GraphAnalysis
import NoteGraph

/// The questions a person (or the site) asks of the graph. Shared by `notegraph query` and the site pages,
/// so both always give the same answer.
public struct GraphQueries: Sendable {
    /// Where the answers come from: a build's graph, or a stored one.
    public let source: any GraphSource

    public init(graph: Graph) {
        self.source = graph
    }

    public init(source: any GraphSource) {
        self.source = source
    }

    /// The in-memory graph, when the queries run on one (the site builder's case).
    public var graph: Graph {
        guard let graph = source as? Graph else { preconditionFailure("GraphQueries.graph used on a stored graph") }
        return graph
    }

    /// Open questions first, then partial ones; each with its evidence, best first.
    public func openQuestions() -> [OpenQuestion] {
        let questions = source.inquiries()
            .filter { $0.status == .open || $0.status == .partial }
            .sorted { ($0.status!, $0.title) < ($1.status!, $1.title) }
        // A question's edges read once (a stored graph reads them all to pick one kind), and one lookup for every
        // evidence node of every question: one per edge took most of the answer's time on a stored graph
        // (thousands of evidence edges when a fifth of the lines admit a gap).
        let outgoing = questions.map { source.edges(from: $0.id, kind: nil) }
        let summaries = source.summaries(Array(Set(outgoing.flatMap { $0.lazy.filter { $0.kind == .evidence }.map(\.target) })))
        return zip(questions, outgoing).map { inquiry, edges in
            let citing = Dictionary(edges.filter { $0.kind == .cites }.map { ($0.target, $0.context) }, uniquingKeysWith: { a, _ in a })
            let evidence = edges.filter { $0.kind == .evidence }.compactMap { edge -> EvidenceItem? in
                guard let node = summaries[edge.target] else { return nil }
                return EvidenceItem(
                    node: node, score: edge.score ?? 0, reason: edge.reason ?? "",
                    cited: citing[edge.target] != nil, citingSentence: citing[edge.target] ?? nil, excerpt: edge.context
                )
            }
            return OpenQuestion(question: NodeSummary(inquiry), status: inquiry.status!.rawValue, reasons: inquiry.statusReasons, evidence: evidence)
        }
    }

    public func detail(_ id: NodeID) -> NodeDetail? {
        guard let node = source.node(id) else { return nil }
        func view(_ edge: Edge, other: NodeID) -> EdgeView? {
            source.node(other).map { EdgeView(kind: edge.kind.rawValue, node: NodeSummary($0), context: edge.context, score: edge.score, reason: edge.reason) }
        }
        return NodeDetail(
            node: NodeSummary(node), aliases: node.aliases, tags: node.tags, summary: node.summary, reasons: node.statusReasons,
            outgoing: source.edges(from: id, kind: nil).compactMap { view($0, other: $0.target) },
            incoming: source.edges(to: id, kind: nil).compactMap { view($0, other: $0.source) },
            unresolved: source.unresolvedTargets(from: id)
        )
    }

    /// Ranked full-text search over titles, aliases and bodies (claims excluded: their notes are found instead).
    /// The index is built here, not in `init`: only searches need it, and a site build would pay for it otherwise.
    public func search(_ text: String, limit: Int = 20) -> [SearchHit] {
        let terms = TextTokens.terms(text)
        let (index, nodes) = source.searchIndex(for: terms)
        // The limit goes to the index, which then works out matched terms for the hits shown only (for every
        // document holding a query term, it was most of a search).
        return index.search(terms, limit: limit).compactMap { hit in
            source.node(nodes[hit.document]).map { SearchHit(node: NodeSummary($0), score: (hit.score * 1000).rounded() / 1000, matchedTerms: hit.matchedTerms) }
        }
    }

    /// Nodes within `depth` edges of `id`, either direction, optionally only along edges of some kinds.
    public func neighbors(of id: NodeID, depth: Int = 1, kinds: Set<EdgeKind>? = nil) -> [Neighbor] {
        var seen: Set<NodeID> = [id]
        var frontier = [id]
        var frontierNodes = source.summaries([id])
        var result: [Neighbor] = []
        for level in 1...max(depth, 1) where !frontier.isEmpty {
            let adjacency = source.adjacency(of: frontier)
            var found: [(from: NodeID, edge: AdjacentEdge)] = []
            for current in frontier {
                for edge in adjacency[current] ?? [] where (kinds?.contains(edge.kind) ?? true) && seen.insert(edge.other).inserted {
                    found.append((current, edge))
                }
            }
            let nodes = source.summaries(found.map(\.edge.other))
            var next: [NodeID] = []
            for (from, edge) in found {
                guard let node = nodes[edge.other] else { continue }
                result.append(Neighbor(node: node, depth: level, via: Self.arrow(edge), from: frontierNodes[from]?.title ?? from.rawValue))
                next.append(edge.other)
            }
            frontier = next
            frontierNodes = nodes
        }
        return result
    }

    /// The first `limit` of `neighbors(of:depth:kinds:)`, in the same order, and whether that was all of them.
    /// Walks node by node and reads only as many edges of each as could still add a neighbour, so a depth-2 walk
    /// through a concept that 50,000 claims mention stays as fast as the `limit` it shows.
    public func neighbors(of id: NodeID, depth: Int = 1, kinds: Set<EdgeKind>? = nil, limit: Int) -> Neighborhood {
        var seen: Set<NodeID> = [id]
        var frontier = [id]
        var frontierNodes = source.summaries([id])
        var result: [Neighbor] = []
        // One more than shown: finding it is how the walk knows the list is not complete.
        let wanted = limit + 1
        for level in 1...max(depth, 1) where !frontier.isEmpty && result.count < wanted {
            var next: [NodeID] = []
            var nextNodes: [NodeID: NodeSummary] = [:]
            for current in frontier where result.count < wanted {
                var read = 0
                var batch = max(32, 2 * (wanted - result.count))
                while result.count < wanted {
                    let edges = source.adjacency(of: current, limit: batch)
                    for edge in edges.dropFirst(read) where result.count < wanted {
                        read += 1
                        guard (kinds?.contains(edge.kind) ?? true) && seen.insert(edge.other).inserted,
                              let node = source.summaries([edge.other])[edge.other] else { continue }
                        result.append(Neighbor(node: node, depth: level, via: Self.arrow(edge), from: frontierNodes[current]?.title ?? current.rawValue))
                        next.append(edge.other)
                        nextNodes[edge.other] = node
                    }
                    if edges.count < batch { break }  // all of this node's edges were read
                    batch *= 4
                }
            }
            frontier = next
            frontierNodes = nextNodes
        }
        let complete = result.count <= limit
        return Neighborhood(neighbors: Array(result.prefix(limit)), complete: complete)
    }

    /// The shortest chain of edges (either direction) from one node to another: breadth first, a level at a time.
    public func path(from: NodeID, to: NodeID) -> [PathStep]? {
        let ends = source.summaries([from, to])
        guard ends[from] != nil, ends[to] != nil else { return nil }
        var previous: [NodeID: (NodeID, String)] = [:]
        var seen: Set<NodeID> = [from]
        var frontier = [from]
        while !frontier.isEmpty, !seen.contains(to) {
            let adjacency = source.adjacency(of: frontier)
            var next: [NodeID] = []
            for current in frontier {
                for edge in adjacency[current] ?? [] where seen.insert(edge.other).inserted {
                    previous[edge.other] = (current, Self.arrow(edge))
                    next.append(edge.other)
                }
            }
            frontier = next
        }
        guard seen.contains(to) else { return nil }
        var chain: [(NodeID, String?)] = []
        var cursor = to
        while cursor != from, let (prev, via) = previous[cursor] {
            chain.append((cursor, via))
            cursor = prev
        }
        chain.append((from, nil))
        let nodes = source.summaries(chain.map(\.0))
        return chain.reversed().compactMap { id, via in nodes[id].map { PathStep(node: $0, via: via) } }
    }

    private static func arrow(_ edge: AdjacentEdge) -> String {
        edge.outgoing ? "\(edge.kind.rawValue) →" : "← \(edge.kind.rawValue)"
    }
}
