import NoteParsing

/// Writes a note body (`[Block]`) as HTML. Every text is escaped; raw HTML from the note is shown as text,
/// never passed through; link destinations pass `HTML.safeURL`; links to other notes get their href from
/// `resolve` (by link index), and unresolved ones are shown as marked text.
public struct MarkdownHTMLWriter {
    /// Where a note link points, already relative to the page being written.
    public struct ResolvedLink {
        public var href: String
        public var title: String
        public var kind: String

        public init(href: String, title: String, kind: String) {
            self.href = href
            self.title = title
            self.kind = kind
        }
    }

    private let resolve: (Int) -> ResolvedLink?

    public init(resolve: @escaping (Int) -> ResolvedLink?) {
        self.resolve = resolve
    }

    public func html(_ blocks: [Block]) -> String {
        var out = ""
        for block in blocks { write(block, into: &out, tight: false) }
        return out
    }

    private func write(_ block: Block, into out: inout String, tight: Bool) {
        switch block {
        case .paragraph(let inlines, _):
            if tight {
                out += inline(inlines) + "\n"
            } else {
                out += "<p>" + inline(inlines) + "</p>\n"
            }
        case .heading(let level, let inlines, let anchor, _):
            let l = min(max(level + 1, 2), 6)  // the page title is the only <h1>
            out += "<h\(l) id=\"\(HTML.escape(anchor))\">" + inline(inlines) + "</h\(l)>\n"
        case .blockQuote(let blocks):
            out += "<blockquote>\n"
            for b in blocks { write(b, into: &out, tight: false) }
            out += "</blockquote>\n"
        case .list(let ordered, let start, let isTight, let items):
            let isTask = items.contains { $0.checked != nil }
            let open = ordered ? (start == 1 ? "<ol" : "<ol start=\"\(start)\"") : "<ul"
            out += open + (isTask ? " class=\"tasks\"" : "") + ">\n"
            for item in items {
                out += "<li>"
                if let checked = item.checked {
                    out += "<input type=\"checkbox\" disabled" + (checked ? " checked" : "") + "> "
                }
                for b in item.blocks { write(b, into: &out, tight: isTight) }
                if out.hasSuffix("\n") { out.removeLast() }
                out += "</li>\n"
            }
            out += ordered ? "</ol>\n" : "</ul>\n"
        case .codeBlock(let info, let code):
            let language = info.split(separator: " ").first.map { String($0).filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "+" } } ?? ""
            out += "<pre><code" + (language.isEmpty ? "" : " class=\"language-\(language)\"") + ">" + HTML.escape(code) + "</code></pre>\n"
        case .htmlBlock(let raw):
            // Raw HTML is untrusted (imported pages): shown as source text.
            out += "<pre class=\"raw-html\"><code>" + HTML.escape(raw) + "</code></pre>\n"
        case .thematicBreak:
            out += "<hr>\n"
        case .table(let table):
            out += "<table>\n<thead>\n<tr>"
            for (i, cell) in table.header.enumerated() { out += "<th\(align(table, i))>" + inline(cell) + "</th>" }
            out += "</tr>\n</thead>\n<tbody>\n"
            for row in table.rows {
                out += "<tr>"
                for (i, cell) in row.enumerated() { out += "<td\(align(table, i))>" + inline(cell) + "</td>" }
                out += "</tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
    }

    private func align(_ table: Table, _ column: Int) -> String {
        guard column < table.alignments.count, table.alignments[column] != .none else { return "" }
        return " style=\"text-align: \(table.alignments[column].rawValue)\""
    }

    func inline(_ inlines: [Inline]) -> String {
        var out = ""
        for i in inlines { write(i, into: &out) }
        return out
    }

    private func write(_ node: Inline, into out: inout String) {
        switch node {
        case .text(let s): out += HTML.escape(s)
        case .emphasis(let c): out += "<em>" + inline(c) + "</em>"
        case .strong(let c): out += "<strong>" + inline(c) + "</strong>"
        case .strikethrough(let c): out += "<del>" + inline(c) + "</del>"
        case .code(let s): out += "<code>" + HTML.escape(s) + "</code>"
        case .html(let s): out += "<code class=\"raw-html\">" + HTML.escape(s) + "</code>"
        case .softBreak: out += "\n"
        case .lineBreak: out += "<br>\n"
        case .image(let source, let title, let alt):
            // Images are shown as links: notes never load remote content into the page.
            let label = alt.plainText.isEmpty ? source : alt.plainText
            if let url = HTML.safeURL(source) {
                out += "<a class=\"image-link\" href=\"\(HTML.escape(HTML.encodeURL(url)))\"" + titleAttribute(title) + ">" + HTML.escape(label) + "</a>"
            } else {
                out += HTML.escape(label)
            }
        case .link(let destination, let title, let children, let index):
            if let index {
                out += noteLink(index, label: inline(children))
            } else if let url = HTML.safeURL(destination) {
                let external = url.hasPrefix("http:") || url.hasPrefix("https:") || url.hasPrefix("//")
                out += "<a href=\"\(HTML.escape(HTML.encodeURL(url)))\"" + titleAttribute(title) + (external ? " rel=\"noopener nofollow\"" : "") + ">" + inline(children) + "</a>"
            } else {
                out += "<span class=\"unsafe-link\">" + inline(children) + "</span>"
            }
        case .wikilink(_, _, _, let index):
            out += noteLink(index, label: HTML.escape(node.plainText))
        }
    }

    private func noteLink(_ index: Int, label: String) -> String {
        guard let target = resolve(index) else {
            return "<span class=\"unresolved\" title=\"No note has this title\">" + label + "</span>"
        }
        return "<a class=\"internal k-\(HTML.escape(target.kind))\" href=\"\(HTML.escape(target.href))\" title=\"\(HTML.escape(target.title))\">" + label + "</a>"
    }

    private func titleAttribute(_ title: String) -> String {
        title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
    }
}
