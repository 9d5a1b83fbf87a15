import Foundation
import GraphAnalysis
import GraphQuery
import NoteGraph
import NoteParsing

#if canImport(Glibc)
import Glibc
#endif

/// Writing the store: whole, as a new file, or — when the previous build's store and its ledger are at hand — as
/// that store (through a link, or a copy) with only the rows that changed rewritten.
///
/// Rows are keyed so that an edit does not move the others: a node's position is sparse (whole stores space them
/// `gap` apart, and a node added later takes a position between its neighbours'), and an edge or unresolved link
/// is keyed by its source's position and its place among that source's (`ord`). Positions keep graph order, so
/// every query reads rows in the order the in-memory graph lists them.
extension StoredGraph {
    /// How far apart a whole store places neighbouring nodes: room for sixteen halvings where notes are added.
    static let gap = 1 << 16


    /// Writes the database for `graph` as a new file at `path` (which must not exist): run during the build, into
    /// the staging folder.
    ///
    /// With `previous`, the path of the previous build's store, the file starts as that store and only changed
    /// rows are written, when that store was written by the same executable (`key`, its stamp) and the nodes fit
    /// between its positions; otherwise the store is written whole, and its content is a function of the graph
    /// alone. Returns whether the store was updated from the previous one.
    ///
    /// `documentFingerprints` (each note's parsed document's fingerprint, by path; see `ParseCache`) tell which
    /// searchable nodes' text is what the previous store indexed: in a copy, only the search postings of the others
    /// are changed (see `updateSearchIndex`). Without them every node counts as changed.
    ///
    /// The new file is a link to the previous one where the file system allows it, its changes kept in a
    /// write-ahead log beside it until `finishUpdate`; with `linking` false (or where no link can be made) a copy.
    @discardableResult
    public static func write(
        _ graph: Graph, toNewFileAt path: String, key: [UInt8] = [], previous: String? = nil, documentFingerprints: [String: UInt64] = [:],
        linking: Bool = true
    ) throws -> Bool {
        let sources = searchSources(graph, documentFingerprints: documentFingerprints)
        return try located(path) {
            if let previous, let (db, ledger, linked) = try copy(previous, to: path, key: key, linking: linking) {
                if let layout = StoreLayout(graph, updating: ledger) {
                    if linked {
                        // The file is the current site's store too, so nothing may reach it before the new site is in
                        // place: the changes go to the write-ahead log beside the new link (in the staging folder),
                        // never checkpointed here (no automatic checkpoint, none on close); `finishUpdate` moves them
                        // into the file once the site is committed. If the build dies first, the log goes with the
                        // staging folder and the current store is what it was, byte for byte.
                        try db.execute("PRAGMA wal_autocheckpoint = 0;")
                        try db.keepWriteAheadLogOnClose()
                    } else {
                        // A copy is ours alone: put in WAL mode if it was not, its log checkpointed and removed when
                        // the connection closes.
                        try db.execute("PRAGMA journal_mode = WAL;")
                    }
                    try db.execute("PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; BEGIN;")
                    if try !updateSearchIndex(db, graph: graph, sources: sources) {
                        try db.execute("DELETE FROM search_documents; DELETE FROM postings;")
                        try writeSearchIndex(db, graph: graph, sources: sources)
                    }
                    try writeRows(db, graph: graph, layout: layout, previous: ledger)
                    return true
                }
                db.closeNow()
                unlink(path)  // the copy or link this call made
            }
            return try writeWhole()
        }

        func writeWhole() throws -> Bool {
            let db = try SQLiteDatabase(creatingAt: path)
            // No journal and no syncing: the file is new, in the staging folder, and worthless if the build dies.
            // Sorting for the indexes stays in memory, so nothing is written outside the output folder.
            try db.execute("""
                PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 8192; PRAGMA temp_store = MEMORY;
                CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
                CREATE TABLE nodes (pos INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT, title TEXT, url TEXT, path TEXT,
                    status TEXT, aliases TEXT, tags TEXT, summary TEXT, reasons TEXT, owner INTEGER);
                CREATE TABLE edges (source INTEGER, ord INTEGER, target INTEGER, kind TEXT, context, score REAL, reason TEXT,
                    PRIMARY KEY (source, ord)) WITHOUT ROWID;
                CREATE TABLE unresolved (source INTEGER, ord INTEGER, target TEXT, PRIMARY KEY (source, ord)) WITHOUT ROWID;
                CREATE TABLE search_documents (doc INTEGER PRIMARY KEY, id TEXT, source INTEGER);
                CREATE TABLE postings (term TEXT PRIMARY KEY, list BLOB) WITHOUT ROWID;
                CREATE TABLE ledger (pos INTEGER PRIMARY KEY, id INTEGER, row INTEGER, edges INTEGER, unresolved INTEGER);
                BEGIN;
                """)
            try db.insert("INSERT INTO meta VALUES ('format', ?)") { $0(1, String(format)) }
            try db.insert("INSERT INTO meta VALUES ('key', ?)") { $0(1, key) }
            try writeSearchIndex(db, graph: graph, sources: sources)
            try writeRows(db, graph: graph, layout: StoreLayout(fresh: graph.nodes.count), previous: nil)
            // Left in WAL mode (a header field), so that the next build can update it through a link without
            // writing to it (see above). Where SQLite cannot keep a log (NFS) it stays as it was, and is copied.
            try db.execute("PRAGMA journal_mode = WAL;")
            return false
        }
    }

    /// Whether `db` is in WAL mode, asked without setting it.
    private static func inWriteAheadLogMode(_ db: SQLiteDatabase) throws -> Bool {
        var mode = ""
        try db.query("PRAGMA journal_mode") { mode = $0.text(0) ?? "" }
        return mode.lowercased() == "wal"
    }

    /// `body`, its failures named by `path`.
    static func located<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as SQLiteDatabase.Failure where !failure.description.hasPrefix(path) {
            throw SQLiteDatabase.Failure(description: "\(path): \(failure.description)")
        }
    }

    /// The searchable nodes' positions, and for each what its search terms are made from, as a number: its
    /// document's fingerprint with its title and aliases, or (a node without a document: a concept) the hash of its
    /// title, aliases and summary; nil for a document whose fingerprint is not known.
    struct SearchSources {
        var positions: [Int]
        var sources: [Int?]
    }

    static func searchSources(_ graph: Graph, documentFingerprints: [String: UInt64]) -> SearchSources {
        let positions = graph.searchablePositions
        let sources = positions.map { p -> Int? in
            var h = RowHasher()
            let node = graph.nodes[p]
            if graph.documents[node.id] != nil {
                guard let path = node.path, let fingerprint = documentFingerprints[path] else { return nil }
                h.add(1)
                h.add(Int(Int64(bitPattern: fingerprint)))
            } else {
                h.add(2)
                h.add(node.summary)
            }
            h.add(node.title)
            h.add(node.aliases.count)
            for alias in node.aliases { h.add(alias) }
            return h.finish()
        }
        return SearchSources(positions: positions, sources: sources)
    }

    private static func writeSearchIndex(_ db: SQLiteDatabase, graph: Graph, sources: SearchSources) throws {
        // Indexed one node's terms at a time (the whole corpus's term lists were about 40 MB), and written as soon as
        // it is made, so that the index is freed before the pages render.
        let searchable = sources.positions
        let index = BM25Index(documentCount: searchable.count) { graph.searchTerms(at: searchable[$0]) }
        let insertDocument = try db.statement("INSERT INTO search_documents VALUES (?,?,?)")
        for (doc, position) in searchable.enumerated() {
            try db.insert(insertDocument) { row in row(1, doc); row(2, graph.nodes[position].id.rawValue); row(3, sources.sources[doc]) }
        }
        try db.insert("INSERT OR REPLACE INTO meta VALUES ('lengths', ?)") { $0(1, packed(index.documentLengths)) }
        let insertPosting = try db.statement("INSERT INTO postings VALUES (?,?)")
        for (term, list) in index.allPostings.sorted(by: { $0.key < $1.key }) {
            try db.insert(insertPosting) { row in row(1, term); row(2, packed(list)) }
        }
    }

    /// Changes the copied store's search index for the searchable nodes whose text changed (their `sources`
    /// differ from the stored ones), leaving every other posting as it was: after a one-note edit, one document's
    /// terms instead of the whole corpus's counted again (0.9 s of CPU at 10,000 notes). The postings and lengths
    /// are then those a whole index of the graph holds. False, with nothing changed, when the searchable nodes are
    /// not the stored ones, in the same order (a note added or removed renumbers them), or a quarter of them
    /// changed: the caller writes the index whole.
    static func updateSearchIndex(_ db: SQLiteDatabase, graph: Graph, sources: SearchSources) throws -> Bool {
        let searchable = sources.positions
        var stored: [(id: String, source: Int?)] = []
        stored.reserveCapacity(searchable.count)
        var numbered = true
        try db.query("SELECT doc, id, source FROM search_documents ORDER BY doc") { row in
            if row.integer(0) != stored.count { numbered = false }
            stored.append((row.text(1) ?? "", row.isNull(2) ? nil : row.integer(2)))
        }
        guard numbered, stored.count == searchable.count,
              zip(stored, searchable).allSatisfy({ $0.id == graph.nodes[$1].id.rawValue }) else { return false }
        let changed = searchable.indices.filter { sources.sources[$0] == nil || sources.sources[$0] != stored[$0].source }
        guard !changed.isEmpty else { return true }
        var lengths: [Int] = []
        try db.query("SELECT value FROM meta WHERE key = 'lengths'") { lengths = StoredGraph.unpacked($0.blob(0)) }
        guard changed.count * 4 <= searchable.count, lengths.count == searchable.count else { return false }
        // The changed documents counted as an index of their own, renumbered as they are in the whole one (their
        // order is kept, so each term's postings stay in document order).
        let counted = BM25Index(documentCount: changed.count) { graph.searchTerms(at: searchable[changed[$0]]) }
        for (k, doc) in changed.enumerated() { lengths[doc] = counted.documentLengths[k] }
        var added = counted.allPostings.mapValues { $0.map { BM25Index.Posting(doc: changed[$0.doc], tf: $0.tf) } }
        // Every stored list that holds a changed document loses it; a list of a term a changed document now has
        // gains it. Lists are in document order, so a changed document is found by halving.
        let isChanged = Set(changed)
        var rewritten: [(term: String, list: [BM25Index.Posting])] = []
        try db.query("SELECT term, list FROM postings") { row in
            let term = row.text(0) ?? ""
            let list = StoredGraph.postings(row.blob(1))
            let gains = added.removeValue(forKey: term)
            guard gains != nil || changed.contains(where: { BM25Index.holds(list, doc: $0) }) else { return }
            rewritten.append((term, BM25Index.merged(list, dropping: isChanged, adding: gains ?? [])))
        }
        // Terms no stored list has yet.
        rewritten += added.map { ($0.key, BM25Index.merged([], dropping: [], adding: $0.value)) }
        let replace = try db.statement("INSERT OR REPLACE INTO postings VALUES (?,?)"), delete = try db.statement("DELETE FROM postings WHERE term = ?")
        for (term, list) in rewritten {
            if list.isEmpty {
                try db.insert(delete) { $0(1, term) }
            } else {
                try db.insert(replace) { row in row(1, term); row(2, packed(list)) }
            }
        }
        try db.insert("INSERT OR REPLACE INTO meta VALUES ('lengths', ?)") { $0(1, packed(lengths)) }
        let source = try db.statement("UPDATE search_documents SET source = ? WHERE doc = ?")
        for doc in changed {
            try db.insert(source) { row in row(1, sources.sources[doc]); row(2, doc) }
        }
        return true
    }

    /// One node's three parts as stored: its row's values (columns 2 to 11; the position is column 1, the owner
    /// column 12), its outgoing edges between nodes, and its unresolved links' targets.
    struct Parts {
        var row: [String?]
        /// A claim's: the position of the node that asserts it, whose page and file are the claim's. Its row then
        /// keeps only its url's fragment (`#claim-…`) and no path, and a reader puts the owner's in front (see
        /// `StoredGraph.url(of:)`): the claims' urls and paths were a seventh of the store, 18 MB at 10,000 notes.
        var owner: Int?
        var edges: [(target: Int, kind: String, context: String?, score: Double?, reason: String?)]
        var unresolved: [String]

        init(of p: Int, in graph: Graph, ends: EdgeEnds, layout: StoreLayout) {
            let nodes = graph.nodes, sep = StoredGraph.separator
            // Read in place: the computed fields (url, status, the metadata) are inlinable, so reading them on
            // `nodes[p]` does not copy the node (and retain every string in it) as a call to a getter did.
            row = [
                nodes[p].id.rawValue, nodes[p].kind.rawValue, nodes[p].title, nodes[p].url, nodes[p].path, nodes[p].status?.rawValue,
                nodes[p].aliases.joined(separator: sep), nodes[p].tags.joined(separator: sep), nodes[p].summary,
                nodes[p].statusReasons.joined(separator: sep),
            ]
            owner = nil
            // Only where the owner's url and path give back exactly the claim's: otherwise it is kept whole.
            if let (s, urlCount) = Self.owner(of: p, in: graph, ends: ends) {
                owner = layout.position(s)
                row[3] = String(Substring(nodes[p].url.utf8.dropFirst(urlCount)))
                row[4] = nil
            }
            // A claim's edges carry the claim's own sentence as context, which is not stored twice (NULL here, the
            // claim's title when read): that keeps the file a third smaller.
            edges = []
            for e in graph.outgoingEdgeIndices(at: p) {
                guard let target = ends.target(e) else { continue }
                let kind = graph.edges[e].kind, context = graph.edges[e].context
                let claimSide = kind == .asserts ? target : p
                let repeatsClaim = nodes[claimSide].kind == .claim && context == nodes[claimSide].title
                edges.append((layout.position(target), kind.rawValue, repeatsClaim ? nil : context, graph.edges[e].score, graph.edges[e].reason))
            }
            // Links written in a note that is not a node are never asked for (queries start from a node), so only
            // a node's own are stored.
            unresolved = graph.unresolved(from: nodes[p].id).map(\.target)
        }

        /// What `Parts(of: p, …).hashes(&hasher)` gives, made without the parts: no row array, no joined lists, no
        /// claim url made and cut again, no edge array. A copy of a store hashes every node this way to find the
        /// changed ones (most of a rebuild's store time at 10,000 notes went to making parts only to hash them);
        /// `StoreRowHashTests` checks the two agree on every node of three corpora.
        static func hashes(of p: Int, in graph: Graph, ends: EdgeEnds, layout: StoreLayout, into hasher: inout RowHasher) -> StoreLedger.Hashes {
            graph.nodes.withUnsafeBufferPointer { nodes in
                // Read in place through the buffer, as `init(of:…)` reads `nodes[p]`.
                let node = nodes.baseAddress! + p
                let sep = StoredGraph.separator
                let found = Self.owner(of: p, in: graph, ends: ends)
                let owner = found.map { layout.position($0.position) }
                hasher.add(node.pointee.id.rawValue)
                hasher.add(node.pointee.kind.rawValue)
                hasher.add(node.pointee.title)
                let (page, fragment) = node.pointee.urlParts
                // The stored url (the owner's part dropped) and path (none when the owner's is the claim's).
                hasher.add(suffixOf: page, "#", fragment, dropping: found?.urlCount ?? 0)
                hasher.add(found == nil ? node.pointee.path : nil)
                hasher.add(node.pointee.status?.rawValue)
                hasher.add(joining: node.pointee.aliases, sep)
                hasher.add(joining: node.pointee.tags, sep)
                hasher.add(node.pointee.summary)
                hasher.add(joining: node.pointee.statusReasons, sep)
                hasher.add(owner ?? -1)
                let row = hasher.finish()
                for e in graph.outgoingEdgeIndices(at: p) {
                    guard let target = ends.target(e) else { continue }
                    let kind = graph.edges[e].kind
                    let claimSide = kind == .asserts ? target : p
                    let side = nodes.baseAddress! + claimSide
                    let repeatsClaim = side.pointee.kind == .claim && graph.edges[e].context == side.pointee.title
                    hasher.add(layout.position(target))
                    hasher.add(kind.rawValue)
                    hasher.add(repeatsClaim ? nil : graph.edges[e].context)
                    hasher.add(graph.edges[e].score)
                    hasher.add(graph.edges[e].reason)
                }
                let edges = hasher.finish()
                // Only documents have links of their own (see `init(of:…)`); asking for anyone else's hashed an id.
                if node.pointee.kind.isDocument {
                    for reference in graph.unresolved(from: node.pointee.id) { hasher.add(reference.target) }
                }
                return StoreLedger.Hashes(row: row, edges: edges, unresolved: hasher.finish())
            }
        }

        /// The node whose page holds claim `p` (the first node asserting it, when it has the claim's path and the
        /// claim's url is its url followed by `#…`), and how many bytes of the claim's url are that node's url: the
        /// claim's row then keeps only the rest (see `owner`). Nil for any other node.
        static func owner(of p: Int, in graph: Graph, ends: EdgeEnds) -> (position: Int, urlCount: Int)? {
            graph.nodes.withUnsafeBufferPointer { nodes -> (position: Int, urlCount: Int)? in
                // Read in place through the buffer: a node handed over as a value is copied, every string retained.
                let claim = nodes.baseAddress! + p
                guard claim.pointee.kind == .claim else { return nil }
                for e in graph.incomingEdgeIndices(at: p) where graph.edges[e].kind == .asserts {
                    guard let s = ends.source(e) else { continue }
                    let owner = nodes.baseAddress! + s
                    guard claim.pointee.path == owner.pointee.path, let count = ownerURLCount(claim.pointee, owner.pointee) else { return nil }
                    return (s, count)
                }
                return nil
            }
        }

        /// How many bytes of `claim`'s url are `owner`'s url, when the claim's url is the owner's followed by `#…`,
        /// else nil. The usual case, a claim `page#fragment` on its owner's `page`, is told from the parts without
        /// making either url.
        // Always inlined: called with two nodes read through pointers (`pointee`), a call copied both first,
        // retaining every string they hold (as `GraphJSON.write(_:to:)` found): 127 of an edit's 521 node copies.
        @inline(__always)
        private static func ownerURLCount(_ claim: borrowing Node, _ owner: borrowing Node) -> Int? {
            let (page, fragment) = claim.urlParts, (ownerPage, ownerFragment) = owner.urlParts
            if fragment != nil, ownerFragment == nil, UTF8Key.sameBytes(page, ownerPage) { return ownerPage.utf8.count }
            let url = claim.url, ownerURL = owner.url
            guard url.utf8.count > ownerURL.utf8.count, url.utf8.starts(with: ownerURL.utf8),
                  url.utf8.dropFirst(ownerURL.utf8.count).first == UInt8(ascii: "#") else { return nil }
            return ownerURL.utf8.count
        }

        func hashes(_ hasher: inout RowHasher) -> StoreLedger.Hashes {
            for value in row { hasher.add(value) }
            hasher.add(owner ?? -1)
            let row = hasher.finish()
            for edge in edges {
                hasher.add(edge.target); hasher.add(edge.kind); hasher.add(edge.context); hasher.add(edge.score); hasher.add(edge.reason)
            }
            let edges = hasher.finish()
            for target in unresolved { hasher.add(target) }
            return StoreLedger.Hashes(row: row, edges: edges, unresolved: hasher.finish())
        }
    }

    /// Every row of a whole store, or the changed rows of a copy (`previous`, its ledger), each node's ledger row
    /// with them, and the commit. For a copy, every node's parts are hashed first on all cores, and only the changed
    /// ones are written; a whole store hashes each node's parts as it writes them.
    private static func writeRows(_ db: SQLiteDatabase, graph: Graph, layout: StoreLayout, previous: StoreLedger?) throws {
        let ends = EdgeEnds(graph)
        let count = graph.nodes.count
        var known: [StoreLedger.Hashes]?
        if let previous {
            let chunks = stride(from: 0, to: count, by: 2048).map { $0..<min($0 + 2048, count) }
            known = parallelMap(chunks, serialUpTo: 1) { chunk in
                var hasher = RowHasher()
                return chunk.map { Parts.hashes(of: $0, in: graph, ends: ends, layout: layout, into: &hasher) }
            }.flatMap { $0 }
            let deleteNode = try db.statement("DELETE FROM nodes WHERE pos = ?"), deleteEntry = try db.statement("DELETE FROM ledger WHERE pos = ?")
            for j in layout.deleted {
                try db.insert(deleteNode) { $0(1, previous.entries[j].position) }
                try db.insert(deleteEntry) { $0(1, previous.entries[j].position) }
                try deleteGroups(db, source: previous.entries[j].position)
            }
        }
        let insertNode = try db.statement("INSERT OR REPLACE INTO nodes VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
        let insertEdge = try db.statement("INSERT INTO edges VALUES (?,?,?,?,?,?,?)")
        let insertUnresolved = try db.statement("INSERT INTO unresolved VALUES (?,?,?)")
        let insertEntry = try db.statement("INSERT OR REPLACE INTO ledger VALUES (?,?,?,?,?)")
        var hasher = RowHasher()
        for p in 0..<count {
            let pos = layout.position(p)
            let old = layout.entry(p).map { previous!.entries[$0].hashes }
            if let known, let old, known[p] == old { continue }
            let parts = Parts(of: p, in: graph, ends: ends, layout: layout)
            let hashes = known?[p] ?? parts.hashes(&hasher)
            if old?.row != hashes.row {
                try db.insert(insertNode) { row in
                    row(1, pos)
                    for (i, value) in parts.row.enumerated() { row(Int32(i + 2), value) }
                    row(12, parts.owner)
                }
            }
            let changedEdges = old?.edges != hashes.edges, changedUnresolved = old?.unresolved != hashes.unresolved
            if old != nil { try deleteGroups(db, source: pos, edges: changedEdges, unresolved: changedUnresolved) }
            if changedEdges {
                // A sentence that makes several of the node's edges (one citing three notes, and naming a concept) is
                // stored with the first; the others keep that edge's `ord`, an integer where the text would be (see
                // `StoredGraph.edgeColumns`; the column has no declared type, so that SQLite keeps each value's own).
                // Edges are written and removed a node's at a time, so the first is there whenever the others are.
                // Those repeats were 18 MB of the store's 33 MB of sentences at 10,000 notes. Keyed by bytes: a
                // canonically equal sentence with other bytes is stored as itself.
                var first: [UTF8Key: Int] = [:]
                for (ord, edge) in parts.edges.enumerated() {
                    let earlier = edge.context.flatMap { context -> Int? in
                        guard context.utf8.count > StoredGraph.shortestSharedContext else { return nil }
                        let key = UTF8Key(context)
                        if let ord = first[key] { return ord }
                        first[key] = ord
                        return nil
                    }
                    try db.insert(insertEdge) { row in
                        row(1, pos); row(2, ord); row(3, edge.target); row(4, edge.kind)
                        if let earlier { row(5, earlier) } else { row(5, edge.context) }
                        row(6, edge.score); row(7, edge.reason)
                    }
                }
            }
            if changedUnresolved {
                for (ord, target) in parts.unresolved.enumerated() {
                    try db.insert(insertUnresolved) { row in row(1, pos); row(2, ord); row(3, target) }
                }
            }
            try db.insert(insertEntry) { row in
                row(1, pos); row(2, StoreLedger.idHash(parts.row[0]!)); row(3, hashes.row); row(4, hashes.edges); row(5, hashes.unresolved)
            }
        }
        if previous == nil {
            try db.execute("""
                CREATE INDEX edges_by_target ON edges (target, source, ord);
                CREATE INDEX nodes_by_kind ON nodes (kind, pos);
                CREATE INDEX nodes_by_title ON nodes (title, pos) WHERE kind != 'claim';
                """)
        }
        try db.execute("COMMIT")
    }

    private static func deleteGroups(_ db: SQLiteDatabase, source: Int, edges: Bool = true, unresolved: Bool = true) throws {
        if edges { try db.insert(db.statement("DELETE FROM edges WHERE source = ?")) { $0(1, source) } }
        if unresolved { try db.insert(db.statement("DELETE FROM unresolved WHERE source = ?")) { $0(1, source) } }
    }

    /// The store at `source` at `path` too, opened for writing, its ledger, and whether `path` is a link to the
    /// same file (`linked`) rather than a copy of it; if `source` is a regular file (never through a link) holding a
    /// store of this format written under `key`; nil otherwise, with nothing left at `path`.
    ///
    /// A link where the file system allows one: copying the file (100 MB at 10,000 notes) was half of the store's
    /// time after an edit. A store whose last update was never finished (the build died after committing its site)
    /// is finished first, so the link starts from everything that build committed.
    private static func copy(_ source: String, to path: String, key: [UInt8], linking: Bool) throws -> (SQLiteDatabase, StoreLedger, linked: Bool)? {
        var st = stat()
        guard lstat(source, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        try? finishUpdate(at: source)
        var linked = linking && link(source, path) == 0
        if !linked {
            guard try copyFile(source, to: path) else { return nil }
        }
        func discard() -> (SQLiteDatabase, StoreLedger, linked: Bool)? { unlink(path); return nil }  // what this call made
        guard var db = try? SQLiteDatabase(updatingAt: path) else { return discard() }
        if linked, !((try? inWriteAheadLogMode(db)) ?? false) {
            // Only a store already in WAL mode is updated through a link: switching a file to it rewrites the
            // header, which would change the current site's store before the new site is committed. A copy instead.
            db.closeNow()
            unlink(path)
            linked = false
            guard try copyFile(source, to: path), let copied = try? SQLiteDatabase(updatingAt: path) else { return discard() }
            db = copied
        }
        var format = 0, storedKey: [UInt8]?
        try? db.query("SELECT key, value FROM meta WHERE key IN ('format', 'key')") { row in
            if row.text(0) == "format" { format = Int(row.text(1) ?? "") ?? 0 } else { storedKey = row.blob(1) }
        }
        var entries: [StoreLedger.Entry] = [], nodes = -1
        try? db.query("SELECT count(*) FROM nodes") { nodes = $0.integer(0) }
        // A ledger row for every node, at its position (the join), or the store is not one this code wrote whole.
        guard format == StoredGraph.format, storedKey == key, (try? db.query("SELECT l.pos, l.id, l.row, l.edges, l.unresolved FROM ledger l JOIN nodes n ON n.pos = l.pos ORDER BY l.pos", row: { r in
            entries.append(.init(id: r.integer(1), position: r.integer(0), hashes: .init(row: r.integer(2), edges: r.integer(3), unresolved: r.integer(4))))
        })) != nil, entries.count == nodes else {
            db.closeNow()
            return discard()
        }
        return (db, StoreLedger(entries: entries), linked)
    }

    /// A copy of the regular file at `source` as a new file at `path`, by the kernel (the bytes never pass through
    /// this process): whether it was made, with nothing left at `path` when not.
    private static func copyFile(_ source: String, to path: String) throws -> Bool {
        let from = open(source, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard from >= 0 else { return false }
        defer { close(from) }
        var st = stat()
        guard fstat(from, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return false }
        let to = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard to >= 0 else { throw SQLiteDatabase.Failure(description: "\(path): cannot create: \(String(cString: strerror(errno)))") }
        var left = Int(st.st_size), copied = true
        while left > 0 {
            let n = sendfile(to, from, nil, left)
            if n > 0 { left -= n; continue }
            if n < 0 && errno == EINTR { continue }
            copied = false  // a failure, or the file shrank
            break
        }
        let closed = close(to) == 0
        if !(copied && closed) { unlink(path) }  // the file this call created
        return copied && closed
    }

    /// Moves the changes an update through a link left in the write-ahead log beside the store at `path` into the
    /// file, and removes the log: for the build to call once the site holding `path` is committed (see `write`).
    /// Nothing to do for a store without a log beside it. A failure leaves the log, which SQLite reads with the
    /// file, and the next build finishes it.
    public static func finishUpdate(at path: String) throws {
        var st = stat()
        guard lstat(path + "-wal", &st) == 0 else { return }
        try located(path) {
            // The last connection to close removes the log and its index, once it has read the database (a
            // connection that never did has not opened the log); the checkpoint is that read.
            let db = try SQLiteDatabase(updatingAt: path)
            try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.closeNow()
        }
    }
}

/// Where a store puts each node of a graph: positions in graph order, and, for a copy of a previous store, which of
/// its nodes each one is and which of them are gone.
///
/// A whole store's layout holds no arrays (node p is at p × `gap`): made beside the pages of a cold build, at its
/// peak of memory, the two arrays of a node each were 3 MB at 10,000 notes.
struct StoreLayout: Sendable {
    /// Each node's position; nil for a whole store.
    private let placed: [Int]?
    /// For each node, its entry in the previous store's ledger; nil for a whole store.
    private let previous: [Int?]?
    /// The ledger entries of nodes no longer in the graph.
    let deleted: [Int]

    /// A whole store: positions `gap` apart.
    init(fresh count: Int) {
        placed = nil
        previous = nil
        deleted = []
    }

    /// Where node `p` goes.
    func position(_ p: Int) -> Int { placed?[p] ?? p * StoredGraph.gap }

    /// Node `p`'s entry in the previous store's ledger, if it was there.
    func entry(_ p: Int) -> Int? { previous?[p] ?? nil }

    /// The nodes of `graph` placed among those of the store `ledger` describes: a node already there (the same id
    /// hash) keeps its position, a new one takes a position between its neighbours'. Both lists are in id order, so
    /// kept positions rise along the graph; they are checked to, which a hash shared by two ids would break. Nil when
    /// there is no room between two neighbours, or so much changed (a quarter of the nodes) that writing the store
    /// whole is as quick.
    init?(_ graph: Graph, updating ledger: StoreLedger) {
        let count = graph.nodes.count, old = ledger.entries
        var entryOf: [Int: Int] = [:]
        entryOf.reserveCapacity(old.count)
        for (j, entry) in old.enumerated() where entryOf.updateValue(j, forKey: entry.id) != nil { return nil }
        var positions = [Int](repeating: 0, count: count), previous = [Int?](repeating: nil, count: count)
        var kept = [Bool](repeating: false, count: old.count)
        var runStart = 0, below = -1
        /// Places the new nodes `run` strictly between `below` and `above`.
        func place(_ run: Range<Int>, under above: Int) -> Bool {
            let room = above - below
            guard room > run.count else { return false }
            for (k, p) in run.enumerated() { positions[p] = below + room * (k + 1) / (run.count + 1) }
            return true
        }
        for p in 0..<count {
            guard let j = entryOf[StoreLedger.idHash(graph.nodes[p].id.rawValue)], !kept[j] else { continue }
            guard old[j].position > below, place(runStart..<p, under: old[j].position) else { return nil }
            positions[p] = old[j].position
            previous[p] = j
            kept[j] = true
            below = old[j].position
            runStart = p + 1
        }
        guard place(runStart..<count, under: below + (count - runStart + 1) * StoredGraph.gap) else { return nil }
        let deleted = old.indices.filter { !kept[$0] }
        let added = previous.reduce(0) { $1 == nil ? $0 + 1 : $0 }
        guard (added + deleted.count) * 4 <= max(count, 1) else { return nil }
        self.placed = positions
        self.previous = previous
        self.deleted = deleted
    }
}

/// Hashes a part's stored values as they come, each length-prefixed (nil distinct from empty), eight bytes at a
/// time (`FNV1a.mix`): copying them into one buffer first cost a whole store a fifth of a second.
struct RowHasher {
    private var hash = FNV1a.wordsBasis

    mutating func add(_ text: String?) {
        guard var text else { return add(-1) }
        text.withUTF8 { utf8 in
            add(utf8.count)
            let raw = UnsafeRawBufferPointer(utf8)
            var i = 0
            while i + 8 <= raw.count {
                hash = FNV1a.mix(hash, word: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            guard i < raw.count else { return }
            var tail: UInt64 = 0
            withUnsafeMutableBytes(of: &tail) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[i...])) }
            hash = FNV1a.mix(hash, word: tail)
        }
    }

    mutating func add(_ n: Int) {
        hash = FNV1a.mix(hash, word: UInt64(bitPattern: Int64(n)))
    }

    /// What `add(list.joined(separator: separator))` adds, without joining them.
    mutating func add(joining list: [String], _ separator: String) {
        var count = list.reduce(0) { $0 + $1.utf8.count }
        if !list.isEmpty { count += separator.utf8.count * (list.count - 1) }
        add(count)
        var stream = Stream()
        for (i, item) in list.enumerated() {
            if i > 0 { stream.feed(separator, into: &hash) }
            stream.feed(item, into: &hash)
        }
        stream.finish(into: &hash)
    }

    /// What `add` of the url `page#fragment` (or `page`) without its first `dropping` bytes adds, without making it.
    mutating func add(suffixOf page: String, _ separator: String, _ fragment: String?, dropping: Int) {
        add(page.utf8.count + (fragment.map { separator.utf8.count + $0.utf8.count } ?? 0) - dropping)
        var stream = Stream(skipping: dropping)
        stream.feed(page, into: &hash)
        if let fragment {
            stream.feed(separator, into: &hash)
            stream.feed(fragment, into: &hash)
        }
        stream.finish(into: &hash)
    }

    /// Bytes fed in pieces, folded in eight at a time as `add(_: String?)` folds one string's (little-endian words,
    /// the last one zero-padded).
    private struct Stream {
        var word: UInt64 = 0
        var filled = 0
        var skipping = 0

        mutating func feed(_ text: String, into hash: inout UInt64) {
            for byte in text.utf8 {
                if skipping > 0 { skipping -= 1; continue }
                word |= UInt64(byte) << (8 * UInt64(filled))
                filled += 1
                if filled == 8 {
                    hash = FNV1a.mix(hash, word: word)
                    word = 0
                    filled = 0
                }
            }
        }

        func finish(into hash: inout UInt64) {
            if filled > 0 { hash = FNV1a.mix(hash, word: word) }
        }
    }

    mutating func add(_ x: Double?) {
        guard let x else { return add(-1) }
        add(0)
        add(Int(Int64(bitPattern: x.bitPattern)))
    }

    /// The hash of what was added since the last `finish`.
    mutating func finish() -> Int {
        defer { hash = FNV1a.wordsBasis }
        return Int(bitPattern: UInt(FNV1a.mix(hash, word: 0x9E37_79B9_7F4A_7C15)))
    }
}
