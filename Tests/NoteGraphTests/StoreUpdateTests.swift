import Foundation
import GraphAnalysis
import GraphQuery
@testable import GraphStore
import NoteGraph
import NoteParsing
import Testing

/// A store updated in place (the previous build's store, linked or copied, with only the changed rows written, see
/// `StoredGraph.write`) must hold what a store written whole holds, row for row in graph order, and answer every
/// query as the in-memory graph does; when the previous store is another executable's, damaged, missing, or a link,
/// the store is written whole instead.
@Suite("Store updated in place")
struct StoreUpdateTests {
    static let key = Array("test-executable".utf8)

    static func graph(_ files: [SourceFile]) -> Graph {
        CorpusAnalyzer.analyze(GraphBuilder.build(files.map(NoteParser.parse)).graph)
    }

    /// A new scratch path; the folder is removed when the test's `Scratch` goes.
    final class Scratch {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("notegraph-update-\(UUID().uuidString)")
        private var count = 0
        init() { try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: folder) }
        func path() -> String {
            count += 1
            return folder.appendingPathComponent("store-\(count).sqlite").path
        }
    }

    /// Each file's fingerprint by path, standing for its parsed document's (see `ParseCache`).
    static func fingerprints(_ files: [SourceFile]) -> [String: UInt64] {
        Dictionary(uniqueKeysWithValues: files.map { ($0.path, FNV1a.hash($0.text)) })
    }

    /// Writes `graph`'s store at a new path, from the store at `previous` if given; the path, and whether it was updated.
    static func store(
        _ graph: Graph, in scratch: Scratch, previous: String? = nil, key: [UInt8] = key, fingerprints: [String: UInt64] = [:]
    ) throws -> (path: String, updated: Bool) {
        let path = scratch.path()
        return (path, try StoredGraph.write(graph, toNewFileAt: path, key: key, previous: previous, documentFingerprints: fingerprints))
    }

    /// Every table's rows in graph order, with nodes named by id instead of by position (positions of added nodes
    /// differ between an updated store and a whole one).
    static func rows(_ path: String) throws -> [String] {
        let db = try SQLiteDatabase(readingAt: path)
        var rows: [String] = []
        for (sql, columns) in [
            ("SELECT n.id, n.kind, n.title, \(StoredGraph.url(of: "n")), \(StoredGraph.path(of: "n")), n.status, n.aliases, n.tags, n.summary, n.reasons FROM nodes n ORDER BY n.pos", 10),
            ("SELECT s.id, e.ord, t.id, e.kind, e.context, e.score, e.reason FROM edges e JOIN nodes s ON s.pos = e.source JOIN nodes t ON t.pos = e.target ORDER BY e.source, e.ord", 7),
            ("SELECT s.id, u.ord, u.target FROM unresolved u JOIN nodes s ON s.pos = u.source ORDER BY u.source, u.ord", 3),
            ("SELECT doc, id, source FROM search_documents ORDER BY doc", 3),
            ("SELECT term, hex(list) FROM postings ORDER BY term", 2),
            ("SELECT key, hex(value) FROM meta WHERE key IN ('format', 'lengths') ORDER BY key", 2),
            ("SELECT (SELECT count(*) FROM edges), (SELECT count(*) FROM unresolved), (SELECT count(*) FROM nodes)", 3),
        ] {
            try db.query(sql) { row in rows.append((0..<Int32(columns)).map { row.text($0) ?? "∅" }.joined(separator: "|")) }
        }
        return rows
    }

    /// The ledger's rows without positions, in graph order.
    static func hashes(_ path: String) throws -> [[Int]] {
        var rows: [[Int]] = []
        try SQLiteDatabase(readingAt: path).query("SELECT id, row, edges, unresolved FROM ledger ORDER BY pos") { r in rows.append((0..<4).map { r.integer($0) }) }
        return rows
    }

    enum Edit: String, CaseIterable {
        case appendSentence, addClaim, renameTitle, removeNote, addNote, nothing
    }

    static func edited(_ files: [SourceFile], _ edit: Edit) -> [SourceFile] {
        var files = files
        // The shortest note, so that removing it leaves most of the store as it was.
        let k = files.indices.min { files[$0].text.count < files[$1].text.count }!
        switch edit {
        case .appendSentence: files[k].text += "\nRevised once the baseline was tuned again.\n"
        case .addClaim: files[k].text += "\nKTO improves win rate by 12% over DPO on 3 benchmarks.\n"
        case .renameTitle:
            let titled = files.firstIndex { $0.path.hasPrefix("hub/") && $0.text.contains("\ntitle: ") }!
            files[titled].text = files[titled].text.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Renamed ")
        case .removeNote: files.remove(at: k)
        case .addNote: files.append(SourceFile(path: "zz-added.md", text: "# An added note on KTO\n\nKTO needs no SFT stage; see [[\(files[0].path)]].\n"))
        case .nothing: break
        }
        return files
    }

    @Test(arguments: Edit.allCases)
    func anUpdatedStoreHoldsWhatAWholeOneDoes(edit: Edit) throws {
        let scratch = Scratch()
        let files = try CorpusFixture.sources("corpus-everything"), editedFiles = Self.edited(files, edit)
        let before = try Self.store(Self.graph(files), in: scratch, fingerprints: Self.fingerprints(files))
        #expect(!before.updated)
        let beforeRows = try Self.rows(before.path), beforeBytes = try Data(contentsOf: URL(fileURLWithPath: before.path))
        let graph = Self.graph(editedFiles)
        let updated = try Self.store(graph, in: scratch, previous: before.path, fingerprints: Self.fingerprints(editedFiles))
        let whole = try Self.store(graph, in: scratch, fingerprints: Self.fingerprints(editedFiles))
        #expect(updated.updated)
        // The update is a link to the previous store's file, and until it is finished (once the site holding it is
        // committed) that file answers as it did: the changes wait in the log beside the new link.
        #expect(try Self.inode(updated.path) == Self.inode(before.path))
        #expect(FileManager.default.fileExists(atPath: updated.path + "-wal"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: before.path)) == beforeBytes, "the previous store's file was written")
        #expect(try Self.rows(before.path) == beforeRows)
        try StoredGraph.finishUpdate(at: updated.path)
        for leftover in ["-wal", "-shm", "-journal"] { #expect(!FileManager.default.fileExists(atPath: updated.path + leftover), "\(leftover)") }
        #expect(try Self.rows(updated.path) == Self.rows(whole.path))
        // A ledger row for every node, in graph order (edge hashes hold target positions, which an added node's
        // change, so only the ids are compared).
        #expect(try Self.hashes(updated.path).map { $0[0] } == Self.hashes(whole.path).map { $0[0] })
        #expect(try Self.hashes(updated.path).count == graph.nodes.count)
        let memory = GraphQueries(graph: graph), stored = GraphQueries(source: try StoredGraph(path: updated.path))
        for node in graph.nodes where node.kind != .claim {
            #expect(stored.detail(node.id) == memory.detail(node.id), "\(node.id)")
            #expect(stored.neighbors(of: node.id, depth: 2) == memory.neighbors(of: node.id, depth: 2), "\(node.id)")
        }
        #expect(stored.openQuestions() == memory.openQuestions())
        #expect(stored.search("KTO win rate") == memory.search("KTO win rate"))
        // An update of the update is one too, and one left unfinished (a build killed between committing its site
        // and finishing the store) is finished by the next update, which starts from everything it committed.
        let again = try Self.store(Self.graph(files), in: scratch, previous: updated.path, fingerprints: Self.fingerprints(files))
        #expect(again.updated)
        let third = try Self.store(graph, in: scratch, previous: again.path, fingerprints: Self.fingerprints(editedFiles))
        #expect(third.updated)
        try StoredGraph.finishUpdate(at: third.path)
        #expect(try Self.rows(third.path) == Self.rows(whole.path))
        try StoredGraph.finishUpdate(at: again.path)
        #expect(try Self.rows(again.path) == Self.rows(whole.path))  // the same file, now holding the third's rows
    }

    /// A store updated where links cannot be made (another file system) is a copy, which leaves the previous
    /// store's file alone and needs no finishing.
    @Test func aStoreUpdatedThroughACopyLeavesThePreviousFileAlone() throws {
        let scratch = Scratch()
        let files = try CorpusFixture.sources("corpus-everything"), editedFiles = Self.edited(files, .addClaim)
        let before = try Self.store(Self.graph(files), in: scratch, fingerprints: Self.fingerprints(files))
        let original = try Data(contentsOf: URL(fileURLWithPath: before.path))
        let graph = Self.graph(editedFiles)
        let path = scratch.path()
        let updated = try StoredGraph.write(graph, toNewFileAt: path, key: Self.key, previous: before.path, documentFingerprints: Self.fingerprints(editedFiles), linking: false)
        #expect(updated)
        #expect(try Self.inode(path) != Self.inode(before.path))
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: before.path)) == original)
        #expect(try Self.rows(path) == Self.rows(Self.store(graph, in: scratch, fingerprints: Self.fingerprints(editedFiles)).path))
    }

    static func inode(_ path: String) throws -> UInt64 {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64)
    }

    /// In a copy, the search index changes only for the notes whose text changed, and then holds what a whole one
    /// does; when notes were added or removed (the searchable nodes renumbered), or no fingerprints say which
    /// notes are unchanged, it is left for the caller to write whole.
    @Test(arguments: Edit.allCases)
    func theSearchIndexIsChangedOnlyForChangedNotes(edit: Edit) throws {
        let scratch = Scratch()
        let files = try CorpusFixture.sources("corpus-everything"), editedFiles = Self.edited(files, edit)
        let original = Self.graph(files)
        let before = try Self.store(original, in: scratch, fingerprints: Self.fingerprints(files))
        let graph = Self.graph(editedFiles)
        let whole = try Self.store(graph, in: scratch, fingerprints: Self.fingerprints(editedFiles))
        let searchable = { (g: Graph) in g.searchablePositions.map { g.nodes[$0].id } }
        let renumbered = searchable(original) != searchable(graph)
        #expect(renumbered == (edit == .addNote || edit == .removeNote || edit == .renameTitle))
        for fingerprints in [Self.fingerprints(editedFiles), [:]] {
            let copy = scratch.path()
            try FileManager.default.copyItem(atPath: before.path, toPath: copy)
            let db = try SQLiteDatabase(updatingAt: copy)
            let patched = try StoredGraph.updateSearchIndex(db, graph: graph, sources: StoredGraph.searchSources(graph, documentFingerprints: fingerprints))
            db.closeNow()
            #expect(patched == (!renumbered && !fingerprints.isEmpty), "\(edit), \(fingerprints.count) fingerprints")
            if patched {
                var terms: [String] = []
                try SQLiteDatabase(readingAt: copy).query("SELECT term FROM postings ORDER BY term") { terms.append($0.text(0) ?? "") }
                var wholeTerms: [String] = []
                try SQLiteDatabase(readingAt: whole.path).query("SELECT term FROM postings ORDER BY term") { wholeTerms.append($0.text(0) ?? "") }
                #expect(terms == wholeTerms)
                for table in ["SELECT doc, id, source FROM search_documents ORDER BY doc", "SELECT term, hex(list) FROM postings ORDER BY term", "SELECT hex(value) FROM meta WHERE key = 'lengths'"] {
                    var rows: [[String]] = [[], []]
                    for (k, path) in [copy, whole.path].enumerated() {
                        try SQLiteDatabase(readingAt: path).query(table) { row in rows[k].append((0..<3).map { row.text(Int32($0)) ?? "∅" }.joined(separator: "|")) }
                    }
                    #expect(rows[0] == rows[1], "\(edit): \(table)")
                }
            }
        }
    }

    @Test func aStoreThatCannotBeUpdatedIsWrittenWhole() throws {
        let scratch = Scratch()
        let files = try CorpusFixture.sources("corpus-everything")
        let first = try Self.store(Self.graph(files), in: scratch)
        let graph = Self.graph(Self.edited(files, .addClaim))
        let whole = try Self.rows(Self.store(graph, in: scratch).path)
        let link = scratch.path(), garbage = scratch.path(), unledgered = scratch.path()
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: first.path)
        try Data("not a store".utf8).write(to: URL(fileURLWithPath: garbage))
        try FileManager.default.copyItem(atPath: first.path, toPath: unledgered)
        try SQLiteDatabase(updatingAt: unledgered).execute("DELETE FROM ledger WHERE pos IN (SELECT pos FROM ledger LIMIT 3)")
        let original = try Data(contentsOf: URL(fileURLWithPath: first.path))
        for (previous, key) in [
            (first.path, Array("another executable".utf8)),
            (link, Self.key),  // never through a link
            (scratch.path(), Self.key),  // no such file
            (garbage, Self.key),
            (unledgered, Self.key),  // nodes without their ledger rows
        ] {
            let result = try Self.store(graph, in: scratch, previous: previous, key: key)
            #expect(!result.updated, "\(previous)")
            #expect(try Self.rows(result.path) == whole, "\(previous)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: first.path)) == original)
    }

    /// A new node goes between its neighbours' positions while there is room, and the store is written whole when
    /// there is not; positions always rise along the graph.
    @Test func newNodesTakePositionsBetweenTheirNeighbours() throws {
        let graph = Self.graph(try CorpusFixture.sources("corpus-everything"))
        let ids = graph.nodes.map(\.id.rawValue)
        func ledger(_ entries: [(index: Int, position: Int)]) -> StoreLedger {
            StoreLedger(entries: entries.map { .init(id: StoreLedger.idHash(ids[$0.index]), position: $0.position, hashes: .init(row: 0, edges: 0, unresolved: 0)) })
        }
        let n = ids.count
        // All but two nodes known, spaced apart: the two go between their neighbours.
        let spaced = ledger((0..<n).filter { $0 != 5 && $0 != 6 }.map { ($0, $0 * StoredGraph.gap) })
        let layout = try #require(StoreLayout(graph, updating: spaced))
        let positions = (0..<n).map(layout.position)
        #expect(zip(positions, positions.dropFirst()).allSatisfy { $0 < $1 })
        #expect(positions[4] == 4 * StoredGraph.gap && positions[7] == 7 * StoredGraph.gap)
        #expect(layout.entry(4) == 4 && layout.entry(5) == nil && layout.entry(6) == nil && layout.entry(7) == 5 && layout.deleted.isEmpty)
        // Neighbours one apart leave no room.
        let tight = ledger((0..<n).filter { $0 != 5 }.map { ($0, $0 < 5 ? $0 : $0 - 1) })
        #expect(StoreLayout(graph, updating: tight) == nil)
        // Nodes gone from the graph are listed to be deleted.
        var withGone = spaced.entries
        withGone.insert(.init(id: 42, position: spaced.entries[0].position + 1, hashes: spaced.entries[0].hashes), at: 1)
        let extra = StoreLedger(entries: withGone)
        #expect(try #require(StoreLayout(graph, updating: extra)).deleted == [1])
    }
}
