import NoteGraph

/// `search-index.js`: the search documents as a script (`window.NOTEGRAPH_SEARCH = […]`), so search works when
/// the site is opened from `file://`, where `fetch` of a JSON file is refused. Strings are escaped for a script
/// context (`<`, `>`, `&`, U+2028/2029), so note text can never close the script element.
enum SearchIndexScript {
    static func script(_ graph: Graph) -> String {
        var out = "window.NOTEGRAPH_SEARCH=[\n"
        for node in graph.nodes where node.kind != .claim {
            let text = node.summary ?? graph.documents[node.id]?.paragraphs.first?.text ?? node.aliases.joined(separator: "; ")
            out += "[" + [node.title, node.kind.rawValue, node.url, node.aliases.joined(separator: " "), snippet(text)].map(HTML.jsonString).joined(separator: ",") + "],\n"
        }
        return out + "];\n"
    }

    /// At most 240 characters, cut at a word and marked with "…" when shortened.
    static func snippet(_ text: String) -> String {
        guard text.count > 240 else { return text }
        let cut = text.prefix(240)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + "…"
    }
}
