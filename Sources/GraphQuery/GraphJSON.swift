import Foundation
import NoteGraph

/// `graph.json`: the graph as a stable contract for scripts and other tools.
///
/// `{"nodes":[{id, kind, title, url, status?, aliases?, text?, source?, …}], "edges":[{source, target, kind,
/// context?, score?, reason?}], "unresolved":[…]}`. Ids are stable across builds; keys are sorted and optional
/// fields omitted, so identical input gives identical bytes. New fields may be added; none are removed.
public enum GraphJSON {
    struct Document: Encodable {
        var version = 1
        var nodes: [NodeRecord]
        var edges: [EdgeRecord]
        var unresolved: [UnresolvedRecord]
    }

    struct NodeRecord: Encodable {
        var id: String
        var kind: String
        var title: String
        var url: String
        var status: String?
        var statusReasons: [String]?
        var aliases: [String]?
        var text: String?
        var claimType: String?
        var quantities: [Quantity]?
        var source: String?
        var tags: [String]?
        var date: String?
        var collection: String?
        var categories: [String]?
        var arxiv: String?
        var summary: String?
        var origin: String?
    }

    struct EdgeRecord: Encodable {
        var source: String
        var target: String
        var kind: String
        var context: String?
        var contexts: [String]?
        var line: Int?
        var score: Double?
        var reason: String?
    }

    struct UnresolvedRecord: Encodable {
        var source: String
        var target: String
        var file: String
        var line: Int
        var column: Int
        var sentence: String
        var suggestion: String?
    }

    public static func encode(_ graph: Graph) -> Data {
        func nonEmpty<T>(_ a: [T]) -> [T]? { a.isEmpty ? nil : a }
        let document = Document(
            nodes: graph.nodes.map { n in
                NodeRecord(
                    id: n.id.rawValue, kind: n.kind.rawValue, title: n.title, url: n.url, status: n.status?.rawValue,
                    statusReasons: nonEmpty(n.statusReasons), aliases: nonEmpty(n.aliases), text: n.text,
                    claimType: n.claim?.type.rawValue, quantities: n.claim.flatMap { nonEmpty($0.quantities) }, source: n.path,
                    tags: nonEmpty(n.tags), date: n.date, collection: n.collection, categories: nonEmpty(n.categories),
                    arxiv: n.arxiv, summary: n.kind.isDocument ? n.summary : nil, origin: n.origin
                )
            },
            edges: graph.edges.map { e in
                EdgeRecord(
                    source: e.source.rawValue, target: e.target.rawValue, kind: e.kind.rawValue, context: e.context,
                    contexts: e.contexts.count > 1 ? e.contexts : nil, line: e.location?.line, score: e.score, reason: e.reason
                )
            },
            unresolved: graph.unresolved.map { u in
                UnresolvedRecord(source: u.source.rawValue, target: u.target, file: u.file, line: u.location.line, column: u.location.column, sentence: u.sentence, suggestion: u.suggestion)
            }
        )
        return encodeSorted(document)
    }

    /// JSON with sorted keys and unescaped slashes: deterministic and readable.
    public static func encodeSorted<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain value types cannot fail.
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}
