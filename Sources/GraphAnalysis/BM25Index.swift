import NoteParsing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Okapi BM25 over a fixed set of documents: the relevance score used for evidence ranking and search.
///
/// Hand-written: no listed package offers text ranking, and the index is small (a postings map).
public struct BM25Index: Sendable {
    public struct Hit: Sendable, Hashable {
        public var document: Int
        public var score: Double
        /// Query terms that matched, by contribution to the score (highest first).
        public var matchedTerms: [String]
    }

    /// One document holding a term, and how often it does. Two 32-bit numbers, half a pair of `Int`s: the store's
    /// index of a 10,000-note corpus holds a couple of million postings while pages render.
    public struct Posting: Sendable, Hashable {
        private var document: Int32
        private var frequency: Int32

        public init(doc: Int, tf: Int) {
            document = Int32(truncatingIfNeeded: doc)
            frequency = Int32(truncatingIfNeeded: tf)
        }

        public var doc: Int { Int(document) }
        public var tf: Int { Int(frequency) }
    }

    private let postings: [String: [Posting]]
    private let lengths: [Int]
    private let averageLength: Double
    private let k1 = 1.2
    private let b = 0.75

    /// `documents` are term lists (see `TextTokens.terms`); hits refer to their positions.
    public init(documents: [[String]]) {
        var builder = Builder()
        for document in documents { builder.add(document) }
        self.init(builder)
    }

    /// The index of `documentCount` documents whose term lists `terms` gives by position, the same as
    /// `init(documents:)` of them all. Contiguous runs of documents are counted on all cores, each into postings of
    /// its own, one document's terms at a time (the terms of the whole corpus never exist at once), and the runs'
    /// postings are joined in document order. Counting one batch after another on one thread, while the next batch's
    /// terms waited, left a core idle for a third of the time.
    public init(documentCount: Int, terms: @Sendable (Int) -> [String]) {
        let runs = Swift.min(documentCount, Self.runs)
        let bounds = (0...runs).map { documentCount * $0 / Swift.max(runs, 1) }
        var parts = parallelMap(Array(zip(bounds, bounds.dropFirst())), serialUpTo: 1) { run -> (postings: [String: [Posting]], lengths: [Int]) in
            var builder = Builder(firstDocument: run.0)
            for document in run.0..<run.1 { builder.add(terms(document)) }
            return builder.finish(exactly: false)
        }
        // Term by term, each list made once at its final length (grown by appending, lists held a third again of
        // unused room), and each run's part taken out of it as it is copied: the runs' lists and the joined ones
        // never both exist whole.
        var sizes: [String: Int] = [:]
        for part in parts {
            for (term, list) in part.postings { sizes[term, default: 0] += list.count }
        }
        var postings: [String: [Posting]] = [:]
        postings.reserveCapacity(sizes.count)
        for (term, size) in sizes {
            var joined: [Posting] = []
            joined.reserveCapacity(size)
            for i in parts.indices {
                if let list = parts[i].postings.removeValue(forKey: term) { joined += list }
            }
            postings[term] = joined
        }
        self.init(postings: postings, lengths: parts.flatMap(\.lengths))
    }

    /// How many runs `init(documentCount:terms:)` splits the documents into: two per core of this 2-core target, so
    /// that a run of long notes does not leave the other core waiting at the end, and no more: each run's postings
    /// hold a list for every term it meets, which sixteen runs made several megabytes more at the build's peak.
    static let runs = 4

    /// The index of `documentCount` documents made of parts, each an index of some of them whose document k is
    /// document `documents[k]` of the whole; every document is in one part. The postings and lengths are the parts',
    /// renumbered, so scores equal those of the index of all the documents made at once.
    public init(documentCount: Int, parts: [(index: BM25Index, documents: [Int])]) {
        var lengths = [Int](repeating: 0, count: documentCount)
        var postings: [String: [Posting]] = [:]
        for part in parts {
            for (k, doc) in part.documents.enumerated() { lengths[doc] = part.index.lengths[k] }
            for (term, list) in part.index.postings {
                postings[term, default: []] += list.map { Posting(doc: part.documents[$0.doc], tf: $0.tf) }
            }
        }
        // A list stays in document order unless a second part added to it, or a part's numbering is not increasing.
        for (term, list) in postings where !zip(list, list.dropFirst()).allSatisfy({ $0.doc < $1.doc }) {
            postings[term] = list.sorted { $0.doc < $1.doc }
        }
        self.init(postings: postings, lengths: lengths)
    }

    private init(_ builder: consuming Builder) {
        let (postings, lengths) = builder.finish(exactly: true)
        self.init(postings: postings, lengths: lengths)
    }

    /// Counts term lists one document after another into postings.
    private struct Builder {
        /// The number of the first document added.
        var firstDocument = 0
        // Each term string is hashed once per occurrence, to a number; a document's counts are then kept in an
        // array by that number. Counting into a dictionary per document hashed every term twice and was a twentieth
        // of a 10,000-note build, on one core.
        var numbers: [String: Int] = [:]
        var lists: [[Posting]] = []
        var terms: [String] = []
        var counts: [Int] = []
        var touched: [Int] = []
        var lengths: [Int] = []

        mutating func add(_ document: [String]) {
            let i = firstDocument + lengths.count
            for t in document {
                let n: Int
                if let known = numbers[t] {
                    n = known
                } else {
                    n = terms.count
                    numbers[t] = n
                    terms.append(t)
                    lists.append([])
                    counts.append(0)
                }
                if counts[n] == 0 { touched.append(n) }
                counts[n] += 1
            }
            for n in touched {
                lists[n].append(Posting(doc: i, tf: counts[n]))
                counts[n] = 0
            }
            touched.removeAll(keepingCapacity: true)
            lengths.append(document.count)
        }

        /// `exactly`: each list copied to its exact length (grown by appending, they held a third again of unused
        /// room); not when they are about to be joined into lists of their own.
        consuming func finish(exactly: Bool) -> (postings: [String: [Posting]], lengths: [Int]) {
            var postings: [String: [Posting]] = [:]
            postings.reserveCapacity(terms.count)
            for (n, t) in terms.enumerated() {
                postings[t] = exactly ? lists[n].withUnsafeBufferPointer { Array($0) } : lists[n]
                lists[n] = []
            }
            return (postings, lengths)
        }
    }

    /// An index from stored parts: the postings of some terms (a search needs only its own terms' postings)
    /// and every document's length. Scores equal those of the index the parts came from.
    public init(postings: [String: [(doc: Int, tf: Int)]], lengths: [Int]) {
        self.init(postings: postings.mapValues { $0.map { Posting(doc: $0.doc, tf: $0.tf) } }, lengths: lengths)
    }

    /// This index with the documents `changed` (positions, increasing) counted again: `recounted` is an index of
    /// just them, its document k being document `changed[k]`. The postings and lengths are those an index of all the
    /// documents made at once would hold, so scores are the same.
    func replacing(_ changed: [Int], with recounted: BM25Index) -> BM25Index {
        var lengths = self.lengths, postings = self.postings
        for (k, doc) in changed.enumerated() { lengths[doc] = recounted.lengths[k] }
        // A list that holds a changed document loses it (lists are in document order: found by halving); a term a
        // changed document now has gains it.
        let isChanged = Set(changed)
        var gains = recounted.postings.mapValues { $0.map { Posting(doc: changed[$0.doc], tf: $0.tf) } }
        for (term, list) in self.postings {
            let gained = gains.removeValue(forKey: term)
            guard gained != nil || changed.contains(where: { Self.holds(list, doc: $0) }) else { continue }
            let merged = Self.merged(list, dropping: isChanged, adding: gained ?? [])
            postings[term] = merged.isEmpty ? nil : merged
        }
        // Terms no list had yet.
        for (term, list) in gains { postings[term] = Self.merged([], dropping: [], adding: list) }
        return BM25Index(postings: postings, lengths: lengths)
    }

    /// `list` without the postings of the documents `dropped`, with `added`, in document order: one term's list after
    /// those documents were counted again (here, and in the store's search index).
    public static func merged(_ list: [Posting], dropping dropped: Set<Int>, adding added: [Posting]) -> [Posting] {
        var merged = list.filter { !dropped.contains($0.doc) } + added
        merged.sort { $0.doc < $1.doc }
        return merged
    }

    /// Whether `list` (in document order) holds `doc`.
    public static func holds(_ list: [Posting], doc: Int) -> Bool {
        let i = position(of: doc, in: list)
        return i < list.count && list[i].doc == doc
    }

    /// Where `doc` is, or would go, in `list` (in document order), found by halving.
    private static func position(of doc: Int, in list: [Posting]) -> Int {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].doc < doc { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// An index whose postings and lengths are given whole, read back from a memo (see `EvidenceIndexMemo`).
    init(postings: [String: [Posting]], lengths: [Int]) {
        self.postings = postings
        self.lengths = lengths
        let total = lengths.reduce(0, +)
        self.averageLength = lengths.isEmpty ? 1 : max(Double(total) / Double(lengths.count), 1)
    }

    /// Every term's postings (document, term frequency), in document order.
    public var allPostings: [String: [Posting]] { postings }
    /// Each document's length in terms.
    public var documentLengths: [Int] { lengths }

    public var documentCount: Int { lengths.count }

    /// Inverse document frequency of a term (BM25+ style, never negative).
    public func idf(_ term: String) -> Double {
        let n = Double(postings[term]?.count ?? 0)
        let total = Double(lengths.count)
        return log1p((total - n + 0.5) / (n + 0.5))
    }

    /// Scores every document containing at least one query term; sorted by score, then document index.
    /// `limit` keeps only the best hits (matched terms are computed for those only).
    public func search(_ query: [String], weights: [String: Double] = [:], limit: Int = .max) -> [Hit] {
        let terms = Array(Set(query)).sorted()
        let (scores, touched) = self.scores(terms, weights: weights)
        return Self.best(touched, by: scores, limit: limit).map { doc in
            Hit(document: doc, score: scores[doc], matchedTerms: matchedTerms(terms, in: doc, weights: weights))
        }
    }

    /// Every document's score for `terms` (distinct terms; 0 for a document holding none of them), and the
    /// documents holding one, in the order found. A document's score is the same number `score(_:document:)`
    /// gives: the same terms' contributions, added in the same order.
    public func scores(_ terms: [String], weights: [String: Double] = [:]) -> (scores: [Double], touched: [Int]) {
        var scores = [Double](repeating: 0, count: lengths.count)
        var touched: [Int] = []
        for term in terms {
            guard let list = postings[term] else { continue }
            let idf = self.idf(term) * (weights[term] ?? 1)
            for posting in list {
                let doc = posting.doc
                if scores[doc] == 0 { touched.append(doc) }
                scores[doc] += termScore(idf: idf, tf: posting.tf, doc: doc)
            }
        }
        return (scores, touched)
    }

    /// The `limit` best of `documents` by score, then document index, in that order (see `bestFirst`).
    public static func best(_ documents: [Int], by scores: [Double], limit: Int) -> [Int] {
        bestFirst(documents, limit: limit) { a, b in scores[a] != scores[b] ? scores[a] > scores[b] : a < b }
    }

    private func termScore(idf: Double, tf: Int, doc: Int) -> Double {
        let length = Double(lengths[doc])
        return idf * Double(tf) * (k1 + 1) / (Double(tf) + k1 * (1 - b + b * length / averageLength))
    }

    /// The BM25 score of one document for `terms` (distinct terms).
    public func score(_ terms: [String], document doc: Int) -> Double {
        terms.reduce(0) { sum, term in
            guard let tf = termFrequency(term, in: doc) else { return sum }
            return sum + termScore(idf: idf(term), tf: tf, doc: doc)
        }
    }

    private func termFrequency(_ term: String, in doc: Int) -> Int? {
        guard let list = postings[term] else { return nil }
        let i = Self.position(of: doc, in: list)
        return i < list.count && list[i].doc == doc ? list[i].tf : nil
    }

    /// Query terms present in `doc`, highest contribution first (postings are in document order: binary search).
    public func matchedTerms(_ terms: [String], in doc: Int, weights: [String: Double] = [:]) -> [String] {
        var found: [(String, Double)] = []
        for term in terms {
            if let tf = termFrequency(term, in: doc) {
                found.append((term, termScore(idf: idf(term) * (weights[term] ?? 1), tf: tf, doc: doc)))
            }
        }
        return found.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
    }
}
