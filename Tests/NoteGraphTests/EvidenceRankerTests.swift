import NoteGraph
import NoteParsing
import Testing
@testable import GraphAnalysis

/// The evidence ranker scores an uncited candidate outside the best BM25 hits only while its score's upper bound
/// could still place it among the listed ones. That pruning must change nothing: every question gets exactly the
/// edges (targets, order, scores, reasons, sentences) of scoring every eligible candidate.
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

    /// With few BM25 hits scored from the search (5), most listed candidates come from outside them, through the
    /// bound; with the real 200, from both.
    @Test(arguments: [(150, UInt64(1), 200), (600, 2, 200), (900, 3, 200), (300, 4, 5), (600, 5, 20)])
    func pruningGivesTheEdgesOfScoringEveryCandidate(count: Int, seed: UInt64, hitLimit: Int) {
        let notes = Self.candidates(count, seed: seed)
        let texts = notes.map { CorpusText(id: $0.id, document: $0.document) }
        let catalog = ConceptCatalog(definitions: texts.flatMap { $0.allSentences.flatMap(ConceptDefinitionFinder.definitions) })
        #expect(catalog.concepts.count == 2)
        let index = BM25Index(documents: notes.map { CorpusText.terms(of: $0.document) })
        let mentions = texts.map { text in text.allSentences.reduce(into: Set<Int>()) { $0.formUnion(catalog.mentions(in: $1)) } }
        let pruned = EvidenceRanker(index: index, candidates: texts, catalog: catalog, candidateMentions: mentions, hitLimit: hitLimit)
        let exhaustive = EvidenceRanker(index: index, candidates: texts, catalog: catalog, candidateMentions: mentions, prunes: false, hitLimit: hitLimit)
        var random = Stream(state: seed &* 77)
        var listed = 0
        for q in 0..<30 {
            let title = ["Why does DPO need \(Self.words[random.next(Self.words.count)])?", "Does KTO beat DPO on calibration?",
                         "What limits \(Self.words[random.next(Self.words.count)]) \(Self.words[random.next(Self.words.count)])?"][q % 3]
            let question = CorpusText(id: NodeID("inquiry/q\(q)"), document: NoteParser.parse(SourceFile(path: "inquiry/q\(q).md", text: "# \(title)\n")))
            let keyConcepts = catalog.mentions(in: title).sorted()
            let cited = Set((0..<random.next(4)).map { _ in notes[random.next(count)].id })
            let edges = pruned.evidence(for: question, mentions: [], keyConcepts: keyConcepts, cited: cited)
            #expect(edges == exhaustive.evidence(for: question, mentions: [], keyConcepts: keyConcepts, cited: cited), "\(title)")
            listed += edges.count
        }
        #expect(listed > 30 * 5, "questions list evidence")
    }
}
