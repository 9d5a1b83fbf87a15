import NoteGraph

/// Ranks notes and papers as evidence for a question: cited notes always, plus the uncited ones most relevant
/// to it. Relevance = 0.6 × BM25 (normalised to the best candidate) + 0.4 × the share of the question's key
/// concepts the candidate mentions; so a paper naming two of three key concepts outranks a cited note that
/// shares only words.
struct EvidenceRanker {
    let index: BM25Index
    let candidates: [CorpusText]
    let catalog: ConceptCatalog
    let candidateMentions: [Set<Int>]
    /// Concept → candidates that mention it, and node → candidate: an open question looks only at candidates that
    /// could pass (cited, or naming its key concepts) instead of at every note, which would be quadratic.
    private let candidatesByConcept: [Int: [Int]]
    private let candidateByID: [NodeID: Int]
    /// Whether uncited candidates outside the best BM25 hits are scored only while they could still make the list
    /// (see `evidence`); false scores every one, the plain definition the pruned answer is tested against.
    let prunes: Bool
    /// How many of the best BM25 hits are scored from the search itself.
    let hitLimit: Int

    init(index: BM25Index, candidates: [CorpusText], catalog: ConceptCatalog, candidateMentions: [Set<Int>], prunes: Bool = true, hitLimit: Int = 200) {
        self.prunes = prunes
        self.hitLimit = hitLimit
        self.index = index
        self.candidates = candidates
        self.catalog = catalog
        self.candidateMentions = candidateMentions
        var byConcept: [Int: [Int]] = [:]
        for (i, mentions) in candidateMentions.enumerated() {
            for concept in mentions { byConcept[concept, default: []].append(i) }
        }
        candidatesByConcept = byConcept
        candidateByID = Dictionary(candidates.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func evidence(for question: CorpusText, mentions: Set<Int>, keyConcepts: [Int], cited: Set<NodeID>) -> [Edge] {
        var queryTerms = TextTokens.terms(question.title)
        // Key concepts bring their acronym and expansions into the query (KTO ↔ Kahneman-Tversky Optimization).
        for concept in keyConcepts {
            queryTerms += TextTokens.terms(catalog.concepts[concept].acronym)
            for alias in catalog.concepts[concept].aliases { queryTerms += TextTokens.terms(alias) }
        }
        // Only the best BM25 hits can pass the threshold; concept overlap adds at most 0.4 to the others.
        let hits = index.search(queryTerms, limit: hitLimit)
        let best = hits.first?.score ?? 1
        /// Matched terms are looked up only for what becomes an edge (the hits come with theirs).
        var scored: [(candidate: Int, score: Double, terms: [String]?)] = []
        var seen: Set<Int> = []
        for hit in hits {
            seen.insert(hit.document)
            scored.append((hit.document, score(hit.document, bm25: hit.score / max(best, 1e-9), keyConcepts: keyConcepts), hit.matchedTerms))
        }
        // Candidates outside the top hits still count when they are cited, or when their concepts alone could
        // lift them over the threshold.
        let terms = Array(Set(queryTerms)).sorted()
        // Concept overlap alone reaches the threshold only for candidates naming a key concept.
        var eligible = Set(cited.compactMap { candidateByID[$0] })
        for concept in keyConcepts { eligible.formUnion(candidatesByConcept[concept] ?? []) }
        // A popular concept makes nearly every note eligible, and scoring each for each open question was
        // quadratic (a 10,000-note corpus with 1,000 open questions spent 16 s here). Only `uncitedEvidenceLimit`
        // uncited candidates become edges, so one is scored only while it could still be among them: outside the
        // hits its BM25 is at most the last hit's (0 if the search found fewer than `hitLimit`), which bounds its
        // score from above, and candidates are taken by that bound, best first, until it falls below the score of
        // the last uncited candidate that would be listed.
        let bm25Ceiling = hits.count == hitLimit ? hits[hits.count - 1].score / max(best, 1e-9) : 0
        var uncitedScores = scored.filter { !cited.contains(candidates[$0.candidate].id) && $0.score >= CorpusAnalyzer.evidenceThreshold }.map(\.score)
        var waiting: [(candidate: Int, bound: Double)] = []
        for i in eligible.sorted() where !seen.contains(i) {
            let conceptScore = score(i, bm25: 0, keyConcepts: keyConcepts)
            if cited.contains(candidates[i].id) {
                let bm25 = index.score(terms, document: i) / max(best, 1e-9)
                scored.append((i, score(i, bm25: bm25, keyConcepts: keyConcepts), nil))
            } else if conceptScore >= CorpusAnalyzer.evidenceThreshold {
                waiting.append((i, prunes ? score(i, bm25: bm25Ceiling, keyConcepts: keyConcepts) : .infinity))
            }
        }
        // Highest bound first; ties by position, so the work (not only the answer) is the same every run.
        waiting.sort { $0.bound != $1.bound ? $0.bound > $1.bound : $0.candidate < $1.candidate }
        let limit = CorpusAnalyzer.uncitedEvidenceLimit
        uncitedScores.sort(by: >)
        for (i, bound) in waiting {
            // The `limit`-th best uncited score so far: a bound below it can no longer get in (an equal one could,
            // by the order of ids).
            if uncitedScores.count >= limit, bound < uncitedScores[limit - 1] { break }
            let bm25 = index.score(terms, document: i) / max(best, 1e-9)
            let total = score(i, bm25: bm25, keyConcepts: keyConcepts)
            scored.append((i, total, nil))
            uncitedScores.insert(total, at: uncitedScores.firstIndex { $0 < total } ?? uncitedScores.count)
            if uncitedScores.count > limit { uncitedScores.removeLast() }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : candidates[$0.candidate].id < candidates[$1.candidate].id }

        var edges: [Edge] = []
        var uncited = 0
        for entry in scored {
            let c = candidates[entry.candidate]
            let isCited = cited.contains(c.id)
            if !isCited {
                guard entry.score >= CorpusAnalyzer.evidenceThreshold, uncited < CorpusAnalyzer.uncitedEvidenceLimit else { continue }
                uncited += 1
            }
            let matched = entry.terms ?? index.matchedTerms(terms, in: entry.candidate)
            let shared = keyConcepts.filter { candidateMentions[entry.candidate].contains($0) }.map { catalog.concepts[$0].acronym }
            var reason = isCited ? "cited by the question" : "not cited"
            if !shared.isEmpty { reason += "; shares concepts \(shared.joined(separator: ", "))" }
            let terms = matched.prefix(4).filter { term in !shared.contains { $0.lowercased() == term } }
            if !terms.isEmpty { reason += "; terms: \(terms.joined(separator: ", "))" }
            edges.append(Edge(
                source: question.id, target: c.id, kind: .evidence,
                context: bestSentence(in: c, terms: Set(matched)),
                score: (entry.score * 1000).rounded() / 1000, reason: reason
            ))
        }
        return edges
    }

    private func score(_ candidate: Int, bm25: Double, keyConcepts: [Int]) -> Double {
        let overlap = keyConcepts.isEmpty ? 0
            : Double(keyConcepts.filter { candidateMentions[candidate].contains($0) }.count) / Double(keyConcepts.count)
        return 0.6 * bm25 + 0.4 * overlap
    }

    /// The candidate's sentence sharing the most query terms: shown as "what it says about the question".
    private func bestSentence(in candidate: CorpusText, terms: Set<String>) -> String? {
        var best: (String, Int)?
        for sentence in candidate.proseSentences where sentence != candidate.title {
            let n = Set(TextTokens.terms(sentence)).intersection(terms).count
            if n > (best?.1 ?? 0) { best = (sentence, n) }
        }
        return best?.0 ?? candidate.proseSentences.first
    }
}
