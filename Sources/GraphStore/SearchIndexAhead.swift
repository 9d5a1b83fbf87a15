import Dispatch
import GraphAnalysis
import GraphQuery
import NoteGraph
import NoteParsing

/// The store's search index of a graph's documents, counted on another thread while the build analyses the graph.
///
/// After a one-note edit analysis keeps one core busy and leaves the other mostly idle (the claims come from the
/// analysis memo); the index, which took the build 0.9 s on both cores after analysis, is counted there instead. It
/// is made from what the search terms of a document node read — title, aliases and the document's blocks, which
/// analysis does not change — taken from the graph before analysis, so the thread holds none of the graph's arrays
/// (analysis frees the documents' paragraphs in place, which a second reference would keep alive).
public final class SearchIndexAhead: @unchecked Sendable {  // written by the counting thread before `done` is signalled, then by one reader
    /// What one document node's search terms are made from (see `Graph.searchTerms(title:aliases:body:)`).
    private struct Source: Sendable {
        var id: NodeID
        var title: String
        var aliases: [String]
        /// The blocks of the node's document; nil when it has none, and its summary is its text.
        var blocks: [Block]?
        var summary: String?

        var terms: [String] {
            Graph.searchTerms(title: title, aliases: aliases, body: blocks.map(NoteDocument.plainText(of:)) ?? summary ?? "")
        }
    }

    private var sources: [Source]
    private var counted: BM25Index?
    private let done = DispatchSemaphore(value: 0)

    /// Starts counting the searchable nodes of `graph` (a graph of documents, before analysis adds concepts).
    public init(documentsOf graph: Graph) {
        let sources = graph.searchablePositions.map { p in
            Source(id: graph.nodes[p].id, title: graph.nodes[p].title, aliases: graph.nodes[p].aliases,
                   blocks: graph.documents[graph.nodes[p].id]?.blocks, summary: graph.nodes[p].summary)
        }
        self.sources = sources
        DispatchQueue.global().async { [self] in
            counted = BM25Index(documentCount: sources.count) { sources[$0].terms }
            done.signal()
        }
    }

    /// The index of `graph`'s searchable nodes (`searchable`, their positions): the counted part for the nodes
    /// counted ahead, the others (concepts) counted now. Nil, after waiting for the count, when a node counted
    /// ahead is not in `graph` with the same title, aliases and text source: then the caller counts them all.
    func index(for graph: Graph, searchable: [Int]) -> BM25Index? {
        done.wait()
        done.signal()  // a second call finds nothing counted (below) instead of waiting forever
        // Taken out, so that what was counted is freed with the index made from it, not kept by the build's corpus.
        let sources = self.sources
        self.sources = []
        guard let counted = counted.take() else { return nil }
        var docByID: [NodeID: Int] = [:]
        docByID.reserveCapacity(searchable.count)
        for (doc, p) in searchable.enumerated() { docByID[graph.nodes[p].id] = doc }
        var countedDocs: [Int] = []
        countedDocs.reserveCapacity(sources.count)
        var isCounted = [Bool](repeating: false, count: searchable.count)
        for source in sources {
            guard let doc = docByID[source.id], !isCounted[doc] else { return nil }
            let p = searchable[doc]
            let document = graph.documents[source.id]
            guard graph.nodes[p].title == source.title, graph.nodes[p].aliases == source.aliases, (document == nil) == (source.blocks == nil),
                  document != nil || graph.nodes[p].summary == source.summary else { return nil }
            countedDocs.append(doc)
            isCounted[doc] = true
        }
        let rest = searchable.indices.filter { !isCounted[$0] }
        let restIndex = BM25Index(documentCount: rest.count) { graph.searchTerms(at: searchable[rest[$0]]) }
        return BM25Index(documentCount: searchable.count, parts: [(counted, countedDocs), (restIndex, rest)])
    }
}
