import GraphQuery
import NoteGraph
import NoteParsing

/// What lets a rebuild carry a note's page over from the previous build without making it again: the page's
/// fingerprint, a hash of everything the page is made from, compared with the one recorded for that page last time.
///
/// A page shows its own node and document, the edges that touch it and, for each, the other end's title, kind and
/// address (a claim's sentence and numbers), what its links resolved to, its unresolved links, its open question and
/// the addresses of its tags and collection; the templates, the site title and the executable decide the rest.
/// All of that goes into the fingerprint, so a page whose fingerprint is the previous build's has the previous
/// build's bytes. Made on all cores with the pages, the fingerprints cost a few percent of making them; after a
/// one-note edit at 10,000 notes they spare making and rendering all but the few dozen pages the note touches.
public struct PageReuse: Sendable {
    /// What every page depends on: the executable (its build stamp) and whatever the caller adds.
    public var seed: [UInt8]
    /// Each note's document fingerprint, by path (`CorpusBuild.documentFingerprints`); a note without one always
    /// gets its page made.
    public var documents: [String: UInt64]
    /// The previous build's pages: fingerprint and size by page path.
    public var previous: [String: Page]

    public struct Page: Sendable, Equatable {
        public var fingerprint: UInt64
        public var size: Int

        public init(fingerprint: UInt64, size: Int) {
            self.fingerprint = fingerprint
            self.size = size
        }
    }

    public init(seed: [UInt8], documents: [String: UInt64], previous: [String: Page]) {
        self.seed = seed
        self.documents = documents
        self.previous = previous
    }

    /// The pages' state as stored between builds: one line per page, `fingerprint size path` (hex, decimal).
    public static func encode(_ pages: [(path: String, page: Page)]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (path, page) in pages.sorted(by: { $0.path < $1.path }) {
            bytes += Array("\(String(page.fingerprint, radix: 16)) \(page.size) \(path)\n".utf8)
        }
        return bytes
    }

    /// Reads `encode`'s lines; a damaged line is left out (its page is then made again).
    public static func decode(_ bytes: [UInt8]) -> [String: Page] {
        var pages: [String: Page] = [:]
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 2)
            guard fields.count == 3, let fingerprint = UInt64(String(decoding: fields[0], as: UTF8.self), radix: 16),
                  let size = Int(String(decoding: fields[1], as: UTF8.self)), size >= 0 else { continue }
            pages[String(decoding: fields[2], as: UTF8.self)] = Page(fingerprint: fingerprint, size: size)
        }
        return pages
    }
}

/// A stable 64-bit hash of a sequence of fields: each field's `FNV1a.words` (which folds in its length), mixed in
/// turn. Swift's `Hasher` is seeded anew in every process, so it cannot compare across builds.
struct StableHasher {
    private(set) var value: UInt64 = FNV1a.wordsBasis

    mutating func add(_ n: Int) {
        value = FNV1a.mix(value, word: UInt64(bitPattern: Int64(n)))
    }

    mutating func add(_ n: UInt64) {
        value = FNV1a.mix(value, word: n)
    }

    mutating func add(bytes: UnsafeRawBufferPointer) {
        add(FNV1a.words(bytes))
    }

    mutating func add(_ s: String) {
        var s = s
        s.withUTF8 { add(bytes: UnsafeRawBufferPointer($0)) }
    }

    mutating func add(_ s: String?) {
        if let s { add(1); add(s) } else { add(0) }
    }

    mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { add(bytes: $0) }
    }

    mutating func add(_ bytes: [UInt8]?) {
        if let bytes { add(1); add(bytes) } else { add(0) }
    }

    mutating func add(_ x: Double?) {
        add(x == nil ? 0 : 1)
        add(x?.bitPattern ?? 0)
    }
}

/// The part of page fingerprints that many pages share, hashed once per build on all cores: each node's label as
/// another page shows it (title, kind, address; a claim's sentence and numbers). Edges are hashed by the pages that
/// show them: an array of every edge's hash (most are a claim's, on no note's page) was 2.4 MB at the build's peak.
struct PageInputHashes: Sendable {
    let labels: [UInt64]
    /// The graph's items' hashes (see `ItemHashes`).
    let items: ItemHashes

    init(_ graph: Graph, items: ItemHashes) {
        self.items = items
        // Read in place through the buffer: reading a field of `nodes[i]` from the array copied the whole node,
        // retaining every string in it, for each field.
        let nodes = graph.nodes
        labels = PageInputHashes.chunked(nodes.count) { range in
            nodes.withUnsafeBufferPointer { nodes in
                range.map { i in
                    var h = StableHasher()
                    h.add(nodes[i].title)
                    h.add(nodes[i].kind.rawValue)
                    h.add(nodes[i].url)
                    if nodes[i].kind == .claim {
                        h.add(nodes[i].text)
                        h.add(nodes[i].claim?.type.rawValue)
                        for quantity in nodes[i].claim?.quantities ?? [] { h.add(quantity.text) }
                    }
                    return h.value
                }
            }
        }
    }

    /// The hashes of `0..<count`, a chunk of positions at a time on all cores.
    private static func chunked(_ count: Int, _ hashes: @Sendable @escaping (Range<Int>) -> [UInt64]) -> [UInt64] {
        let chunks = stride(from: 0, to: count, by: 4096).map { $0..<min($0 + 4096, count) }
        // `serialUpTo: 1`: by default up to 32 items run serially, which every corpus under 131,072 nodes is.
        return parallelMap(chunks, serialUpTo: 1, hashes).flatMap { $0 }
    }
}

extension SiteBuilder {
    /// The fingerprint of the page of the document node at position `n` (see `PageReuse`), or nil when its
    /// document has none.
    func pageFingerprint(
        _ n: Int, graph: Graph, ends: EdgeEnds, shared: PageInputHashes, question: OpenQuestion?, taxonomy: Taxonomy, reuse: PageReuse, seed: UInt64
    ) -> UInt64? {
        guard let path = graph.nodes[n].path, let document = reuse.documents[path] else { return nil }
        var h = StableHasher()
        h.add(seed)
        h.add(document)
        // The node itself, whole, and each of its edges with its sentence (see `ItemHashes`), and the labels of the
        // nodes at the edges' ends.
        h.add(shared.items.nodes[n])
        for list in [graph.outgoingEdgeIndices(at: n), graph.incomingEdgeIndices(at: n)] {
            h.add(list.count)
            for e in list {
                h.add(shared.items.edges[e])
                h.add(ends.source(e).map { shared.labels[$0] } ?? 0)
                h.add(ends.target(e).map { shared.labels[$0] } ?? 0)
            }
        }
        // Where each link went, by id: every target but the page itself is an edge's end, whose label is in.
        let id = graph.nodes[n].id
        let targets = graph.linkTargets[id] ?? []
        h.add(targets.count)
        for target in targets { h.add(target?.rawValue) }
        let unresolved = graph.unresolved(from: id)
        h.add(unresolved.count)
        for u in unresolved {
            h.add(u.target)
            h.add(u.location.line)
            h.add(u.suggestion)
        }
        h.add(question.map { Array(GraphJSON.encodeSorted($0)) })
        // Read on `graph.nodes[n]` in place: the getters are inlinable, so no copy of the node is made to call them.
        for (folder, names) in [("collection", graph.nodes[n].collection.map { [$0] } ?? []), ("category", graph.nodes[n].categories), ("tag", graph.nodes[n].tags)] {
            h.add(names.count)
            for name in names { h.add(taxonomy.path(folder, name)) }
        }
        return h.value
    }

    /// What every page's fingerprint starts from: the caller's seed, the site title, the list limits and the
    /// templates.
    func pageSeed(_ reuse: PageReuse, templates: TemplateSet) -> UInt64 {
        var h = StableHasher()
        h.add(reuse.seed)
        h.add(siteTitle)
        h.add(listLimit)
        h.add(indexSectionLimit)
        for (name, text) in templates.templates.sorted(by: { $0.key < $1.key }) {
            h.add(name)
            h.add(text)
        }
        return h.value
    }
}
