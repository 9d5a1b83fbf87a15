import GraphQuery
import GraphStore
import NoteParsing
import SiteRendering

/// A whole build as a pure function: note files and templates in, site files and diagnostics out.
public struct SiteBuild: Sendable {
    public let corpus: CorpusBuild
    /// Every site file, sorted by path, when the build collected them (`init(files:templates:siteTitle:)`); empty
    /// when they were handed to `emit` as they were rendered.
    public let files: [OutputFile]
    public let timings: BuildTimings

    /// Builds the site into memory, and the stored graph (for `notegraph query`, see `StoredGraph`) as a new file
    /// at `storePath` when one is given.
    public init(files sources: consuming [SourceFile], templates: TemplateSet, siteTitle: String = "notegraph", storePath: String? = nil) throws {
        let collected = Collected()
        try self.init(corpus: CorpusBuild(files: consume sources), templates: templates, siteTitle: siteTitle, storePath: storePath, collecting: collected) { collected.files += $0 }
    }

    /// Builds the site, handing its files to `emit` in batches as they are rendered (see `SiteBuilder.build`), and
    /// writes the stored graph as a new file at `storePath`. Both destinations are the caller's: this type picks no
    /// paths of its own. The files are consumed, so their text is freed once parsed (see `CorpusBuild`).
    public init(files sources: consuming [SourceFile], templates: TemplateSet, siteTitle: String = "notegraph", storePath: String? = nil, emit: @escaping @Sendable ([OutputFile]) throws -> Void) throws {
        try self.init(corpus: CorpusBuild(files: consume sources), templates: templates, siteTitle: siteTitle, storePath: storePath, collecting: nil, emit: emit)
    }

    /// The same from notes already parsed and analysed (for instance through a `ParseCache`); with `reuse`, note
    /// pages made from what the previous build's were are handed on unrendered (see `SiteBuilder.build`), and with
    /// `previousStore` (the previous build's, written under `storeKey`) the store is a copy of it with the changed
    /// rows written (see `StoredGraph.write`); with `graphJSON`, graph.json's unchanged chunks are copied from the
    /// previous build's file (see `GraphJSONChunks`).
    public init(
        corpus: CorpusBuild, templates: TemplateSet, siteTitle: String = "notegraph", storePath: String? = nil, reuse: PageReuse? = nil,
        previousStore: String? = nil, storeKey: [UInt8] = [], graphJSON: GraphJSONReuse? = nil, emit: @escaping @Sendable ([OutputFile]) throws -> Void
    ) throws {
        try self.init(
            corpus: corpus, templates: templates, siteTitle: siteTitle, storePath: storePath, reuse: reuse, previousStore: previousStore, storeKey: storeKey,
            graphJSON: graphJSON, collecting: nil, emit: emit
        )
    }

    private init(
        corpus: CorpusBuild, templates: TemplateSet, siteTitle: String, storePath: String?, reuse: PageReuse? = nil,
        previousStore: String? = nil, storeKey: [UInt8] = [], graphJSON: GraphJSONReuse? = nil, collecting: Collected?,
        emit: @escaping @Sendable ([OutputFile]) throws -> Void
    ) throws {
        self.corpus = corpus
        var timings = corpus.timings
        let corpus = corpus
        // The store is written on a thread of its own (whole in a cold build, on one thread; after an edit, the
        // previous one through a link, with only the changed rows written to a log beside it, see
        // `StoredGraph.write`), and the pages on this one, whose `parallelMap`s keep every core (see `alongside`).
        // Each side's own wall time is reported too (` pages`, ` store`), since the slower one decides the phase. A
        // cold build once ran the two as the two iterations of one `concurrentPerform`, to keep the pages from
        // reaching graph.json while the store held its peak; but then the pages' own work ran on one core, which was
        // all the last 1.3 s of a 10,000-note build, after the store was done (`scripts/side-by-side.py`, 5 rounds:
        // 6.77 s then, 6.53 s now; peak 270 then, 276 MB now).
        let clock = ContinuousClock()
        @Sendable func store(_ path: String) throws {
            try StoredGraph.write(corpus.graph, toNewFileAt: path, key: storeKey, previous: previousStore, documentFingerprints: corpus.documentFingerprints)
        }
        @Sendable func pages() throws { try SiteBuilder(siteTitle: siteTitle).build(GraphQueries(graph: corpus.graph), templates: templates, reuse: reuse, graphJSON: graphJSON, emit: emit) }
        var sides: (pages: Duration, store: Duration) = (.zero, .zero)
        if let storePath {
            // When both sides fail (a full disk), the pages' error is the one reported: it names the page that did not
            // fit and says that the previous site is unchanged.
            let (stored, rendered) = try timings.measure("render+store") {
                try alongside({ Result { try clock.measureResult { try store(storePath) } } }, { Result { try clock.measureResult { try pages() } } })
            }
            sides.pages = try rendered.get().1
            sides.store = try stored.get().1
        } else {
            sides.pages = try timings.measure("render+store") { try clock.measureResult { try pages() }.1 }
        }
        timings.note(" pages", sides.pages)
        timings.note(" store", sides.store)
        files = collecting.map { $0.files.sorted { $0.path < $1.path } } ?? []
        self.timings = timings
    }

    /// Finishes the store at `path` once the site holding it is committed: an update made through a link to the
    /// previous site's store left its changes in a write-ahead log beside it (see `StoredGraph.write`).
    public static func finishStore(at path: String) throws {
        try StoredGraph.finishUpdate(at: path)
    }

    /// Files gathered from `emit`, which is only ever called from the rendering thread.
    private final class Collected: @unchecked Sendable {
        var files: [OutputFile] = []
    }
}

extension ContinuousClock {
    /// `body`'s result and how long it took.
    func measureResult<T>(_ body: () throws -> T) rethrows -> (T, Duration) {
        let start = now
        let result = try body()
        return (result, now - start)
    }
}
