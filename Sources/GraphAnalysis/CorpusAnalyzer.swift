import NoteGraph
import NoteParsing

/// Enriches the document graph with what the corpus says: concepts and who mentions them, claims and who
/// asserts them, a status for every inquiring line, and ranked evidence for the open and partial ones.
public enum CorpusAnalyzer {
    /// How many uncited notes and papers an open question lists as evidence, at most.
    public static let uncitedEvidenceLimit = 8
    /// Uncited candidates scoring below this (on a 0…1 scale) are not evidence.
    public static let evidenceThreshold = 0.2

    /// The analysed graph. Consuming: the document graph's arrays become the new graph's (see `Graph.adding`),
    /// and its documents lose the paragraphs and sentences that nothing after analysis reads (see
    /// `Graph.dropAnalysisText`).
    public static func analyze(_ graph: consuming Graph) -> Graph {
        // Everything only analysis needs (sentences and terms of every note, the BM25 index, per-note results)
        // lives in `additions` and is freed when it returns, before the new graph is built.
        let (nodes, edges, updated) = additions(to: graph)
        graph.dropAnalysisText()
        // `consume`: handed over, not copied, so `adding` grows them in place (a copy would be a second array).
        return graph.adding(nodes: consume nodes, edges: consume edges, replacing: updated)
    }

    /// The concepts, claims and evidence the corpus yields, and the inquiring lines with their status.
    /// `nodes` and `edges` have room reserved for the graph's own, which `Graph.adding` puts in front of them.
    private static func additions(to graph: Graph) -> (nodes: [Node], edges: [Edge], updated: [Node]) {
        let documentNodes = graph.nodes.filter { $0.kind.isDocument }
        let texts = parallelMap(documentNodes) { CorpusText(id: $0.id, document: graph.documents[$0.id]!) }

        // Concepts: definitions anywhere in the corpus, merged by acronym.
        let definitions = parallelMap(texts) { text in text.allSentences.flatMap(ConceptDefinitionFinder.definitions) }.flatMap { $0 }
        let catalog = ConceptCatalog(definitions: definitions)
        let conceptIDs = catalog.concepts.map { NodeID("concept/\(Slug.make($0.acronym))") }

        // Mentions and claims in one pass per document, so each sentence's concept mentions are matched once
        // (claims reuse them). Mentions are per sentence so each edge keeps the first sentence naming the concept.
        var perDoc = parallelMap(texts) { text -> DocumentFindings in
            var first: [Int: String] = [:]
            var mentionsOfSentence: [String: Set<Int>] = [:]
            for sentence in text.allSentences where mentionsOfSentence[sentence] == nil {
                let mentions = catalog.mentions(in: sentence)
                mentionsOfSentence[sentence] = mentions
                for concept in mentions where first[concept] == nil { first[concept] = sentence }
            }
            // Claims from notes and papers.
            guard text.kind == .note || text.kind == .paper, let docNode = graph[text.id] else { return DocumentFindings(mentions: first) }
            let slug = text.id.rawValue.split(separator: "/").dropFirst().joined(separator: "/")
            var seen: Set<String> = []
            var usedHashes: Set<String> = []
            var findings = DocumentFindings(mentions: first)
            for sentence in text.proseSentences where seen.insert(sentence).inserted {
                let quantities = QuantityParser.quantities(in: sentence)
                guard let type = ClaimClassifier.classify(sentence, quantities: quantities) else { continue }
                // Two different sentences of one note can share 8 hex digits (likely among the ~15,000 claims of a
                // note at the size cap): the later one gets `-2`, `-3`…, so ids stay unique and stable.
                var hash = claimHash(sentence)
                if !usedHashes.insert(hash).inserted {
                    var n = 2
                    while !usedHashes.insert("\(hash)-\(n)").inserted { n += 1 }
                    hash = "\(hash)-\(n)"
                }
                var node = Node(
                    id: NodeID(exactString("claim/", slug, "/", hash)), kind: .claim, title: sentence,
                    url: exactString(docNode.url, "#claim-", hash), path: docNode.path
                )
                node.text = sentence
                node.claim = ClaimInfo(type: type, quantities: quantities)
                findings.claims.append(node)
                findings.claimConcepts.append((mentionsOfSentence[sentence] ?? catalog.mentions(in: sentence)).sorted())
            }
            return findings
        }
        let mentionsByDoc = perDoc.map(\.mentions)

        // Sized once, with room for the graph's own nodes and edges: growing by doubling would leave up to half
        // again unused, and each regrowth holds the old array and the new one at once.
        let claimCount = perDoc.reduce(0) { $0 + $1.claims.count }
        var newNodes: [Node] = []
        newNodes.reserveCapacity(graph.nodes.count + catalog.concepts.count + claimCount)
        for (concept, id) in zip(catalog.concepts, conceptIDs) {
            var node = Node(id: id, kind: .concept, title: concept.acronym, url: "\(id.rawValue).html")
            node.aliases = concept.aliases
            node.summary = concept.definition
            newNodes.append(node)
        }
        var newEdges: [Edge] = []
        let mentionCount = mentionsByDoc.reduce(0) { $0 + $1.count }
        let claimEdgeCount = perDoc.reduce(0) { $0 + $1.claims.count + $1.claimConcepts.reduce(0) { $0 + $1.count } }
        // Evidence adds at most an inquiring line's cited notes plus `uncitedEvidenceLimit`.
        let evidenceBound = texts.reduce(0) { $1.kind == .inquiry ? $0 + graph.outgoingEdgeIndices($1.id).count + uncitedEvidenceLimit : $0 }
        newEdges.reserveCapacity(graph.edges.count + mentionCount + claimEdgeCount + evidenceBound)
        for (text, mentions) in zip(texts, mentionsByDoc) {
            for (concept, sentence) in mentions.sorted(by: { $0.key < $1.key }) {
                newEdges.append(Edge(source: text.id, target: conceptIDs[concept], kind: .mentions, context: sentence))
            }
        }
        for position in perDoc.indices {
            // Taken out of `perDoc`, so each note's claims are freed once they are in `newNodes`.
            let findings = perDoc[position]
            perDoc[position] = DocumentFindings(mentions: [:])
            let source = texts[position].id
            for (claim, concepts) in zip(findings.claims, findings.claimConcepts) {
                newNodes.append(claim)
                newEdges.append(Edge(source: source, target: claim.id, kind: .asserts, context: claim.text))
                for concept in concepts {
                    newEdges.append(Edge(source: claim.id, target: conceptIDs[concept], kind: .mentions, context: claim.text))
                }
            }
        }

        // Which concepts notes and papers cover (inquiring lines ask; they do not answer).
        var coveredBy: [Int: Int] = [:]
        for (text, mentions) in zip(texts, mentionsByDoc) where text.kind == .note || text.kind == .paper {
            for concept in mentions.keys { coveredBy[concept, default: 0] += 1 }
        }

        // Question status and evidence.
        let candidates = texts.indices.filter { texts[$0].kind == .note || texts[$0].kind == .paper }
        let index = BM25Index(documentCount: candidates.count) { CorpusText.terms(of: graph.documents[texts[candidates[$0]].id]!) }
        let ranker = EvidenceRanker(
            index: index, candidates: candidates.map { texts[$0] }, catalog: catalog,
            candidateMentions: candidates.map { Set(mentionsByDoc[$0].keys) }
        )
        var updated: [Node] = []
        for (position, text) in texts.enumerated() where text.kind == .inquiry {
            guard var node = graph[text.id] else { continue }
            let keyConcepts = catalog.mentions(in: text.title).sorted()
            let question = QuestionAssessment.assess(
                text: text, keyConcepts: keyConcepts.map { catalog.concepts[$0].acronym },
                uncovered: keyConcepts.filter { coveredBy[$0, default: 0] == 0 }.map { catalog.concepts[$0].acronym }
            )
            node.status = question.status
            node.statusReasons = question.reasons
            updated.append(node)
            guard question.status != .answered else { continue }
            let cited = Set(graph.outgoing(text.id, kind: .cites).map(\.target))
            newEdges += ranker.evidence(for: text, mentions: Set(mentionsByDoc[position].keys), keyConcepts: keyConcepts, cited: cited)
        }
        return (newNodes, newEdges, updated)
    }

    /// What one note yields: the first sentence naming each concept it mentions, and its claims with the concepts
    /// each one names (sorted).
    private struct DocumentFindings: Sendable {
        var mentions: [Int: String]
        var claims: [Node] = []
        var claimConcepts: [[Int]] = []
    }

    /// `parts` joined, in storage of just their length. Interpolation keeps the spare room its buffer grew to
    /// (up to as much again), and every claim has two such strings that live as long as the graph.
    static func exactString(_ parts: String...) -> String {
        var joined = ""
        joined.reserveCapacity(parts.reduce(0) { $0 + $1.utf8.count })
        for part in parts { joined += part }
        return joined
    }

    /// The first 8 hex digits of the sentence's FNV-1a hash: a short, stable claim id that survives reordering.
    static func claimHash(_ text: String) -> String {
        String(FNV1a.hex(text).prefix(8))
    }
}
