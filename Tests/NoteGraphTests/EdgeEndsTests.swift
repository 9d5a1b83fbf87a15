import Foundation
import GraphAnalysis
import GraphQuery
@testable import GraphStore
import NoteGraph
import Testing

/// The position tables the site and the store read instead of looking ids up must say what the lookups said.
@Suite("Edge ends and store encoding")
struct EdgeEndsTests {
    @Test func endsAreTheNodePositionsOfEachEdge() throws {
        let graph = try CorpusFixture.graph("corpus-everything").graph
        let ends = EdgeEnds(graph)
        #expect(!graph.edges.isEmpty)
        for (e, edge) in graph.edges.enumerated() {
            #expect(ends.source(e) == graph.index(of: edge.source), "edge \(e)")
            #expect(ends.target(e) == graph.index(of: edge.target), "edge \(e)")
        }
    }

    @Test func anEdgeToNoNodeHasNoEnd() {
        let a = Node(id: NodeID("note/a"), kind: .note, title: "A", url: "note/a.html")
        let graph = Graph(nodes: [a], edges: [Edge(source: a.id, target: NodeID("note/missing"), kind: .cites)], unresolved: [], documents: [:])
        let ends = EdgeEnds(graph)
        #expect(ends.source(0) == 0)
        #expect(ends.target(0) == nil)
    }

    @Test func postingListsPackAsTheirFlattenedNumbers() {
        let postings = [(0, 3), (7, 1), (70_000, 12), (Int(Int32.max), 2)].map { BM25Index.Posting(doc: $0, tf: $1) }
        #expect(StoredGraph.packed(postings) == StoredGraph.packed(postings.flatMap { [$0.doc, $0.tf] }))
        #expect(StoredGraph.packed(postings).count == 32)
        #expect(StoredGraph.packed([BM25Index.Posting]()).isEmpty)
    }

    /// Text goes to SQLite as the String's bytes with a length; what is stored must be what the C string it
    /// replaced stored: the text up to its first NUL, and empty text as empty text (not NULL).
    @Test func textIsStoredAsTheCStringWas() throws {
        let path = NSTemporaryDirectory() + "notegraph-text-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try SQLiteDatabase(creatingAt: path)
        try db.execute("CREATE TABLE t (pos INTEGER PRIMARY KEY, x TEXT)")
        let values: [String?] = ["", "a", "short", String(repeating: "long text ", count: 20), "héllo wörld ✓", "cut\u{0}here", "\u{0}", nil]
        let insert = try db.statement("INSERT INTO t VALUES (?, ?)")
        for (i, value) in values.enumerated() { try db.insert(insert) { row in row(1, i); row(2, value) } }
        var stored: [String?] = []
        var types: [String] = []
        try db.query("SELECT x, typeof(x) FROM t ORDER BY pos") { row in
            stored.append(row.text(0))
            types.append(row.text(1) ?? "")
        }
        #expect(stored == ["", "a", "short", String(repeating: "long text ", count: 20), "héllo wörld ✓", "cut", "", nil])
        #expect(types == ["text", "text", "text", "text", "text", "text", "text", "null"])
    }
}
