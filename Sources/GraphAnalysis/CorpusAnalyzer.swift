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
    ///
    /// In two steps, so that what each needs is not alive at once: first everything is read from the notes'
    /// text (`Findings`: concepts, mentions, claim sentences, statuses, evidence), with the BM25 index and every
    /// note's sentences; those are freed, and the documents' paragraphs dropped, before the claims become nodes
    /// and the new edges are made. Made while the index was still alive, the claims' nodes, ids and urls and the
    /// new edge array were a fifth of a 10,000-note build's peak memory on top of it.
    ///
    /// With `memo`, documents whose findings the last build's memo holds (same document, same concepts) are not
    /// matched again, and the memo of this analysis goes to `memo.keep`; the graph is the same either way.
    public static func analyze(_ graph: consuming Graph, memo: AnalysisMemoUse? = nil) -> Graph {
        var findings = Findings.read(graph, memo: memo)
        graph.dropAnalysisText()
        let (nodes, edges) = findings.additions(to: graph)
        // `consume`: handed over, not copied, so `adding` grows them in place (a copy would be a second array).
        return graph.adding(nodes: consume nodes, edges: consume edges, replacing: findings.updated)
    }

    /// What analysis reads from the notes' text, kept without the text itself: the sentences it holds are the
    /// ones an edge or a claim quotes, which the analysed graph keeps anyway.
    private struct Findings {
        var concepts: [(id: NodeID, concept: ConceptCatalog.Concept)]
        /// Each document node's id, in node order.
        var documents: [NodeID]
        /// Per document: the first sentence naming each concept it mentions, and its claims.
        var perDocument: [DocumentFindings]
        /// The inquiring lines with their status.
        var updated: [Node]
        /// Ranked evidence for the open and partial ones, in question order.
        var evidence: [Edge]

        /// A static function rather than an initializer, whose parameter would be consumed: `analyze` still
        /// needs its graph afterwards.
        static func read(_ graph: Graph, memo: AnalysisMemoUse?) -> Findings {
            let documentNodes = graph.nodes.filter { $0.kind.isDocument }
            let texts = parallelMap(documentNodes) { CorpusText(id: $0.id, document: graph.documents[$0.id]!) }
            let documents = texts.map(\.id)

            // Concepts: definitions anywhere in the corpus, merged by acronym; a document's are taken from the memo
            // when it holds them for this document (they depend on nothing else).
            let previous = memo?.previous, fingerprints = memo?.fingerprints
            let definitionsPerText = parallelMap(texts) { text -> [DocumentDefinition] in
                if let previous, let fingerprint = fingerprints?[text.path], let remembered = previous.definitions(for: text, fingerprint: fingerprint) {
                    return remembered
                }
                return DocumentDefinition.all(in: text)
            }
            let catalog = ConceptCatalog(definitions: definitionsPerText.flatMap { $0.map(\.definition) })
            let concepts = catalog.concepts.map { (NodeID("concept/\(Slug.make($0.acronym))"), $0) }

            // Mentions and claims per document, each taken from the memo where it holds them for this document and
            // these concepts; the next memo gets every document's entry (a reused one as it was stored).
            let catalogFingerprint = AnalysisMemo.fingerprint(of: catalog)
            if let memo { memo.keep(AnalysisMemo.header(key: memo.key, catalog: catalogFingerprint)) }
            let perDocument = parallelMap(Array(texts.indices)) { k -> (findings: DocumentFindings, entry: [UInt8], stored: Range<Int>?) in
                let text = texts[k]
                let fingerprint = fingerprints?[text.path]
                if let previous, let fingerprint, let remembered = previous.findings(
                    for: text, fingerprint: fingerprint, catalog: catalogFingerprint, conceptCount: catalog.concepts.count
                ) {
                    return (DocumentFindings(remembered.record, of: text), [], remembered.entry)
                }
                let record = Self.record(of: text, catalog: catalog, hasClaims: graph.index(of: text.id) != nil)
                let entry = fingerprint.map { AnalysisMemo.entry(path: text.path, fingerprint: $0, definitions: definitionsPerText[k], record: record) } ?? []
                return (DocumentFindings(record, of: text), entry, nil)
            }.map { result in
                if let memo {
                    // In order, as the documents are: the memo is read back the same way.
                    if let stored = result.stored {
                        memo.keep(Array(memo.previous.storedEntry(stored)))
                        memo.reused += 1
                    } else if !result.entry.isEmpty {
                        memo.keep(result.entry)
                    }
                }
                return result.findings
            }

            // Which concepts notes and papers cover (inquiring lines ask; they do not answer).
            let coveredBy = zip(texts, perDocument).reduce(into: [Int: Int]()) { counts, pair in
                guard pair.0.kind == .note || pair.0.kind == .paper else { return }
                for concept in pair.1.mentions.keys { counts[concept, default: 0] += 1 }
            }

            // Question status first, then evidence for the open and partial lines only. The BM25 index of the
            // notes and papers that evidence is ranked by (0.6 s at 10,000 notes) is made only when some line
            // needs it: in a corpus where every line is answered, nothing would read it. It is kept in the memo.
            let inquiries = texts.indices.filter { texts[$0].kind == .inquiry }
            let statuses = parallelMap(inquiries) { position -> (node: Node, keyConcepts: [Int])? in
                let text = texts[position]
                guard var node = graph[text.id] else { return nil }
                let keyConcepts = catalog.mentions(in: text.title).sorted()
                let question = QuestionAssessment.assess(
                    text: text, keyConcepts: keyConcepts.map { catalog.concepts[$0].acronym },
                    uncovered: keyConcepts.filter { coveredBy[$0, default: 0] == 0 }.map { catalog.concepts[$0].acronym }
                )
                node.status = question.status
                node.statusReasons = question.reasons
                return (node, keyConcepts)
            }
            let unanswered = zip(inquiries, statuses).compactMap { position, status in
                status.flatMap { $0.node.status == .answered ? nil : (position: position, keyConcepts: $0.keyConcepts) }
            }
            var evidenceByPosition: [Int: [Edge]] = [:]
            if !unanswered.isEmpty {
                let candidates = texts.indices.filter { texts[$0].kind == .note || texts[$0].kind == .paper }
                let documents = candidates.map { graph.documents[texts[$0].id]! }
                // The last build's index, with the changed documents counted again, where the memo holds it.
                let paths = candidates.map { texts[$0].path }, candidateFingerprints = paths.map { fingerprints?[$0] }
                let index = previous?.evidenceIndex()?.updated(paths: paths, fingerprints: candidateFingerprints) { CorpusText.terms(of: documents[$0]) }
                    ?? BM25Index(documentCount: candidates.count) { CorpusText.terms(of: documents[$0]) }
                let known = candidateFingerprints.compactMap { $0 }
                if let memo, known.count == paths.count {
                    memo.keep(AnalysisMemo.entry(evidenceIndex: EvidenceIndexMemo(paths: paths, fingerprints: known, index: index)))
                }
                let ranker = EvidenceRanker(
                    index: index, candidates: candidates.map { texts[$0] }, catalog: catalog,
                    candidateMentions: candidates.map { Set(perDocument[$0].mentions.keys) }
                )
                // Each line's evidence is ranked on its own, reading only, so on all cores (a corpus with many open
                // questions spends most of its analysis here); results keep the corpus order.
                let ranked = parallelMap(unanswered) { line -> [Edge] in
                    let text = texts[line.position]
                    let cited = Set(graph.outgoing(text.id, kind: .cites).map(\.target))
                    return ranker.evidence(for: text, keyConcepts: line.keyConcepts, cited: cited)
                }
                evidenceByPosition = Dictionary(uniqueKeysWithValues: zip(unanswered.map(\.position), ranked))
            }
            let assessed = zip(inquiries, statuses).map { position, status in
                status.map { (node: $0.node, evidence: evidenceByPosition[position] ?? []) }
            }
            var updated: [Node] = []
            var evidence: [Edge] = []
            for case let (node, edges)? in assessed {
                updated.append(node)
                evidence += edges
            }
            return Findings(concepts: concepts, documents: documents, perDocument: perDocument, updated: updated, evidence: evidence)
        }

        /// The concepts, claims and evidence as nodes and edges, with room reserved for the graph's own, which
        /// `Graph.adding` puts in front of them. Takes the claims out of `perDocument`, freeing each note's as its
        /// nodes are made.
        mutating func additions(to graph: Graph) -> (nodes: [Node], edges: [Edge]) {
            // Sized once: growing by doubling would leave up to half again unused, and each regrowth holds the old
            // array and the new one at once.
            let claimCount = perDocument.reduce(0) { $0 + $1.claims.count }
            var newNodes: [Node] = []
            newNodes.reserveCapacity(graph.nodes.count + concepts.count + claimCount)
            for (id, concept) in concepts {
                var node = Node(id: id, kind: .concept, title: concept.acronym, url: "\(id.rawValue).html")
                node.aliases = concept.aliases
                node.summary = concept.definition
                newNodes.append(node)
            }
            let mentionCount = perDocument.reduce(0) { $0 + $1.mentions.count }
            let claimEdgeCount = perDocument.reduce(0) { $0 + $1.claims.count + $1.claims.reduce(0) { $0 + $1.concepts.count } }
            var newEdges: [Edge] = []
            newEdges.reserveCapacity(graph.edges.count + mentionCount + claimEdgeCount + evidence.count)
            for (source, findings) in zip(documents, perDocument) {
                for (concept, sentence) in findings.mentions.sorted(by: { $0.key < $1.key }) {
                    newEdges.append(Edge(source: source, target: concepts[concept].id, kind: .mentions, context: sentence))
                }
            }
            // Claim nodes are made on all cores a batch of notes at a time, the batch's findings taken out of
            // `perDocument` first, so that each note's are freed once they are nodes.
            for start in stride(from: 0, to: documents.count, by: Self.batchSize) {
                let batch = start..<min(start + Self.batchSize, documents.count)
                let taken = batch.map { position -> (document: NodeID, claims: [ClaimFinding]) in
                    defer { perDocument[position].claims = [] }
                    return (documents[position], perDocument[position].claims)
                }
                let nodes = parallelMap(taken) { $0.claims.isEmpty ? [] : Self.claimNodes($0.claims, of: $0.document, in: graph) }
                for ((source, claims), claimNodes) in zip(taken, nodes) {
                    for (claim, finding) in zip(claimNodes, claims) {
                        newNodes.append(claim)
                        newEdges.append(Edge(source: source, target: claim.id, kind: .asserts, context: claim.text))
                        for concept in finding.concepts {
                            newEdges.append(Edge(source: claim.id, target: concepts[concept].id, kind: .mentions, context: claim.text))
                        }
                    }
                }
            }
            newEdges += evidence
            evidence = []
            return (newNodes, newEdges)
        }

        /// What `text` yields: the first sentence naming each concept, and (for notes and papers in the graph) its
        /// claims. Mentions are matched once per distinct sentence; claims reuse them.
        static func record(of text: CorpusText, catalog: ConceptCatalog, hasClaims: Bool) -> FindingsRecord {
            var record = FindingsRecord()
            var first: [Int: Int] = [:]
            // Sentences are told apart by their bytes (`UTF8Key`), as their claim hashes are. A String key hashes and
            // compares by canonical equivalence: for a sentence with any non-ASCII character (a dash, a curly quote)
            // every lookup walked it through the stdlib's normalization check (`_fastNFCCheck`) before hashing.
            var mentionsOfSentence: [UTF8Key: Set<Int>] = [:]
            mentionsOfSentence.reserveCapacity(text.allSentences.count)
            for (place, sentence) in text.allSentences.enumerated() {
                let key = UTF8Key(sentence)
                guard mentionsOfSentence[key] == nil else { continue }
                let mentions = catalog.mentions(in: sentence)
                mentionsOfSentence[key] = mentions
                for concept in mentions where first[concept] == nil { first[concept] = place }
            }
            record.mentions = first.sorted { $0.key < $1.key }.map { (concept: $0.key, sentence: $0.value) }
            guard text.kind == .note || text.kind == .paper, hasClaims else { return record }
            var seen: Set<UTF8Key> = []
            seen.reserveCapacity(text.proseSentences.count)
            var usedHashes: Set<String> = []
            for (place, sentence) in text.proseSentences.enumerated() {
                let key = UTF8Key(sentence)
                guard seen.insert(key).inserted else { continue }
                let quantities = QuantityParser.quantities(in: sentence)
                guard let type = ClaimClassifier.classify(sentence, quantities: quantities) else { continue }
                // Two different sentences of one note can share 8 hex digits (likely among the ~15,000 claims of
                // a note at the size cap): the later one gets `-2`, `-3`…, so ids stay unique and stable.
                var hash = claimHash(sentence)
                if !usedHashes.insert(hash).inserted {
                    var n = 2
                    while !usedHashes.insert("\(hash)-\(n)").inserted { n += 1 }
                    hash = "\(hash)-\(n)"
                }
                let concepts = (mentionsOfSentence[key] ?? catalog.mentions(in: sentence)).sorted()
                record.claims.append(FindingsRecord.Claim(sentence: place, hash: hash, info: ClaimInfo(type: type, quantities: quantities), concepts: concepts))
            }
            return record
        }

        /// How many notes' claims become nodes in one round.
        static let batchSize = 512

        /// A note's id without its kind: what follows its one "/" (a note's id is its kind, "/" and a slug, and a
        /// slug holds no "/", see `Slug`). Found on the bytes: splitting on "/" and joining again walked the id by
        /// Characters for every note in every build.
        static func slug(of id: String) -> String {
            id.utf8.firstIndex(of: UInt8(ascii: "/")).map { String(id[id.index(after: $0)...]) } ?? ""
        }

        /// The nodes of one note's claims, in order.
        private static func claimNodes(_ claims: [ClaimFinding], of document: NodeID, in graph: Graph) -> [Node] {
            let position = graph.index(of: document)!
            let url = graph.nodes[position].url, path = graph.nodes[position].path
            let slug = Self.slug(of: document.rawValue)
            return claims.map { claim in
                var node = Node(
                    id: NodeID(exactString("claim/", slug, "/", claim.hash)), kind: .claim, title: claim.sentence,
                    url: url, fragment: "claim-" + claim.hash, path: path
                )
                node.text = claim.sentence
                node.claim = claim.info
                return node
            }
        }
    }

    /// What one note yields: the first sentence naming each concept it mentions, and its claims.
    private struct DocumentFindings: Sendable {
        var mentions: [Int: String]
        var claims: [ClaimFinding] = []

        /// The findings `record` holds, with its places read in `text`.
        init(_ record: FindingsRecord, of text: CorpusText) {
            var mentions: [Int: String] = [:]
            mentions.reserveCapacity(record.mentions.count)
            for m in record.mentions { mentions[m.concept] = text.allSentences[m.sentence] }
            self.mentions = mentions
            claims = record.claims.map { ClaimFinding(sentence: text.proseSentences[$0.sentence], hash: $0.hash, info: $0.info, concepts: $0.concepts) }
        }
    }

    /// A claim sentence before it is a node: its id's hash part, what it states, and the concepts it names (sorted).
    private struct ClaimFinding: Sendable {
        var sentence: String
        var hash: String
        var info: ClaimInfo
        var concepts: [Int]
    }

    /// `parts` joined, in storage of just their length. Interpolation keeps the spare room its buffer grew to
    /// (up to as much again), and every claim has such an id, which lives as long as the graph.
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
