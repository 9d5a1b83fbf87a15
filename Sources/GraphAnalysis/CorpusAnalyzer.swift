import NoteGraph
import NoteParsing

/// Enriches the document graph with what the corpus says: concepts and who mentions them, claims and who
/// asserts them, a status for every inquiring line, and ranked evidence for the open and partial ones.
public enum CorpusAnalyzer {
    /// How many uncited notes and papers an open question lists as evidence, at most.
    public static let uncitedEvidenceLimit = 8
    /// Uncited candidates scoring below this (on a 0…1 scale) are not evidence.
    public static let evidenceThreshold = 0.2

    public static func analyze(_ graph: Graph) -> Graph {
        let documentNodes = graph.nodes.filter { $0.kind.isDocument }
        let texts = parallelMap(documentNodes) { CorpusText(id: $0.id, document: graph.documents[$0.id]!) }

        // Concepts: definitions anywhere in the corpus, merged by acronym.
        let definitions = parallelMap(texts) { text in text.allSentences.flatMap(ConceptDefinitionFinder.definitions) }.flatMap { $0 }
        let catalog = ConceptCatalog(definitions: definitions)
        let conceptIDs = catalog.concepts.map { NodeID("concept/\(Slug.make($0.acronym))") }
        var newNodes: [Node] = zip(catalog.concepts, conceptIDs).map { concept, id in
            var node = Node(id: id, kind: .concept, title: concept.acronym, url: "\(id.rawValue).html")
            node.aliases = concept.aliases
            node.summary = concept.definition
            return node
        }
        var newEdges: [Edge] = []

        // Mentions and claims in one pass per document, so each sentence's concept mentions are matched once
        // (claims reuse them). Mentions are per sentence so each edge keeps the first sentence naming the concept.
        let perDoc = parallelMap(texts) { text -> (mentions: [Int: String], claims: [(Node, [Int])]) in
            var first: [Int: String] = [:]
            var mentionsOfSentence: [String: Set<Int>] = [:]
            for sentence in text.allSentences where mentionsOfSentence[sentence] == nil {
                let mentions = catalog.mentions(in: sentence)
                mentionsOfSentence[sentence] = mentions
                for concept in mentions where first[concept] == nil { first[concept] = sentence }
            }
            // Claims from notes and papers.
            guard text.kind == .note || text.kind == .paper, let docNode = graph[text.id] else { return (first, []) }
            let slug = text.id.rawValue.split(separator: "/").dropFirst().joined(separator: "/")
            var seen: Set<String> = []
            var usedHashes: Set<String> = []
            var claims: [(Node, [Int])] = []
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
                var node = Node(id: NodeID("claim/\(slug)/\(hash)"), kind: .claim, title: sentence, url: "\(docNode.url)#claim-\(hash)", path: docNode.path)
                node.text = sentence
                node.claim = ClaimInfo(type: type, quantities: quantities)
                claims.append((node, (mentionsOfSentence[sentence] ?? catalog.mentions(in: sentence)).sorted()))
            }
            return (first, claims)
        }
        let mentionsByDoc = perDoc.map(\.mentions)
        let claimsByDoc = perDoc.map(\.claims)
        for (text, mentions) in zip(texts, mentionsByDoc) {
            for (concept, sentence) in mentions.sorted(by: { $0.key < $1.key }) {
                newEdges.append(Edge(source: text.id, target: conceptIDs[concept], kind: .mentions, context: sentence))
            }
        }
        for (text, claims) in zip(texts, claimsByDoc) {
            for (claim, concepts) in claims {
                newNodes.append(claim)
                newEdges.append(Edge(source: text.id, target: claim.id, kind: .asserts, context: claim.text))
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
        let index = BM25Index(documents: candidates.map { texts[$0].terms })
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
        return graph.adding(nodes: newNodes, edges: newEdges, replacing: updated)
    }

    /// The first 8 hex digits of the sentence's FNV-1a hash: a short, stable claim id that survives reordering.
    static func claimHash(_ text: String) -> String {
        String(FNV1a.hex(text).prefix(8))
    }
}
