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
    /// The graph as a SQLite database file, for `notegraph query` (see `StoredGraph`).
    public let storedGraph: [UInt8]
    public let timings: BuildTimings

    /// Builds the site into memory.
    public init(files sources: [SourceFile], templates: TemplateSet, siteTitle: String = "notegraph") throws {
        let collected = Collected()
        try self.init(files: sources, templates: templates, siteTitle: siteTitle, collecting: collected) { collected.files += $0 }
    }

    /// Builds the site, handing its files to `emit` in batches as they are rendered (see `SiteBuilder.build`).
    public init(files sources: [SourceFile], templates: TemplateSet, siteTitle: String = "notegraph", emit: @escaping @Sendable ([OutputFile]) throws -> Void) throws {
        try self.init(files: sources, templates: templates, siteTitle: siteTitle, collecting: nil, emit: emit)
    }

    private init(files sources: [SourceFile], templates: TemplateSet, siteTitle: String, collecting: Collected?, emit: @escaping @Sendable ([OutputFile]) throws -> Void) throws {
        corpus = CorpusBuild(files: sources)
        var timings = corpus.timings
        let corpus = corpus
        // The SQLite store is written on one thread while pages render on the others; each side's own wall time
        // is reported too (` pages`, ` store`), since the slower one decides the phase.
        let clock = ContinuousClock()
        var sides: (pages: Duration, store: Duration) = (.zero, .zero)
        ((_, sides.pages), (storedGraph, sides.store)) = try timings.measure("render+store") {
            try concurrently(
                { try clock.measureResult { try SiteBuilder(siteTitle: siteTitle).build(GraphQueries(graph: corpus.graph), templates: templates, emit: emit) } },
                { try clock.measureResult { try StoredGraph.serialize(corpus.graph) } }
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
