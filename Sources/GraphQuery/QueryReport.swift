import NoteGraph

/// Plain-text renderings of query results for the terminal (`--json` prints the results themselves).
public enum QueryReport {
    public static func openQuestions(_ questions: [OpenQuestion]) -> String {
        if questions.isEmpty { return "No open or partial questions: every inquiring line is answered by the corpus.\n" }
        var out = ""
        for q in questions {
            out += "[\(q.status)] \(q.question.title)\n"
            out += "  \(q.question.path ?? q.question.url)\n"
            for reason in q.reasons { out += "  · \(reason)\n" }
            out += "  Evidence:\n"
            for (i, e) in q.evidence.enumerated() {
                out += "   \(i + 1). [\(e.node.kind)] \(e.node.title)  (score \(format(e.score)); \(e.reason))\n"
                if let s = e.citingSentence { out += "      cited in: \(s)\n" }
                if let x = e.excerpt, !e.cited { out += "      says: \(x)\n" }
            }
            out += "\n"
        }
        return out
    }

    public static func detail(_ d: NodeDetail) -> String {
        var out = "\(d.node.title)\n  \(d.node.kind) · \(d.node.id)"
        if let s = d.node.status { out += " · \(s)" }
        out += "\n"
        if let p = d.node.path { out += "  file: \(p)\n" }
        if !d.aliases.isEmpty { out += "  aliases: \(d.aliases.joined(separator: "; "))\n" }
        if !d.tags.isEmpty { out += "  tags: \(d.tags.joined(separator: ", "))\n" }
        if let s = d.summary { out += "  summary: \(s)\n" }
        for r in d.reasons { out += "  · \(r)\n" }
        if !d.outgoing.isEmpty {
            out += "Links out (\(d.outgoing.count)):\n"
            for e in d.outgoing { out += "  \(e.kind) → [\(e.node.kind)] \(e.node.title)\(e.score.map { "  (score \(format($0)))" } ?? "")\n" }
        }
        if !d.incoming.isEmpty {
            out += "Backlinks (\(d.incoming.count)):\n"
            for e in d.incoming {
                out += "  ← \(e.kind) [\(e.node.kind)] \(e.node.title)\n"
                if let c = e.context, e.kind == EdgeKind.cites.rawValue { out += "      “\(c)”\n" }
            }
        }
        if !d.unresolved.isEmpty { out += "Unresolved links: \(d.unresolved.joined(separator: "; "))\n" }
        return out
    }

    public static func search(_ hits: [SearchHit]) -> String {
        if hits.isEmpty { return "No matches.\n" }
        return hits.enumerated().map { i, h in
            "\(i + 1). [\(h.node.kind)] \(h.node.title)  (score \(format(h.score)); \(h.matchedTerms.prefix(5).joined(separator: ", ")))\n"
        }.joined()
    }

    public static func neighbors(_ ns: [Neighbor]) -> String {
        if ns.isEmpty { return "No neighbours.\n" }
        // Depth-1 lines read "edge → node"; deeper ones also say which node they hang from.
        return ns.map { n in
            let origin = n.depth > 1 ? "  (from \(n.from))" : ""
            return "\(n.depth)  \(n.via) [\(n.node.kind)] \(n.node.title)\(origin)\n"
        }.joined()
    }

    public static func path(_ steps: [PathStep]) -> String {
        steps.map { step in (step.via.map { "  \($0) " } ?? "") + "[\(step.node.kind)] \(step.node.title)\n" }.joined()
    }

    static func format(_ x: Double) -> String {
        let r = (x * 1000).rounded() / 1000
        return String(r)
    }
}
