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
    /// How many of the best BM25 hits are candidates whatever their concepts.
    let hitLimit: Int

    init(index: BM25Index, candidates: [CorpusText], catalog: ConceptCatalog, candidateMentions: [Set<Int>], hitLimit: Int = 200) {
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

    /// The listed candidates with their scores, in list order: every cited one, and the `uncitedEvidenceLimit`
    /// best uncited ones scoring at least `evidenceThreshold`, by score, then id. Candidates are the best
    /// `hitLimit` BM25 hits, plus the cited ones and those whose concepts alone reach the threshold.
    func ranked(for question: CorpusText, keyConcepts: [Int], cited: Set<NodeID>) -> (entries: [(candidate: Int, score: Double)], terms: [String]) {
        var queryTerms = TextTokens.terms(question.title)
        // Key concepts bring their acronym and expansions into the query (KTO ↔ Kahneman-Tversky Optimization).
        for concept in keyConcepts {
            queryTerms += TextTokens.terms(catalog.concepts[concept].acronym)
            for alias in catalog.concepts[concept].aliases { queryTerms += TextTokens.terms(alias) }
        }
        let terms = Array(Set(queryTerms)).sorted()
        // One pass over the query's postings scores every candidate: a popular concept makes nearly every note
        // eligible, and looking each one's score up again (`BM25Index.score`) for each open question took a
        // 10,000-note corpus with 1,000 open questions 16 s. The numbers are the same: each candidate's terms are
        // added in the same order.
        let (bm25, touched) = index.scores(terms)
        let hits = BM25Index.best(touched, by: bm25, limit: hitLimit)
        let best = max(hits.first.map { bm25[$0] } ?? 1, 1e-9)
        // By position: hashing each candidate's id string, for each question, was most of what is left here.
        let citedCandidates = Set(cited.compactMap { candidateByID[$0] })
        // Counts by candidate and sorted arrays, not sets: a popular key concept makes a good part of the corpus
        // eligible, and hashing, uniting and sorting sets of them for each question was most of ranking's time at
        // 100,000 notes, where the questions and the eligible candidates are both ten times as many.
        // `shared[i]`: how many key concepts candidate i names (what `score` counted, a set lookup each, before).
        var shared = keyConcepts.isEmpty ? [] : [Int32](repeating: 0, count: candidates.count)
        var eligible: [Int] = []
        for concept in keyConcepts {
            for i in candidatesByConcept[concept] ?? [] {
                if shared[i] == 0 { eligible.append(i) }
                shared[i] += 1
            }
        }
        for i in citedCandidates where shared.isEmpty || shared[i] == 0 { eligible.append(i) }
        eligible.sort()
        func sharedCount(_ i: Int) -> Int { shared.isEmpty ? 0 : Int(shared[i]) }
        // Concept overlap alone reaches the threshold only for candidates naming a key concept; in position order,
        // the hits (a few hundred) passed over by walking them sorted beside the eligible.
        // The cited ones are walked the same way (whether each pool member is cited is known without hashing it).
        var pool = hits, poolCited = hits.map { citedCandidates.contains($0) }
        let sortedHits = hits.sorted(), sortedCited = citedCandidates.sorted()
        var h = 0, c = 0
        for i in eligible {
            while h < sortedHits.count, sortedHits[h] < i { h += 1 }
            while c < sortedCited.count, sortedCited[c] < i { c += 1 }
            if h < sortedHits.count, sortedHits[h] == i { continue }
            let isCited = c < sortedCited.count && sortedCited[c] == i
            if isCited || score(bm25: 0, shared: sharedCount(i), of: keyConcepts.count) >= CorpusAnalyzer.evidenceThreshold {
                pool.append(i)
                poolCited.append(isCited)
            }
        }
        func precedes(_ a: (candidate: Int, score: Double), _ b: (candidate: Int, score: Double)) -> Bool {
            a.score != b.score ? a.score > b.score : candidates[a.candidate].id < candidates[b.candidate].id
        }
        let entries = pool.map { (candidate: $0, score: score(bm25: bm25[$0] / best, shared: sharedCount($0), of: keyConcepts.count)) }
        // Cited candidates are all listed; of the others, only the best few.
        let listed = entries.indices.filter { poolCited[$0] }.map { entries[$0] }
        let uncited = entries.indices.filter { !poolCited[$0] && entries[$0].score >= CorpusAnalyzer.evidenceThreshold }.map { entries[$0] }
        return ((listed + bestFirst(uncited, limit: CorpusAnalyzer.uncitedEvidenceLimit, by: precedes)).sorted(by: precedes), terms)
    }

    func evidence(for question: CorpusText, keyConcepts: [Int], cited: Set<NodeID>) -> [Edge] {
        let (entries, terms) = ranked(for: question, keyConcepts: keyConcepts, cited: cited)
        var edges: [Edge] = []
        for entry in entries {
            let c = candidates[entry.candidate]
            let isCited = cited.contains(c.id)
            let matched = index.matchedTerms(terms, in: entry.candidate)
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

    /// A candidate's relevance from its normalised BM25 score and how many of the question's `keyConceptCount` key
    /// concepts it names.
    private func score(bm25: Double, shared: Int, of keyConceptCount: Int) -> Double {
        guard keyConceptCount > 0 else { return 0.6 * bm25 }
        return 0.6 * bm25 + 0.4 * (Double(shared) / Double(keyConceptCount))
    }

    /// The candidate's sentence sharing the most query terms: shown as "what it says about the question".
    private func bestSentence(in candidate: CorpusText, terms: Set<String>) -> String? {
        var best: (String, Int)?
        for sentence in candidate.proseSentences where sentence != candidate.title {
            // Only the matched words go into a set: hashing every word of every sentence twice (into a set, then
            // against `terms`) was half of ranking's time.
            let n = Set(TextTokens.terms(sentence).lazy.filter(terms.contains)).count
            if n > (best?.1 ?? 0) { best = (sentence, n) }
        }
        return best?.0 ?? candidate.proseSentences.first
    }
}
