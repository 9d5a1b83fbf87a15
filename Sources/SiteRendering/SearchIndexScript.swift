import GraphQuery
import NoteGraph

/// `search-index.js`: the search documents as a script (`window.NOTEGRAPH_SEARCH = […]`), so search works when
/// the site is opened from `file://`, where `fetch` of a JSON file is refused. Strings are escaped for a script
/// context (`<`, `>`, `&`, U+2028/2029), so note text can never close the script element.
enum SearchIndexScript {
    static func script(_ graph: Graph) -> [UInt8] {
        var out = Array("window.NOTEGRAPH_SEARCH=[\n".utf8)
        let separator = Array(",\n".utf8)
        // One entry's buffer, used again by every entry: a writer of its own each was ten thousand allocations.
        var buffer: [UInt8] = []
        let nodes = graph.nodes
        // Fields read in place (their getters are inlinable): `let node = graph.nodes[i]` copied every node.
        for i in nodes.indices where nodes[i].kind != .claim {
            let text = nodes[i].summary ?? graph.documents[nodes[i].id]?.paragraphs.first?.text ?? nodes[i].aliases.joined(separator: "; ")
            var w = JSONWriter(scriptSafe: true, reusing: &buffer, capacity: 512)
            w.beginArray()
            for field in [nodes[i].title, nodes[i].kind.rawValue, nodes[i].url, nodes[i].aliases.joined(separator: " "), snippet(text)] { w.string(field) }
            w.endArray()
            buffer = w.takeBytes()
            out += buffer
            out += separator
        }
        return out + Array("];\n".utf8)
    }

    /// At most 240 characters, cut at a word and marked with "…" when shortened.
    static func snippet(_ text: String) -> String {
        // At most 240 bytes is at most 240 characters: most snippets are judged without counting characters, and
        // the others by walking 241 characters at most, not all of them (`count`).
        guard text.utf8.count > 240, text.index(text.startIndex, offsetBy: 240, limitedBy: text.endIndex).map({ $0 < text.endIndex }) == true else { return text }
        let cut = text.prefix(240)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + "…"
    }
}
