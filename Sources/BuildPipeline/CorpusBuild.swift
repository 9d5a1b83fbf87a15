import GraphAnalysis
import GraphStore
import NoteGraph
import NoteParsing

/// The pure part of a build: note files in, analysed graph and diagnostics out. No file system here.
///
/// The parsed documents are the graph's (`graph.documents`); they are not kept a second time, so that analysis
/// can free what only it reads (see `CorpusAnalyzer.analyze`).
public struct CorpusBuild: Sendable {
    public let graph: Graph
    /// Everything found wrong in the notes, sorted by file and position.
    public let diagnostics: [Diagnostic]
    public let timings: BuildTimings
    /// How many documents came from the parse cache instead of the parser.
    public private(set) var reusedDocuments = 0
    /// How many documents' analysis findings came from the analysis memo.
    public private(set) var reusedFindings = 0
    /// Each note's document fingerprint by path, when the documents went through a `ParseCache` (see
    /// `ParseCache.documents`): what lets a page made from unchanged inputs be carried over unrendered.
    public private(set) var documentFingerprints: [String: UInt64] = [:]
    /// The "did you mean" answers of this build's unresolved links, for the next build (see `TitleSuggestions`).
    public private(set) var suggestions = TitleSuggestions.empty

    /// Parses every file on all cores, builds the graph, then analyses it. The files are consumed: their text is
    /// freed once parsed, instead of staying alive through the rest of the build.
    public init(files: consuming [SourceFile]) {
        var timings = BuildTimings()
        let documents = timings.measure("parse") { parallelMap(files) { NoteParser.parse($0) } }
        _ = consume files
        self.init(documents: consume documents, timings: timings)
    }

    /// The same, taking unchanged notes' documents from `cache` and their analysis findings from the memo `memo`
    /// reads, and handing the next build's cache and memo, made under `key`, to `keep` and `keepMemo` in pieces (see
    /// `ParseCache` and `AnalysisMemo`). The memo is read only once the notes are parsed: parsing is a rebuild's
    /// peak of memory (the cache's bytes and the decoded documents), which the memo's megabytes would raise. The files
    /// are consumed, as above.
    ///
    /// `suggestions`: the last build's "did you mean" answers, taken where the titles are the same; read, like the
    /// memo, only once the notes are parsed.
    public init(files: consuming [SourceFile], cache: consuming ParseCache, memo: () -> AnalysisMemo = { .empty }, key: [UInt8], keep: (UnsafeRawBufferPointer) -> Void,
                keepMemo: ([UInt8]) -> Void = { _ in }, suggestions: () -> TitleSuggestions = { .empty }) {
        var timings = BuildTimings()
        let (parsed, reused, fingerprints) = timings.measure("parse") { cache.documents(for: files, key: key, keep: keep) }
        _ = consume files
        _ = consume cache  // the last build's cache bytes, freed before the graph is built
        // Handed over through an optional the closure takes from: a captured binding stayed a second reference to
        // the array, and freeing the paragraph texts in place (see `dropUnreadParagraphTexts`) then copied them.
        var documents = Optional(consume parsed)
        let byPath = Dictionary(zip(documents!.map(\.path), fingerprints), uniquingKeysWith: { first, _ in first })
        var reusedFindings = 0
        self = withoutActuallyEscaping(keepMemo) { keepMemo in
            let use = AnalysisMemoUse(previous: memo(), fingerprints: byPath, key: key, keep: keepMemo)
            defer { reusedFindings = use.reused }
            return CorpusBuild(documents: documents.take()!, timings: timings, memo: use, suggestions: suggestions())
        }
        reusedDocuments = reused
        self.reusedFindings = reusedFindings
        documentFingerprints = byPath
    }

    /// Builds the graph of `documents` and analyses it. Consumed, so that the paragraph texts nothing reads are
    /// freed in place before the graph is built (see `NoteDocument.dropUnreadParagraphTexts`).
    public init(documents: consuming [NoteDocument], timings: BuildTimings = BuildTimings(), memo: AnalysisMemoUse? = nil, suggestions: TitleSuggestions = .empty) {
        var timings = timings
        for i in documents.indices { documents[i].dropUnreadParagraphTexts() }
        let (documentGraph, diagnostics, made) = timings.measure("graph") { GraphBuilder.build(documents, suggestions: suggestions) }
        self.suggestions = made
        _ = consume documents
        // Taken out of an optional so that analysis holds the only reference to the graph's arrays and documents
        // (see `analyze`): a closure capturing a plain binding would keep a second reference while it runs.
        var graph: Graph? = consume documentGraph
        self.graph = timings.measure("analyse") { CorpusAnalyzer.analyze(graph.take()!, memo: memo) }
        self.diagnostics = diagnostics.sorted()
        self.timings = timings
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
