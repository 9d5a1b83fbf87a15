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

    private let postings: [String: [(doc: Int, tf: Int)]]
    private let lengths: [Int]
    private let averageLength: Double
    private let k1 = 1.2
    private let b = 0.75

    /// `documents` are term lists (see `TextTokens.terms`); hits refer to their positions.
    public init(documents: [[String]]) {
        var postings: [String: [(doc: Int, tf: Int)]] = [:]
        for (i, terms) in documents.enumerated() {
            var counts: [String: Int] = [:]
            for t in terms { counts[t, default: 0] += 1 }
            for (t, c) in counts { postings[t, default: []].append((i, c)) }
        }
        self.postings = postings
        self.lengths = documents.map(\.count)
        let total = lengths.reduce(0, +)
        self.averageLength = documents.isEmpty ? 1 : max(Double(total) / Double(documents.count), 1)
    }

    public var documentCount: Int { lengths.count }

    /// Inverse document frequency of a term (BM25+ style, never negative).
    public func idf(_ term: String) -> Double {
        let n = Double(postings[term]?.count ?? 0)
        let total = Double(lengths.count)
        return log1p((total - n + 0.5) / (n + 0.5))
    }

    /// Scores every document containing at least one query term; sorted by score, then document index.
    public func search(_ query: [String], weights: [String: Double] = [:]) -> [Hit] {
        var scores: [Int: Double] = [:]
        var contributions: [Int: [String: Double]] = [:]
        for term in Set(query) {
            guard let list = postings[term] else { continue }
            let idf = self.idf(term) * (weights[term] ?? 1)
            for (doc, tf) in list {
                let length = Double(lengths[doc])
                let s = idf * Double(tf) * (k1 + 1) / (Double(tf) + k1 * (1 - b + b * length / averageLength))
                scores[doc, default: 0] += s
                contributions[doc, default: [:]][term] = s
            }
        }
        return scores.map { doc, score in
            let terms = (contributions[doc] ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
            return Hit(document: doc, score: score, matchedTerms: terms)
        }.sorted { $0.score != $1.score ? $0.score > $1.score : $0.document < $1.document }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
