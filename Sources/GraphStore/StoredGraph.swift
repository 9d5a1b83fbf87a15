import Foundation
import GraphAnalysis
import GraphQuery
import NoteGraph

/// The graph of a build, stored in SQLite inside the output folder (`site/.notegraph/graph.sqlite`) so that
/// `notegraph query` answers in milliseconds without reading the corpus. It holds what the queries read — nodes
/// with their query fields, edges in graph order, unresolved links, search postings — and nothing else.
public final class StoredGraph: GraphSource, @unchecked Sendable {  // reads go through the connection's lock
    private let db: SQLiteDatabase
    /// Summaries of the nodes adjacency queries met, so a walk does not read them a second time. Only touched
    /// by `adjacency` and `summaries`, which a query calls from one thread.
    private var seenSummaries: [NodeID: NodeSummary] = [:]

    /// Opens a stored graph read-only.
    public init(path: String) throws {
        db = try SQLiteDatabase(readingAt: path)
        var version = 0
        try db.query("SELECT value FROM meta WHERE key = 'format'") { version = Int($0.text(0) ?? "") ?? 0 }
        guard version == StoredGraph.format else { throw SQLiteDatabase.Failure(description: "\(path): stored graph format \(version), expected \(StoredGraph.format)") }
    }

    static let format = 5

    /// The SQL for the url of the node row `n` (an alias): a claim's row keeps only its fragment and its owner's
    /// position (see `Parts.owner`), the owner's url goes in front.
    static func url(of n: String) -> String {
        "CASE WHEN \(n).owner IS NULL THEN \(n).url ELSE (SELECT o.url FROM nodes o WHERE o.pos = \(n).owner) || \(n).url END"
    }

    /// The SQL for the path of the node row `n`: a claim's is its owner's.
    static func path(of n: String) -> String {
        "CASE WHEN \(n).owner IS NULL THEN \(n).path ELSE (SELECT o.path FROM nodes o WHERE o.pos = \(n).owner) END"
    }

    /// A node row's columns as `nodes(_:_:)` reads them, its url and path made whole.
    static let nodeColumns = "n.pos, n.id, n.kind, n.title, \(url(of: "n")), \(path(of: "n")), n.status, n.aliases, n.tags, n.summary, n.reasons"
    /// Joins list fields (aliases, tags, reasons) in one column; no note text contains this control character.
    static let separator = "\u{1F}"

    // MARK: - GraphSource

    public func node(_ id: NodeID) -> Node? {
        nodes("SELECT \(Self.nodeColumns) FROM nodes n WHERE n.id = ?", [.text(id.rawValue)]).first
    }

    /// Both ends' ids come along; a NULL context is the claim's sentence, an integer the `ord` of the same node's
    /// edge that stores it (see `writeRows`).
    private static let edgeColumns = """
        SELECT e.ord, s.id, t.id, e.kind,
            COALESCE(CASE WHEN typeof(e.context) = 'integer' THEN (SELECT c.context FROM edges c WHERE c.source = e.source AND c.ord = e.context)
                ELSE e.context END, CASE WHEN e.kind = 'asserts' THEN t.title ELSE s.title END),
            e.score, e.reason
        FROM edges e JOIN nodes s ON s.pos = e.source JOIN nodes t ON t.pos = e.target
        """

    /// Sentences this short are stored with every edge they make: a reference would save next to nothing.
    static let shortestSharedContext = 24

    public func edges(from id: NodeID, kind: EdgeKind?) -> [Edge] {
        edges(Self.edgeColumns + " WHERE e.source = (SELECT pos FROM nodes WHERE id = ?) ORDER BY e.ord", id, kind: kind)
    }

    public func edges(to id: NodeID, kind: EdgeKind?) -> [Edge] {
        edges(Self.edgeColumns + " WHERE e.target = (SELECT pos FROM nodes WHERE id = ?) ORDER BY e.source, e.ord", id, kind: kind)
    }

    public func unresolvedTargets(from id: NodeID) -> [String] {
        var targets: [String] = []
        read("SELECT target FROM unresolved WHERE source = (SELECT pos FROM nodes WHERE id = ?) ORDER BY ord", [.text(id.rawValue)]) { targets.append($0.text(0) ?? "") }
        return targets
    }

    public func inquiries() -> [Node] {
        nodes("SELECT \(Self.nodeColumns) FROM nodes n WHERE n.kind = ? ORDER BY n.pos", [.text(NodeKind.inquiry.rawValue)])
    }

    public func firstNode(titled title: String) -> NodeID? {
        // Through the partial index `nodes_by_title`; a store written before it existed scans the table instead.
        var found: NodeID?
        read(Self.titleLookup, [.text(title)]) { found = NodeID($0.text(0) ?? "") }
        return found
    }

    static let titleLookup = "SELECT id FROM nodes WHERE title = ?1 AND kind != 'claim' ORDER BY pos LIMIT 1"

    public func lookupEntries() -> [LookupEntry] {
        var entries: [LookupEntry] = []
        read("SELECT id, title, aliases FROM nodes WHERE kind != 'claim' ORDER BY pos") { row in
            entries.append(LookupEntry(id: NodeID(row.text(0) ?? ""), title: row.text(1) ?? "", aliases: StoredGraph.list(row.text(2))))
        }
        return entries
    }

    public func searchIndex(for terms: [String]) -> (index: BM25Index, nodes: [NodeID]) {
        var postings: [String: [(doc: Int, tf: Int)]] = [:]
        for term in Set(terms) {
            read("SELECT list FROM postings WHERE term = ?", [.text(term)]) { row in
                let numbers = StoredGraph.unpacked(row.blob(0))
                postings[term] = stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
            }
        }
        var lengths: [Int] = []
        read("SELECT value FROM meta WHERE key = 'lengths'") { lengths = StoredGraph.unpacked($0.blob(0)) }
        var ids: [NodeID] = []
        read("SELECT id FROM search_documents ORDER BY doc") { ids.append(NodeID($0.text(0) ?? "")) }
        return (BM25Index(postings: postings, lengths: lengths), ids)
    }

    public func adjacency(of ids: [NodeID]) -> [NodeID: [AdjacentEdge]] {
        // One statement for the whole list: the ids go in as a JSON array (json_each), the edges come back with
        // their key (source position, place among the source's) so each node's list keeps graph order (outgoing
        // first, as `Graph` lists them).
        var rows: [(from: NodeID, outgoing: Bool, source: Int, ord: Int, edge: AdjacentEdge)] = []
        read("""
            WITH q(pos, id) AS (SELECT n.pos, n.id FROM nodes n JOIN json_each(?1) j ON n.id = j.value)
            SELECT q.id, 1, e.source, e.ord, e.kind, t.id, t.kind, t.title, \(Self.url(of: "t")), \(Self.path(of: "t")), t.status FROM q JOIN edges e ON e.source = q.pos JOIN nodes t ON t.pos = e.target
            UNION ALL
            SELECT q.id, 0, e.source, e.ord, e.kind, s.id, s.kind, s.title, \(Self.url(of: "s")), \(Self.path(of: "s")), s.status FROM q JOIN edges e ON e.target = q.pos JOIN nodes s ON s.pos = e.source
            """, [.text(Self.jsonArray(ids))]) { r in
            guard let edge = adjacentEdge(r, from: 1) else { return }
            rows.append((NodeID(r.text(0) ?? ""), edge.outgoing, r.integer(2), r.integer(3), edge))
        }
        rows.sort { ($0.outgoing ? 0 : 1, $0.source, $0.ord) < ($1.outgoing ? 0 : 1, $1.source, $1.ord) }
        var result: [NodeID: [AdjacentEdge]] = Dictionary(uniqueKeysWithValues: Set(ids).map { ($0, []) })
        for row in rows { result[row.from, default: []].append(row.edge) }
        return result
    }

    public func adjacency(of id: NodeID, limit: Int) -> [AdjacentEdge] {
        var outgoing: [AdjacentEdge] = [], incoming: [AdjacentEdge] = []
        read(Self.limitedAdjacency, [.text(id.rawValue), .integer(limit)]) { r in
            guard let edge = adjacentEdge(r, from: 0) else { return }
            if edge.outgoing { outgoing.append(edge) } else { incoming.append(edge) }
        }
        return Array((outgoing + incoming).prefix(limit))
    }

    /// Each side read in graph order through its key (outgoing: the edge table's own, source then place;
    /// incoming: `edges_by_target`) and cut at `limit` (?2), so a concept mentioned by 50,000 claims costs `limit`
    /// rows. The node's position is a scalar subquery, not a joined CTE: with the join SQLite scanned the whole edge
    /// table for the incoming side (300,000 rows at 10,000 notes) instead of searching `edges_by_target`.
    static let limitedAdjacency = """
        SELECT * FROM (SELECT 1, e.source, e.ord, e.kind, t.id, t.kind, t.title, \(url(of: "t")), \(path(of: "t")), t.status FROM edges e JOIN nodes t ON t.pos = e.target
            WHERE e.source = (SELECT pos FROM nodes WHERE id = ?1) ORDER BY e.ord LIMIT ?2)
        UNION ALL
        SELECT * FROM (SELECT 0, e.source, e.ord, e.kind, s.id, s.kind, s.title, \(url(of: "s")), \(path(of: "s")), s.status FROM edges e JOIN nodes s ON s.pos = e.source
            WHERE e.target = (SELECT pos FROM nodes WHERE id = ?1) ORDER BY e.source, e.ord LIMIT ?2)
        """

    /// The edge in an adjacency row whose columns from `c` are: outgoing flag, edge key (two columns), edge kind, and the
    /// other node's id, kind, title, url, path and status. The walk asks for that node next, so its summary (which
    /// the join already read) is kept.
    private func adjacentEdge(_ r: SQLiteDatabase.Row, from c: Int32) -> AdjacentEdge? {
        guard let kind = EdgeKind(rawValue: r.text(c + 3) ?? "") else { return nil }
        let other = r.text(c + 4) ?? ""
        if seenSummaries[NodeID(other)] == nil {
            seenSummaries[NodeID(other)] = NodeSummary(id: other, kind: r.text(c + 5) ?? "", title: r.text(c + 6) ?? "", url: r.text(c + 7) ?? "", path: r.text(c + 8), status: r.text(c + 9))
        }
        return AdjacentEdge(kind: kind, other: NodeID(other), outgoing: r.integer(c) == 1)
    }

    public func summaries(_ ids: [NodeID]) -> [NodeID: NodeSummary] {
        var result: [NodeID: NodeSummary] = [:]
        result.reserveCapacity(ids.count)
        var missing: [NodeID] = []
        for id in ids {
            if let known = seenSummaries[id] { result[id] = known } else { missing.append(id) }
        }
        guard !missing.isEmpty else { return result }
        let ids = missing
        read("SELECT n.id, n.kind, n.title, \(Self.url(of: "n")), \(Self.path(of: "n")), n.status FROM nodes n JOIN json_each(?1) j ON n.id = j.value", [.text(Self.jsonArray(ids))]) { r in
            let id = r.text(0) ?? ""
            result[NodeID(id)] = NodeSummary(id: id, kind: r.text(1) ?? "", title: r.text(2) ?? "", url: r.text(3) ?? "", path: r.text(4), status: r.text(5))
        }
        return result
    }

    static func jsonArray(_ ids: [NodeID]) -> String {
        var writer = JSONWriter()
        writer.beginArray()
        for id in ids { writer.string(id.rawValue) }
        writer.endArray()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    // MARK: - Reading

    /// A query that cannot fail on a database this build wrote; a damaged file reads as empty answers.
    private func read(_ sql: String, _ parameters: [SQLiteDatabase.Value] = [], row: (SQLiteDatabase.Row) -> Void) {
        db.lock.withLock { try? db.query(sql, parameters, row: row) }
    }

    private func nodes(_ sql: String, _ parameters: [SQLiteDatabase.Value]) -> [Node] {
        var nodes: [Node] = []
        read(sql, parameters) { r in
            var node = Node(id: NodeID(r.text(1) ?? ""), kind: NodeKind(rawValue: r.text(2) ?? "") ?? .note, title: r.text(3) ?? "", url: r.text(4) ?? "", path: r.text(5))
            node.status = r.text(6).flatMap(QuestionStatus.init(rawValue:))
            node.aliases = StoredGraph.list(r.text(7))
            node.tags = StoredGraph.list(r.text(8))
            node.summary = r.text(9)
            node.statusReasons = StoredGraph.list(r.text(10))
            nodes.append(node)
        }
        return nodes
    }

    private func edges(_ sql: String, _ id: NodeID, kind: EdgeKind?) -> [Edge] {
        var edges: [Edge] = []
        read(sql, [.text(id.rawValue)]) { r in
            guard let edgeKind = EdgeKind(rawValue: r.text(3) ?? ""), kind == nil || kind == edgeKind else { return }
            edges.append(Edge(source: NodeID(r.text(1) ?? ""), target: NodeID(r.text(2) ?? ""), kind: edgeKind, context: r.text(4), score: r.real(5), reason: r.text(6)))
        }
        return edges
    }

    static func list(_ joined: String?) -> [String] {
        guard let joined, !joined.isEmpty else { return [] }
        // Split on the one byte rather than with Foundation's `components(separatedBy:)`, which compares strings.
        return joined.utf8.split(separator: 0x1F, omittingEmptySubsequences: false).map { String(Substring($0)) }
    }

    /// Integers as little-endian Int32s.
    static func packed(_ numbers: [Int]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(numbers.count * 4)
        for n in numbers { append(n, to: &bytes) }
        return bytes
    }

    /// A posting list as `packed` of its numbers `doc, tf, doc, tf, …`, without making that list of numbers first
    /// (a two-element array per posting).
    static func packed(_ postings: [BM25Index.Posting]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(postings.count * 8)
        for p in postings {
            append(p.doc, to: &bytes)
            append(p.tf, to: &bytes)
        }
        return bytes
    }

    private static func append(_ n: Int, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: Int32(truncatingIfNeeded: n).littleEndian) { bytes += $0 }
    }

    /// A posting list as `packed(_:)` of postings wrote it.
    static func postings(_ bytes: [UInt8]) -> [BM25Index.Posting] {
        let numbers = unpacked(bytes)
        return stride(from: 0, to: numbers.count - 1, by: 2).map { BM25Index.Posting(doc: numbers[$0], tf: numbers[$0 + 1]) }
    }

    /// The integers `packed` wrote.
    static func unpacked(_ bytes: [UInt8]) -> [Int] {
        bytes.withUnsafeBytes { raw in
            stride(from: 0, to: raw.count - 3, by: 4).map { Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0, as: Int32.self))) }
        }
    }
}
