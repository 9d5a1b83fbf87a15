import NoteGraph
import Foundation

/// Finds a node from what a person typed: exact title, alias or id, then an unambiguous case-insensitive
/// prefix; otherwise the closest titles as "did you mean".
public enum TitleLookup {
    public enum Result: Sendable, Equatable {
        case found(NodeID)
        case ambiguous([String])
        case notFound(suggestions: [String])
    }

    public static func find(_ query: String, in graph: some GraphSource) -> Result {
        let q = query.trimmingCharacters(in: .whitespaces)
        if let node = graph.node(NodeID(q)) { return .found(node.id) }
        if let exact = graph.firstNode(titled: q) { return .found(exact) }
        let candidates = graph.lookupEntries()
        if let alias = candidates.first(where: { $0.aliases.contains(q) }) { return .found(alias.id) }
        let lower = q.lowercased()
        let folded = candidates.filter { $0.title.lowercased() == lower || $0.aliases.contains { $0.lowercased() == lower } }
        if folded.count == 1 { return .found(folded[0].id) }
        let prefixed = candidates.filter { $0.title.lowercased().hasPrefix(lower) }
        if prefixed.count == 1 { return .found(prefixed[0].id) }
        if prefixed.count > 1 { return .ambiguous(prefixed.map(\.title).sorted().prefix(10).map { $0 }) }
        let queryWords = words(lower)
        var scored: [(title: String, shared: Int)] = []
        for node in candidates {
            let shared = words(node.title.lowercased()).intersection(queryWords).count
            if shared > 0 { scored.append((node.title, shared)) }
        }
        scored.sort { $0.shared != $1.shared ? $0.shared > $1.shared : $0.title < $1.title }
        return .notFound(suggestions: scored.prefix(5).map(\.title))
    }

    private static func words(_ s: String) -> Set<Substring> {
        Set(s.split { !$0.isLetter && !$0.isNumber })
    }
}
