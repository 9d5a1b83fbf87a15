@testable import GraphAnalysis
import GraphQuery
import NoteGraph
import Testing

/// The BM25 index counts terms through numbers rather than a dictionary per document: its postings must be the
/// ones plain counting gives, on a real corpus and on documents with repeated and shared terms.
@Suite("BM25 index")
struct BM25IndexTests {
    /// The straightforward rule: per document, count each term; postings in document order.
    static func plainPostings(_ documents: [[String]]) -> [String: [Int]] {
        var postings: [String: [Int]] = [:]
        for (i, terms) in documents.enumerated() {
            var counts: [String: Int] = [:]
            for t in terms { counts[t, default: 0] += 1 }
            for (t, c) in counts { postings[t, default: []] += [i, c] }
        }
        return postings
    }

    static func flat(_ index: BM25Index) -> [String: [Int]] {
        index.allPostings.mapValues { $0.flatMap { [$0.doc, $0.tf] } }
    }

    @Test(arguments: ["corpus-everything", "corpus-faults"])
    func postingsOfARealCorpusAreThePlainCounts(corpus: String) throws {
        let graph = try CorpusFixture.graph(corpus).graph
        let documents = graph.searchDocuments().map(\.terms)
        let index = BM25Index(documents: documents)
        #expect(documents.count > 5 && index.allPostings.count > 30)
        #expect(Self.flat(index) == Self.plainPostings(documents))
        #expect(index.documentLengths == documents.map(\.count))
    }

    /// The store indexes search terms node by node, in runs on all cores (`searchablePositions`, `searchTerms(at:)`):
    /// the same documents, in the same order, as `searchDocuments`, and so the same index.
    @Test(arguments: ["corpus-everything", "corpus-faults"])
    func searchTermsByPositionAreTheSearchDocuments(corpus: String) throws {
        let graph = try CorpusFixture.graph(corpus).graph
        let documents = graph.searchDocuments()
        let positions = graph.searchablePositions
        #expect(positions.map { graph.nodes[$0].id } == documents.map(\.id))
        #expect(positions.map(graph.searchTerms(at:)) == documents.map(\.terms))
        let batched = BM25Index(documentCount: positions.count) { graph.searchTerms(at: positions[$0]) }
        #expect(Self.flat(batched) == Self.flat(BM25Index(documents: documents.map(\.terms))))
    }

    @Test func repeatedSharedAndEmptyDocuments() {
        let documents: [[String]] = [["kto", "dpo", "kto"], [], ["dpo"], ["sft", "sft", "sft", "kto"], ["kto"], []]
        let index = BM25Index(documents: documents)
        #expect(Self.flat(index) == Self.plainPostings(documents))
        #expect(Self.flat(index)["kto"] == [0, 2, 3, 1, 4, 1])
        let hits = index.search(["kto"])
        #expect(hits.map(\.document).sorted() == [0, 3, 4])
        #expect(BM25Index(documents: []).allPostings.isEmpty)
    }

    /// Documents counted in runs on all cores, one document's terms at a time (so that a corpus's terms never exist
    /// at once), index the same as all at once: with fewer documents than runs, with as many, with more, across run
    /// boundaries and with empty documents among them.
    @Test(arguments: [1, 2, 15, 16, 17, 40, 1000])
    func runsIndexLikeAllAtOnce(count: Int) throws {
        let corpus = try CorpusFixture.graph("corpus-everything").graph.searchDocuments().map(\.terms) + [[], ["kto"], []]
        let documents = (0..<count).map { corpus[$0 % corpus.count] }
        let whole = BM25Index(documents: documents)
        let runs = BM25Index(documentCount: documents.count) { documents[$0] }
        #expect(Self.flat(runs) == Self.flat(whole))
        #expect(runs.documentLengths == whole.documentLengths)
        #expect(BM25Index(documentCount: 0) { _ in ["never"] }.allPostings.isEmpty)
    }

    /// An index joined from parts whose documents are renumbered (interleaved, one part's numbering decreasing)
    /// is the index of all the documents in their joined order.
    @Test func partsJoinLikeAllAtOnce() throws {
        let corpus = try CorpusFixture.graph("corpus-everything").graph.searchDocuments().map(\.terms) + [[], ["kto"]]
        let odd = stride(from: 1, to: corpus.count, by: 2).map { $0 }, even = stride(from: 0, to: corpus.count, by: 2).reversed().map { $0 }
        let parts = [odd, even].map { docs in (index: BM25Index(documents: docs.map { corpus[$0] }), documents: docs) }
        let joined = BM25Index(documentCount: corpus.count, parts: parts)
        let whole = BM25Index(documents: corpus)
        #expect(Self.flat(joined) == Self.flat(whole))
        #expect(joined.documentLengths == whole.documentLengths)
        #expect(joined.search(["kto", "dpo"]) == whole.search(["kto", "dpo"]))
    }

    /// An index with some documents counted again (one emptied, one given a term no document had, one given
    /// another's terms, the first and the last) is the index of the edited documents counted at once: every
    /// posting, length and score.
    @Test func replacingChangedDocumentsIsTheIndexOfTheEditedDocuments() throws {
        let corpus = try CorpusFixture.graph("corpus-everything").graph.searchDocuments().map(\.terms) + [["kto"], []]
        var edited = corpus
        let changed = [0, 2, 3, corpus.count - 1]
        edited[0] = []
        edited[2] = ["zqt", "kto", "zqt"]
        edited[3] = corpus[1]
        edited[corpus.count - 1] = ["dpo", "sft"]
        let replaced = BM25Index(documents: corpus).replacing(changed, with: BM25Index(documents: changed.map { edited[$0] }))
        let whole = BM25Index(documents: edited)
        #expect(Self.flat(replaced) == Self.flat(whole))
        #expect(replaced.documentLengths == whole.documentLengths)
        for query in [["kto", "dpo"], ["zqt"], ["reward", "process", "sft"]] {
            #expect(replaced.search(query) == whole.search(query))
        }
        #expect(Self.flat(BM25Index(documents: corpus).replacing([], with: BM25Index(documents: []))) == Self.flat(BM25Index(documents: corpus)))
    }

    /// Postings are stored as two 32-bit numbers: every document position and count of a corpus reads back.
    @Test func postingsReadBackTheirNumbers() {
        for (doc, tf) in [(0, 0), (1, 1), (70_000, 12), (Int(Int32.max), Int(Int32.max))] {
            let posting = BM25Index.Posting(doc: doc, tf: tf)
            #expect(posting.doc == doc && posting.tf == tf)
        }
        #expect(BM25Index.Posting(doc: 3, tf: 1) == BM25Index.Posting(doc: 3, tf: 1) && BM25Index.Posting(doc: 3, tf: 1) != BM25Index.Posting(doc: 3, tf: 2))
    }
}

/// `BM25Index.best` finds the first `limit` documents of the full sort (score descending, then index) without
/// sorting them all, whatever the order they come in and however many tie.
@Suite struct BM25BestTests {
    @Test(arguments: [0, 1, 7, 50, 199, 200, 1000])
    func theBestAreTheFirstOfTheFullSort(limit: Int) {
        var state: UInt64 = 12_345
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let scores = (0..<600).map { _ in Double(next(40)) / 4 }  // many ties
        for order in [Array(0..<600), Array((0..<600).reversed()), (0..<600).map { ($0 * 7_919) % 600 }] {
            let documents = order.filter { scores[$0] > 0 }
            let sorted = documents.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
            #expect(BM25Index.best(documents, by: scores, limit: limit) == Array(sorted.prefix(limit)))
        }
    }
}
