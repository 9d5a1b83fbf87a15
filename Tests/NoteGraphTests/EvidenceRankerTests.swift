import NoteGraph
import NoteParsing
import Testing
@testable import GraphAnalysis

/// The evidence ranker scores every candidate from one pass over the query's postings and keeps the best few
/// without sorting them all. That must list exactly what the plain definition lists: the best 200 BM25 hits plus
/// the cited and concept-sharing candidates, each scored on its own (`BM25Index.score`), all sorted.
@Suite struct EvidenceRankerTests {
    /// A deterministic pseudo-random stream (SplitMix64).
    struct Stream {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static let words = ["reward", "margin", "preference", "pairs", "loss", "policy", "reference", "model", "length", "bias",
                        "calibration", "sample", "efficiency", "noise", "labels", "scaling", "stability", "variance", "tokens", "budget"]

    /// `count` notes, nearly all eligible for a question about DPO or KTO (the case pruning is for), with sentences
    /// drawn from a small vocabulary (so BM25 scores tie and crowd the 200th hit). A third are long, name DPO alone
    /// and dwell on calibration: they take the best BM25 places for a question about calibration, while the short
    /// ones, which define and name both concepts, score higher on concept overlap from outside those places.
    static func candidates(_ count: Int, seed: UInt64) -> [(id: NodeID, document: NoteDocument)] {
        var random = Stream(state: seed)
        return (0..<count).map { n in
            var sentences: [String] = []
            if random.next(3) == 0 {
                for _ in 0..<(6 + random.next(8)) {
                    let picked = (0..<(3 + random.next(5))).map { _ in random.next(3) == 0 ? "calibration" : words[random.next(words.count)] }
                    sentences.append("DPO changes \(picked.joined(separator: " ")).")
                }
            } else {
                sentences.append("Direct Preference Optimization (DPO) and Kahneman-Tversky Optimization (KTO) differ.")
                for _ in 0..<(1 + random.next(3)) {
                    let picked = (0..<(3 + random.next(5))).map { _ in words[random.next(words.count)] }
                    sentences.append("\(["DPO and KTO", "KTO", "the method"][random.next(3)]) changes \(picked.joined(separator: " ")).")
                }
            }
            let title = "Note \(n) on \(words[random.next(words.count)]) and \(words[random.next(words.count)])"
            let text = "---\ntitle: \"\(title)\"\n---\n\n" + sentences.joined(separator: " ") + "\n"
            return (NodeID("note/n\(n)"), NoteParser.parse(SourceFile(path: "note/n\(n).md", text: text)))
        }
    }

    /// The plain definition (how the ranker worked before): candidates and scores, in list order.
    static func reference(_ ranker: EvidenceRanker, index: BM25Index, texts: [CorpusText], catalog: ConceptCatalog, mentions: [Set<Int>],
                          title: String, keyConcepts: [Int], cited: Set<NodeID>) -> [(Int, Double)] {
        var queryTerms = TextTokens.terms(title)
        for concept in keyConcepts {
            queryTerms += TextTokens.terms(catalog.concepts[concept].acronym)
            for alias in catalog.concepts[concept].aliases { queryTerms += TextTokens.terms(alias) }
        }
        let hits = index.search(queryTerms, limit: ranker.hitLimit)
        let best = hits.first?.score ?? 1
        func total(_ i: Int, _ bm25: Double) -> Double {
            let overlap = keyConcepts.isEmpty ? 0 : Double(keyConcepts.filter { mentions[i].contains($0) }.count) / Double(keyConcepts.count)
            return 0.6 * bm25 + 0.4 * overlap
        }
        var scored = hits.map { ($0.document, total($0.document, $0.score / max(best, 1e-9))) }
        let terms = Array(Set(queryTerms)).sorted()
        var eligible = Set(texts.indices.filter { cited.contains(texts[$0].id) })
        for i in texts.indices where keyConcepts.contains(where: mentions[i].contains) { eligible.insert(i) }
        for i in eligible.sorted() where !hits.contains(where: { $0.document == i }) {
            guard cited.contains(texts[i].id) || total(i, 0) >= CorpusAnalyzer.evidenceThreshold else { continue }
            scored.append((i, total(i, index.score(terms, document: i) / max(best, 1e-9))))
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : texts[$0.0].id < texts[$1.0].id }
        var uncited = 0
        return scored.filter { entry in
            if cited.contains(texts[entry.0].id) { return true }
            guard entry.1 >= CorpusAnalyzer.evidenceThreshold, uncited < CorpusAnalyzer.uncitedEvidenceLimit else { return false }
            uncited += 1
            return true
        }
    }

    /// With few BM25 hits (5), most listed candidates come from outside them; with the real 200, from both.
    @Test(arguments: [(150, UInt64(1), 200), (600, 2, 200), (900, 3, 200), (300, 4, 5), (600, 5, 20)])
    func rankingListsWhatScoringEachCandidateLists(count: Int, seed: UInt64, hitLimit: Int) {
        let notes = Self.candidates(count, seed: seed)
        let texts = notes.map { CorpusText(id: $0.id, document: $0.document) }
        let catalog = ConceptCatalog(definitions: texts.flatMap { $0.allSentences.flatMap(ConceptDefinitionFinder.definitions) })
        #expect(catalog.concepts.count == 2)
        let index = BM25Index(documents: notes.map { CorpusText.terms(of: $0.document) })
        let mentions = texts.map { text in text.allSentences.reduce(into: Set<Int>()) { $0.formUnion(catalog.mentions(in: $1)) } }
        let ranker = EvidenceRanker(index: index, candidates: texts, catalog: catalog, candidateMentions: mentions, hitLimit: hitLimit)
        var random = Stream(state: seed &* 77)
        var listed = 0
        for q in 0..<30 {
            let title = ["Why does DPO need \(Self.words[random.next(Self.words.count)])?", "Does KTO beat DPO on calibration?",
                         "What limits \(Self.words[random.next(Self.words.count)]) \(Self.words[random.next(Self.words.count)])?"][q % 3]
            let question = CorpusText(id: NodeID("inquiry/q\(q)"), document: NoteParser.parse(SourceFile(path: "inquiry/q\(q).md", text: "# \(title)\n")))
            let keyConcepts = catalog.mentions(in: title).sorted()
            let cited = Set((0..<random.next(4)).map { _ in notes[random.next(count)].id })
            let ranked = ranker.ranked(for: question, keyConcepts: keyConcepts, cited: cited).entries
            let expected = Self.reference(ranker, index: index, texts: texts, catalog: catalog, mentions: mentions, title: title, keyConcepts: keyConcepts, cited: cited)
            #expect(ranked.map(\.candidate) == expected.map(\.0), "\(title)")
            #expect(ranked.map(\.score) == expected.map(\.1), "\(title)")
            let edges = ranker.evidence(for: question, keyConcepts: keyConcepts, cited: cited)
            #expect(edges.map(\.target) == expected.map { texts[$0.0].id })
            listed += edges.count
        }
        #expect(listed > 30 * 5, "questions list evidence")
    }
}
