import GraphQuery
import GraphStore
import NoteParsing
import SiteRendering

/// A whole build as a pure function: note files and templates in, site files and diagnostics out.
public struct SiteBuild: Sendable {
    public let corpus: CorpusBuild
    public let files: [OutputFile]
    /// The graph as a SQLite database file, for `notegraph query` (see `StoredGraph`).
    public let storedGraph: [UInt8]
    public let timings: BuildTimings

    public init(files sources: [SourceFile], templates: TemplateSet, siteTitle: String = "notegraph") throws {
        corpus = CorpusBuild(files: sources)
        var timings = corpus.timings
        let corpus = corpus
        // The SQLite store is written on one thread while pages render on the others.
        (files, storedGraph) = try timings.measure("render+store") {
            try concurrently(
                { try SiteBuilder(siteTitle: siteTitle).build(GraphQueries(graph: corpus.graph), templates: templates) },
                { try StoredGraph.serialize(corpus.graph) }
            )
        }
        self.timings = timings
    }
}
