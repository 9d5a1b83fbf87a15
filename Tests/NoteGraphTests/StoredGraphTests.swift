import Foundation
import GraphQuery
@testable import GraphStore
import NoteGraph
import Testing

/// The stored graph must answer every query exactly as the in-memory graph it was made from.
@Suite("Stored graph")
struct StoredGraphTests {
    let memory: GraphQueries
    let stored: GraphQueries
    let graph: Graph

    init() throws {
        graph = try CorpusFixture.graph("corpus-everything").graph
        let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("notegraph-store-\(UUID().uuidString).sqlite")
        try StoredGraph.write(graph, toNewFileAt: file.path)
        defer { try? FileManager.default.removeItem(at: file) }  // the open connection keeps the file readable
        memory = GraphQueries(graph: graph)
        stored = GraphQueries(source: try StoredGraph(path: file.path))
    }

    @Test func openQuestionsMatch() {
        #expect(!memory.openQuestions().isEmpty)
        #expect(stored.openQuestions() == memory.openQuestions())
    }

    @Test func everyNodeShowsTheSame() {
        for node in graph.nodes {
            #expect(stored.detail(node.id) == memory.detail(node.id), "\(node.id)")
        }
        #expect(stored.detail(NodeID("note/no-such-note")) == nil)
    }

    @Test(arguments: ["preference tuning", "KTO", "reasoning format", "zzz-nothing"])
    func searchesMatch(text: String) {
        #expect(stored.search(text) == memory.search(text))
    }

    @Test func neighboursPathsAndLookupsMatch() {
        let documents = graph.nodes.filter { $0.kind.isDocument }
        for node in documents {
            #expect(stored.neighbors(of: node.id, depth: 2) == memory.neighbors(of: node.id, depth: 2))
            #expect(stored.path(from: documents[0].id, to: node.id) == memory.path(from: documents[0].id, to: node.id))
            for typed in [node.title, String(node.title.prefix(12)).lowercased(), node.id.rawValue] {
                #expect(TitleLookup.find(typed, in: stored.source) == TitleLookup.find(typed, in: memory.source))
            }
        }
    }

    @Test func exactTitlesAreFoundAsInMemory() throws {
        for node in graph.nodes {
            #expect(stored.source.firstNode(titled: node.title) == memory.source.firstNode(titled: node.title), "\(node.id)")
        }
        // Claims are not looked up by title.
        let titles = Set(graph.nodes.filter { $0.kind != .claim }.map(\.title))
        let claim = try #require(graph.nodes.first { $0.kind == .claim && !titles.contains($0.title) })
        #expect(stored.source.firstNode(titled: claim.title) == nil)
        #expect(memory.source.firstNode(titled: claim.title) == nil)
        let note = try #require(graph.nodes.first { $0.kind == .note })
        #expect(stored.source.firstNode(titled: note.title) == note.id)
        #expect(stored.source.firstNode(titled: "no such title") == nil)
    }

    /// The statements a query walk repeats go through the indexes: no scan of the edge or node table (a scan made
    /// `neighbors --depth 2` of the most-cited note read 300,000 edges at 10,000 notes).
    @Test func walksAndTitleLookupsSearchIndexesInsteadOfScanning() throws {
        let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("notegraph-plan-\(UUID().uuidString).sqlite")
        try StoredGraph.write(graph, toNewFileAt: file.path)
        defer { try? FileManager.default.removeItem(at: file) }
        let db = try SQLiteDatabase(readingAt: file.path)
        func plan(_ sql: String) throws -> String {
            var lines: [String] = []
            try db.query("EXPLAIN QUERY PLAN " + sql, [.text("note/x"), .integer(10)]) { lines.append($0.text(3) ?? "") }
            return lines.joined(separator: "\n")
        }
        let adjacency = try plan(StoredGraph.limitedAdjacency)
        #expect(adjacency.contains("PRIMARY KEY") && adjacency.contains("edges_by_target"), "\(adjacency)")
        #expect(!adjacency.contains("SCAN e"), "\(adjacency)")
        let title = try plan(StoredGraph.titleLookup)
        #expect(title.contains("nodes_by_title"), "\(title)")
    }

    /// A limited walk is the start of the full walk, on both sources, and says when it left neighbours out.
    @Test func limitedNeighbourhoodsArePrefixesOfTheFullOnes() {
        var cut = 0
        for node in graph.nodes where node.kind.isDocument || node.kind == .concept {
            for depth in [1, 2, 3] {
                let all = memory.neighbors(of: node.id, depth: depth)
                for limit in [1, 2, 5, 40] {
                    for queries in [memory, stored] {
                        let limited = queries.neighbors(of: node.id, depth: depth, limit: limit)
                        #expect(limited.neighbors == Array(all.prefix(limit)), "\(node.id) depth \(depth) limit \(limit)")
                        #expect(limited.complete == (all.count <= limit), "\(node.id) depth \(depth) limit \(limit)")
                        if !limited.complete { cut += 1 }
                    }
                }
                let kinds: Set<EdgeKind> = [.cites, .member]
                #expect(stored.neighbors(of: node.id, depth: depth, kinds: kinds, limit: 3).neighbors == Array(memory.neighbors(of: node.id, depth: depth, kinds: kinds).prefix(3)))
            }
        }
        #expect(cut > 50)  // the fixture is big enough for limits to bite
    }

    /// The store is only ever written as a new file: an existing file, or a link to one, is refused and left alone.
    /// A sentence that makes several of a node's edges is stored once, with its first edge, and read back for each;
    /// a canonically equal sentence with other bytes is stored as itself.
    @Test func aSentenceOfSeveralEdgesIsStoredOnce() throws {
        let sentence = "Both [[B]] and [[C]] find that the format, not the task, is what instruction tuning teaches."
        let nfc = "Caf\u{E9} results replicate across three seeds, as [[B]] reports.", nfd = "Cafe\u{301} results replicate across three seeds, as [[B]] reports."
        let nodes = ["a", "b", "c"].map { Node(id: NodeID("note/\($0)"), kind: .note, title: $0.uppercased(), url: "note/\($0).html") }
        let edges = [
            Edge(source: NodeID("note/a"), target: NodeID("note/b"), kind: .cites, context: sentence),
            Edge(source: NodeID("note/a"), target: NodeID("note/c"), kind: .cites, context: sentence),
            Edge(source: NodeID("note/a"), target: NodeID("note/b"), kind: .cites, context: nfc),
            Edge(source: NodeID("note/a"), target: NodeID("note/c"), kind: .cites, context: nfd),
            Edge(source: NodeID("note/b"), target: NodeID("note/c"), kind: .cites, context: sentence),
        ]
        let graph = Graph(nodes: nodes, edges: edges, unresolved: [], documents: [:])
        let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("notegraph-store-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: file) }
        try StoredGraph.write(graph, toNewFileAt: file.path)
        let db = try SQLiteDatabase(readingAt: file.path)
        var kinds: [String] = []
        try db.query("SELECT typeof(context) FROM edges ORDER BY source, ord") { kinds.append($0.text(0) ?? "") }
        // One of a's two edges with the sentence refers to the other; b's edge is another node's, and nfd is not nfc.
        #expect(kinds.sorted() == ["integer", "text", "text", "text", "text"])
        let store = try StoredGraph(path: file.path)
        /// Each edge's target and context bytes, in a fixed order.
        func pairs(_ edges: [Edge]) -> [String] { edges.map { $0.target.rawValue + " " + ($0.context ?? "").utf8.map { String($0) }.joined(separator: ",") }.sorted() }
        #expect(pairs(store.edges(from: NodeID("note/a"), kind: nil)) == pairs(Array(edges.prefix(4))))
        #expect(pairs(store.edges(to: NodeID("note/c"), kind: nil)) == pairs(edges.filter { $0.target == NodeID("note/c") }))
        #expect(GraphQueries(source: store).detail(NodeID("note/c")) == GraphQueries(graph: graph).detail(NodeID("note/c")))
    }

    @Test func writesOnlyANewFile() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("notegraph-store-new-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let existing = folder.appendingPathComponent("existing"), link = folder.appendingPathComponent("link")
        try Data("keep me".utf8).write(to: existing)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: existing)
        for path in [existing.path, link.path] {
            #expect(throws: (any Error).self) { try StoredGraph.write(graph, toNewFileAt: path) }
        }
        #expect(try Data(contentsOf: existing) == Data("keep me".utf8))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("new").path) == false)
        try StoredGraph.write(graph, toNewFileAt: folder.appendingPathComponent("new").path)
        #expect(try StoredGraph(path: folder.appendingPathComponent("new").path).inquiries() == memory.source.inquiries())
    }

    @Test func refusesAFileThatIsNotAStoredGraph() throws {
        let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("notegraph-not-a-store-\(UUID().uuidString)")
        try Data("not sqlite".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: (any Error).self) { try StoredGraph(path: file.path) }
    }
}
