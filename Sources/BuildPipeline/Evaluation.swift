import Foundation
import NoteGraph
import NoteImport
import NoteParsing

/// Ground truth for a labelled corpus of raw exports (see Tests/Fixtures/eval-corpus/README.md).
public struct GoldStandard: Decodable, Sendable {
    public struct Citation: Decodable, Hashable, Sendable {
        public var from: String
        public var to: String
        public var kind: String
    }

    public struct Reference: Decodable, Hashable, Sendable {
        public var from: String
        public var to: String
    }

    public struct Status: Decodable, Sendable {
        public var title: String
        public var status: String
    }

    public struct Concept: Decodable, Sendable {
        public var acronym: String
        public var aliases: [String]
    }

    public struct ClaimNumber: Decodable, Sendable {
        public var title: String
        public var text: String
        public var value: Double
        public var upper: Double?
        public var unit: String
    }

    public var citations: [Citation]
    public var unresolved: [Reference]
    public var statuses: [Status]
    public var concepts: [Concept]
    public var claimNumbers: [ClaimNumber]
}

/// Precision and recall of one kind of extraction against the gold standard.
public struct EvaluationScore: Sendable {
    public var category: String
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int
    /// What was expected and not found, and what was found and not expected (for reading, not scoring).
    public var missed: [String]
    public var unexpected: [String]

    public var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
    public var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
}

/// Runs the whole pipeline (import → parse → graph → analysis) on raw exports and scores it against gold.
public struct Evaluation: Sendable {
    public let scores: [EvaluationScore]
    /// Import and build diagnostics other than unresolved links (which are scored separately).
    public let otherDiagnostics: [Diagnostic]

    public init(exports: [RawExport], gold: GoldStandard) {
        let imported = Importer.run(exports, existing: [])
        let build = CorpusBuild(files: imported.notes.map { SourceFile(path: $0.path, text: $0.markdown) })
        let graph = build.graph
        otherDiagnostics = imported.diagnostics + build.diagnostics.filter { !$0.message.hasPrefix("unresolved link") }
        func title(_ id: NodeID) -> String { graph[id]?.title ?? id.rawValue }

        // Citations, by title: two pages with one title are one citation target, as the gold lists them.
        let predicted = Set(graph.edges.filter { [.cites, .member, .next].contains($0.kind) }.map {
            GoldStandard.Citation(from: title($0.source), to: title($0.target), kind: $0.kind.rawValue)
        })
        var scores = [Evaluation.score("citations", predicted: predicted, gold: Set(gold.citations)) { "\($0.kind): \($0.from) → \($0.to)" }]

        let unresolved = Set(graph.unresolved.map { GoldStandard.Reference(from: title($0.source), to: $0.target) })
        scores.append(Evaluation.score("unresolved", predicted: unresolved, gold: Set(gold.unresolved)) { "\($0.from) → \($0.to)" })

        let statuses = Set(graph.nodes(ofKind: .inquiry).map { "\($0.title) = \($0.status?.rawValue ?? "none")" })
        scores.append(Evaluation.score("statuses", predicted: statuses, gold: Set(gold.statuses.map { "\($0.title) = \($0.status)" })) { $0 })

        let concepts = graph.nodes(ofKind: .concept)
        let predictedConcepts = Set(concepts.flatMap { c in c.aliases.map { "\(c.title) = \($0.lowercased())" } })
        let goldConcepts = Set(gold.concepts.flatMap { c in c.aliases.map { "\(c.acronym) = \($0.lowercased())" } })
        // Precision over acronyms (an extra alias of a right concept is not an error), recall over acronym + alias.
        let acronymsFound = Set(concepts.map(\.title)), acronymsGold = Set(gold.concepts.map(\.acronym))
        var conceptScore = Evaluation.score("concepts", predicted: predictedConcepts.filter { c in goldConcepts.contains(c) }, gold: goldConcepts) { $0 }
        conceptScore.falsePositives = acronymsFound.subtracting(acronymsGold).count
        conceptScore.unexpected = acronymsFound.subtracting(acronymsGold).sorted()
        scores.append(conceptScore)

        var claimKeys: Set<String> = []
        for node in graph.nodes(ofKind: .claim) {
            guard let source = graph.incoming(node.id, kind: .asserts).first.map({ title($0.source) }) else { continue }
            for q in node.claim?.quantities ?? [] {
                claimKeys.insert(Evaluation.claimKey(source, q.text, q.value, q.upper, q.unit.rawValue))
            }
        }
        let goldClaims = Set(gold.claimNumbers.map { Evaluation.claimKey($0.title, $0.text, $0.value, $0.upper, $0.unit) })
        var claimScore = Evaluation.score("claim numbers", predicted: claimKeys.intersection(goldClaims), gold: goldClaims) { $0 }
        claimScore.falsePositives = 0  // numbers outside the labelled sentences are not errors; recall is what counts
        scores.append(claimScore)
        self.scores = scores
    }

    static func claimKey(_ title: String, _ text: String, _ value: Double, _ upper: Double?, _ unit: String) -> String {
        "\(title): \(text) = \(value)\(upper.map { "…\($0)" } ?? "") \(unit)"
    }

    static func score<T: Hashable>(_ category: String, predicted: Set<T>, gold: Set<T>, describe: (T) -> String) -> EvaluationScore {
        EvaluationScore(
            category: category,
            truePositives: predicted.intersection(gold).count,
            falsePositives: predicted.subtracting(gold).count,
            falseNegatives: gold.subtracting(predicted).count,
            missed: gold.subtracting(predicted).map(describe).sorted(),
            unexpected: predicted.subtracting(gold).map(describe).sorted()
        )
    }

    /// The table `notegraph eval` prints.
    public var report: String {
        var out = "category        precision  recall   tp  fp  fn\n"
        for s in scores {
            out += s.category.padding(toLength: 15, withPad: " ", startingAt: 0)
                + String(format: " %9.3f %7.3f %4d %3d %3d\n", s.precision, s.recall, s.truePositives, s.falsePositives, s.falseNegatives)
        }
        for s in scores where !s.missed.isEmpty || !s.unexpected.isEmpty {
            out += "\n\(s.category):\n"
            for m in s.missed { out += "  missed:     \(m)\n" }
            for u in s.unexpected { out += "  unexpected: \(u)\n" }
        }
        if !otherDiagnostics.isEmpty {
            out += "\nother diagnostics:\n" + otherDiagnostics.map { "  \($0)\n" }.joined()
        }
        return out
    }
}
