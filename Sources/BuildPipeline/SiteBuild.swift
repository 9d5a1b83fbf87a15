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
    /// pages made from what the previous build's were are handed on unrendered (see `SiteBuilder.build`).
    public init(
        corpus: CorpusBuild, templates: TemplateSet, siteTitle: String = "notegraph", storePath: String? = nil, reuse: PageReuse? = nil,
        emit: @escaping @Sendable ([OutputFile]) throws -> Void
    ) throws {
        try self.init(corpus: corpus, templates: templates, siteTitle: siteTitle, storePath: storePath, reuse: reuse, collecting: nil, emit: emit)
    }

    private init(
        corpus: CorpusBuild, templates: TemplateSet, siteTitle: String, storePath: String?, reuse: PageReuse? = nil, collecting: Collected?,
        emit: @escaping @Sendable ([OutputFile]) throws -> Void
    ) throws {
        self.corpus = corpus
        var timings = corpus.timings
        let corpus = corpus
        // The SQLite store is written on one thread while pages render on the others; each side's own wall time
        // is reported too (` pages`, ` store`), since the slower one decides the phase. In a cold build the pages keep
        // both cores busy, and the store is written beside them whole. After an edit nearly every note page is carried
        // over (see `PageReuse`), and the store's serial rows are what the build waits for: its search index, which
        // takes all cores, goes first (see `StoredGraph.begin`). The file is the same either way.
        let clock = ContinuousClock()
        let pagesMostlyCarriedOver = !(reuse?.previous.isEmpty ?? true) && CorpusBuild.mostlyCached(reused: corpus.reusedDocuments, of: corpus.documentFingerprints.count)
        let indexed = try pagesMostlyCarriedOver ? storePath.map { path in
            try timings.measure("search") { try StoredGraph.begin(corpus.graph, toNewFileAt: path, searchAhead: corpus.searchAhead) }
        } : nil
        var sides: (pages: Duration, store: Duration) = (.zero, .zero)
        ((_, sides.pages), (_, sides.store)) = try timings.measure("render+store") {
            try concurrently(
                { try clock.measureResult { try SiteBuilder(siteTitle: siteTitle).build(GraphQueries(graph: corpus.graph), templates: templates, reuse: reuse, emit: emit) } },
                { try clock.measureResult { try (indexed ?? storePath.map { try StoredGraph.begin(corpus.graph, toNewFileAt: $0, searchAhead: corpus.searchAhead) })?.finish() } }
            )
        }
        timings.note(" pages", sides.pages)
        timings.note(" store", sides.store)
        files = collecting.map { $0.files.sorted { $0.path < $1.path } } ?? []
        self.timings = timings
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
