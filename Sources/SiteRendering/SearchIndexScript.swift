import GraphQuery
import NoteGraph

/// `search-index.js`: the search documents as a script (`window.NOTEGRAPH_SEARCH = […]`), so search works when
/// the site is opened from `file://`, where `fetch` of a JSON file is refused. Strings are escaped for a script
/// context (`<`, `>`, `&`, U+2028/2029), so note text can never close the script element.
enum SearchIndexScript {
    static func script(_ graph: Graph) -> [UInt8] {
        var out = Array("window.NOTEGRAPH_SEARCH=[\n".utf8)
        // By position: `for node in graph.nodes` copied every node, the hundred thousand claims it skips included.
        for i in graph.nodes.indices where graph.nodes[i].kind != .claim {
            let node = graph.nodes[i]
            let text = node.summary ?? graph.documents[node.id]?.paragraphs.first?.text ?? node.aliases.joined(separator: "; ")
            var w = JSONWriter(scriptSafe: true, capacity: 512)
            w.beginArray()
            for field in [node.title, node.kind.rawValue, node.url, node.aliases.joined(separator: " "), snippet(text)] { w.string(field) }
            w.endArray()
            out += w.bytes
            out += Array(",\n".utf8)
        }
        return out + Array("];\n".utf8)
    }

    /// At most 240 characters, cut at a word and marked with "…" when shortened.
    static func snippet(_ text: String) -> String {
        // At most 240 bytes is at most 240 characters: most snippets are judged without counting characters.
        guard text.utf8.count > 240, text.count > 240 else { return text }
        let cut = text.prefix(240)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + "…"
    }
}
