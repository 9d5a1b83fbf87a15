import Dispatch
import NoteParsing

/// The typed knowledge graph: nodes sorted by id, edges in a deterministic order, with adjacency indexes.
///
/// A value: stages that enrich it (analysis) return a new graph built from the old one's parts.
public struct Graph: Sendable {
    // `var` only so that `adding` can move them out of a graph it consumes; nothing else changes them.
    public private(set) var nodes: [Node]
    public private(set) var edges: [Edge]
    /// Links that resolved to nothing, kept as facts.
    public let unresolved: [UnresolvedReference]
    /// The parsed note behind each document node. In an analysed graph they keep only what pages and search
    /// read (see `CorpusAnalyzer.analyze`).
    public private(set) var documents: [NodeID: NoteDocument]
    /// For each document node, where each of its links (by `NoteDocument.links` index) resolved; nil = unresolved.
    public let linkTargets: [NodeID: [NodeID?]]

    private let indexByID: [NodeID: Int]
    /// Edge positions by node position (not dictionaries keyed by id: building those hashed every edge's two id
    /// strings, twice per build), all nodes' lists end to end: node p's are `outgoingEdges[outgoingStart[p] ..<
    /// outgoingStart[p + 1]]`. An array per node was 16 MB of small arrays at 10,000 notes, for 5 MB of positions.
    /// Edges whose end is not a node are indexed by id on the side.
    private let outgoing: EdgeLists
    private let incoming: EdgeLists
    private let danglingOutgoing: [NodeID: [Int]]
    private let danglingIncoming: [NodeID: [Int]]
    private let unresolvedBySource: [NodeID: [Int]]

    /// Taking `nodes` and `edges` as `consuming` lets a caller that hands over its only copy have them sorted in
    /// place; a borrowed array would be copied whole (every string of every node retained) before sorting.
    public init(
        nodes: consuming [Node], edges: consuming [Edge], unresolved: [UnresolvedReference], documents: [NodeID: NoteDocument],
        linkTargets: [NodeID: [NodeID?]] = [:]
    ) {
        // Sort positions, then move each value once: nodes and edges are large structs, and a sort that moves
        // them around (retaining every string field at each move) was a tenth of a 10,000-note build. The arrays
        // are consumed, so the moves happen in the caller's buffer: a copy first (the array still shared with the
        // parameter) retained every string of a million claims and edges at 100,000 notes.
        var sortedNodes = consume nodes
        Graph.permute(&sortedNodes, into: Graph.order(of: sortedNodes.map(\.id)))
        var index: [NodeID: Int] = [:]
        index.reserveCapacity(sortedNodes.count)
        for i in sortedNodes.indices { index[sortedNodes[i].id] = i }  // by position: `enumerated()` copied each node
        let (sortedEdges, ends) = Graph.sorted(consume edges, nodeRank: index)
        self.nodes = sortedNodes
        self.edges = sortedEdges
        self.unresolved = unresolved.sorted { ($0.file, $0.location, $0.target) < ($1.file, $1.location, $1.target) }
        self.documents = documents
        self.linkTargets = linkTargets
        var danglingOutgoing: [NodeID: [Int]] = [:]
        var danglingIncoming: [NodeID: [Int]] = [:]
        for i in ends.sources.indices {
            if ends.sources[i] < 0 { danglingOutgoing[sortedEdges[i].source, default: []].append(i) }
            if ends.targets[i] < 0 { danglingIncoming[sortedEdges[i].target, default: []].append(i) }
        }
        self.outgoing = EdgeLists(ends: ends.sources, nodeCount: sortedNodes.count)
        self.incoming = EdgeLists(ends: ends.targets, nodeCount: sortedNodes.count)
        var unresolvedBySource: [NodeID: [Int]] = [:]
        for (i, reference) in self.unresolved.enumerated() { unresolvedBySource[reference.source, default: []].append(i) }
        self.unresolvedBySource = unresolvedBySource
        self.indexByID = index
        self.danglingOutgoing = danglingOutgoing
        self.danglingIncoming = danglingIncoming
    }

    /// The positions of `ids` in ascending order (ties by position): two halves sorted side by side, then merged.
    static func order(of ids: [NodeID]) -> [Int] {
        guard ids.count >= 32_768 else { return ids.indices.sorted { ids[$0] < ids[$1] } }
        let middle = ids.count / 2
        var halves: [[Int]] = [[], []]
        halves.withUnsafeMutableBufferPointer { halves in
            nonisolated(unsafe) let halves = halves
            DispatchQueue.concurrentPerform(iterations: 2) { h in
                let range = h == 0 ? 0..<middle : middle..<ids.count
                halves[h] = range.sorted { ids[$0] < ids[$1] }
            }
        }
        var order: [Int] = []
        order.reserveCapacity(ids.count)
        var a = 0, b = 0
        let left = halves[0], right = halves[1]
        while a < left.count && b < right.count {
            // The left half's first on a tie: its positions are the lower ones.
            if ids[right[b]] < ids[left[a]] { order.append(right[b]); b += 1 } else { order.append(left[a]); a += 1 }
        }
        order += left[a...]
        order += right[b...]
        return order
    }

    /// Evidence edges by descending score; all others by source, kind, target.
    static func edgeOrder(_ a: Edge, _ b: Edge) -> Bool {
        if a.source != b.source { return a.source < b.source }
        if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
        if a.kind == .evidence, let sa = a.score, let sb = b.score, sa != sb { return sa > sb }
        return a.target < b.target
    }

    /// `edges` in `edgeOrder`, and the node positions of each sorted edge's ends (-1 for an end that is not a
    /// node), one 32-bit array per end rather than an array of optional pairs, a sixth of its size. Compared by
    /// node rank (position in the sorted nodes) instead of by id string when every end is a node; the order is the
    /// same because nodes are sorted by id.
    static func sorted(_ edges: consuming [Edge], nodeRank: [NodeID: Int]) -> (edges: [Edge], ends: (sources: [Int32], targets: [Int32])) {
        let kindRank = Dictionary(uniqueKeysWithValues: EdgeKind.allCases.sorted { $0.rawValue < $1.rawValue }.enumerated().map { ($1, UInt8($0)) })
        // Keys are made on all cores, a part of the edges each (the two id lookups of every edge were most of the
        // sort). Fields are read in place (`edges[i].source`), not through a copy of each edge, which retained all its
        // strings. A node's edges come one after another, so the last source looked up is nearly always the next
        // one's: an equal id (the same string, compared without reading it) skips hashing it again.
        let count = edges.count
        let parts = max(1, min(4, count / 16_384))
        let missing = UnsafeMutablePointer<Bool>.allocate(capacity: parts)
        missing.initialize(repeating: false, count: parts)
        defer { missing.deallocate() }
        nonisolated(unsafe) let sharedMissing = missing
        let keys = edges.withUnsafeBufferPointer { edges in
            [EdgeSortKey](unsafeUninitializedCapacity: count) { keys, initialized in
                nonisolated(unsafe) let edges = edges, keys = keys
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    var last: (id: NodeID, rank: Int)? = nil
                    for i in count * part / parts..<count * (part + 1) / parts {
                        let knownSource = last.flatMap { $0.id == edges[i].source ? $0.rank : nil }
                        guard let source = knownSource ?? nodeRank[edges[i].source], let target = nodeRank[edges[i].target] else {
                            (sharedMissing + part).pointee = true
                            return
                        }
                        if knownSource == nil { last = (edges[i].source, source) }
                        // Evidence by descending score: negate so one ascending comparison serves every kind.
                        let kind = edges[i].kind
                        let score = kind == .evidence ? -(edges[i].score ?? -Double.infinity) : 0
                        (keys.baseAddress! + i).initialize(to: EdgeSortKey(score: score, source: Int32(source), target: Int32(target), kind: kindRank[kind]!))
                    }
                }
                // The keys are plain numbers: those a part left unwritten need no deinitializing.
                initialized = (0..<parts).contains { sharedMissing[$0] } ? 0 : count
            }
        }
        if keys.count < count {
            // An edge to a missing node: fall back to comparing ids.
            let sorted = edges.sorted(by: edgeOrder)
            return (sorted, (sorted.map { Int32(nodeRank[$0.source] ?? -1) }, sorted.map { Int32(nodeRank[$0.target] ?? -1) }))
        }
        let order = sortOrder(keys, nodeCount: nodeRank.count)
        var sorted = edges  // the last use of a consumed array: a move, not a copy
        permute(&sorted, into: order)
        return (sorted, (order.map { keys[$0].source }, order.map { keys[$0].target }))
    }

    /// The positions of `keys` in key order (source, kind, score, target), ties in position order: what a stable
    /// sort by key gives. By source first with a counting sort, then each source's few edges by the rest: one
    /// comparison sort of every edge (through a closure reading two keys per comparison) was a quarter of a second,
    /// on one core, in every build at 10,000 notes.
    static func sortOrder(_ keys: [EdgeSortKey], nodeCount: Int) -> [Int] {
        var starts = [Int](repeating: 0, count: nodeCount + 1)
        for key in keys { starts[Int(key.source) + 1] += 1 }
        for p in 0..<nodeCount { starts[p + 1] += starts[p] }
        var next = starts
        var order = [Int](repeating: 0, count: keys.count)
        for i in keys.indices {
            order[next[Int(keys[i].source)]] = i
            next[Int(keys[i].source)] += 1
        }
        order.withUnsafeMutableBufferPointer { order in
            for p in 0..<nodeCount where starts[p + 1] - starts[p] > 1 {
                // Positions rise within a source's run (the counting sort keeps them in order), so comparing them
                // last keeps ties as they came.
                order[starts[p]..<starts[p + 1]].sort { a, b in
                    let x = keys[a], y = keys[b]
                    if x.kind != y.kind { return x.kind < y.kind }
                    if x.score != y.score { return x.score < y.score }
                    if x.target != y.target { return x.target < y.target }
                    return a < b
                }
            }
        }
        return order
    }

    /// What edges are sorted by, in 24 bytes rather than the 32 of four numbers: a key exists for every edge
    /// while the analysed graph is made, the build's peak.
    struct EdgeSortKey {
        var score: Double
        var source: Int32
        var target: Int32
        var kind: UInt8
    }

    /// Rearranges `values` so that position i holds what was at `order[i]`, by moving values along the
    /// permutation's cycles: each value moves once, none is copied (a copy retains every string of a node or edge,
    /// and releasing the originals afterwards costs as much again). Moved through pointers: `swapAt` copied both
    /// values, which was 2% of a cold build's CPU.
    static func permute<T>(_ values: inout [T], into order: [Int]) {
        precondition(order.count == values.count)
        var placed = [Bool](repeating: false, count: order.count)
        values.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for start in order.indices where !placed[start] {
                // Follow the cycle: position `i` takes the value from `order[i]`; the first value waits aside.
                placed[start] = true
                guard order[start] != start else { continue }
                let first = (base + start).move()
                var i = start
                while order[i] != start {
                    let from = order[i]
                    (base + i).moveInitialize(from: base + from, count: 1)
                    placed[from] = true
                    i = from
                }
                (base + i).initialize(to: first)
            }
        }
    }

    public subscript(id: NodeID) -> Node? {
        indexByID[id].map { nodes[$0] }
    }

    /// Position of `id` in `nodes`: lets hot paths read one field of a node without copying the whole node.
    public func index(of id: NodeID) -> Int? {
        indexByID[id]
    }

    /// Positions in `edges` of the edges leaving / arriving at `id`, in graph order.
    public func outgoingEdgeIndices(_ id: NodeID) -> ArraySlice<Int> { indexByID[id].map { outgoing[$0] } ?? danglingOutgoing[id].map { $0[...] } ?? [] }
    public func incomingEdgeIndices(_ id: NodeID) -> ArraySlice<Int> { indexByID[id].map { incoming[$0] } ?? danglingIncoming[id].map { $0[...] } ?? [] }

    /// The same for the node at position `p` of `nodes`, without hashing its id (the site and the store ask for
    /// every node's edges).
    public func outgoingEdgeIndices(at p: Int) -> ArraySlice<Int> { outgoing[p] }
    public func incomingEdgeIndices(at p: Int) -> ArraySlice<Int> { incoming[p] }

    /// Edges leaving `id`, optionally of one kind, in graph order.
    public func outgoing(_ id: NodeID, kind: EdgeKind? = nil) -> [Edge] {
        outgoingEdgeIndices(id).lazy.map { self.edges[$0] }.filter { kind == nil || $0.kind == kind }
    }

    /// Edges arriving at `id`, optionally of one kind, in graph order.
    public func incoming(_ id: NodeID, kind: EdgeKind? = nil) -> [Edge] {
        incomingEdgeIndices(id).lazy.map { self.edges[$0] }.filter { kind == nil || $0.kind == kind }
    }

    /// The unresolved links written in `id`'s note, in source order.
    public func unresolved(from id: NodeID) -> [UnresolvedReference] {
        (unresolvedBySource[id] ?? []).map { unresolved[$0] }
    }

    public func nodes(ofKind kind: NodeKind) -> [Node] {
        nodes.filter { $0.kind == kind }
    }

    /// How many nodes are of `kind`, without copying them (there are a hundred thousand claims at 10,000 notes).
    public func count(ofKind kind: NodeKind) -> Int {
        // By position: `reduce` over `nodes` handed each node to the closure as a copy.
        nodes.indices.reduce(0) { nodes[$1].kind == kind ? $0 + 1 : $0 }
    }

    /// Positions in `nodes` of the nodes of `kind`, sorted by title then id: how listings order them.
    public func indicesByTitle(ofKind kind: NodeKind) -> [Int] {
        nodes.indices.filter { nodes[$0].kind == kind }.sorted { (nodes[$0].title, nodes[$0].id) < (nodes[$1].title, nodes[$1].id) }
    }

    /// The graph with more nodes and edges (used by analysis to add concepts, claims and evidence), and with
    /// `updated` in place of the nodes of the same ids. Nodes and edges keep their order: this graph's first.
    ///
    /// Consuming: this graph's arrays are moved into the new one instead of copied while the old graph is still
    /// alive. A caller that reserved room in `newNodes` and `newEdges` for this graph's nodes and edges (as
    /// analysis does) has them grow in place, so no array of a hundred thousand claims exists twice.
    public consuming func adding(nodes newNodes: consuming [Node], edges newEdges: consuming [Edge], replacing updated: [Node] = []) -> Graph {
        var all = newNodes
        all.insert(contentsOf: Graph.take(&nodes), at: 0)
        for node in updated {
            if let i = indexByID[node.id] { all[i] = node }
        }
        var allEdges = newEdges
        allEdges.insert(contentsOf: Graph.take(&edges), at: 0)
        return Graph(nodes: all, edges: allEdges, unresolved: unresolved, documents: documents, linkTargets: linkTargets)
    }

    /// Drops from each document what only analysis reads (see `NoteDocument.dropAnalysisText`), so that its
    /// strings are freed (those a claim or edge quotes stay alive there). Pages render from `blocks`.
    public mutating func dropAnalysisText() {
        // By index into `values`, which mutates each document in place: iterating `keys` (a second reference to
        // the storage) would copy the whole dictionary at the first change, and every paragraph array with it.
        var i = documents.values.startIndex
        while i != documents.values.endIndex {
            documents.values[i].dropAnalysisText()
            documents.values.formIndex(after: &i)
        }
    }

    /// `array`'s contents, leaving it empty: the returned array is then the only reference to its buffer.
    private static func take<T>(_ array: inout [T]) -> [T] {
        var taken: [T] = []
        swap(&taken, &array)
        return taken
    }
}
