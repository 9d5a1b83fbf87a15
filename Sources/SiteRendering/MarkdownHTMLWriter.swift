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
        // Written into one byte buffer: building each element as concatenated Strings (`"<p>" + inline(…) + …`)
        // made and copied a String per element, for every note of the corpus.
        var out = HTMLBytes()
        for block in blocks { write(block, into: &out, tight: false) }
        return out.string
    }

    private func write(_ block: Block, into out: inout HTMLBytes, tight: Bool) {
        switch block {
        case .paragraph(let inlines, _):
            if tight {
                write(inlines, into: &out)
                out.put("\n")
            } else {
                out.put("<p>")
                write(inlines, into: &out)
                out.put("</p>\n")
            }
        case .heading(let level, let inlines, let anchor, _):
            let l = String(min(max(level + 1, 2), 6))  // the page title is the only <h1>
            out.put("<h"); out.put(l); out.put(" id=\""); out.escaped(anchor); out.put("\">")
            write(inlines, into: &out)
            out.put("</h"); out.put(l); out.put(">\n")
        case .blockQuote(let blocks):
            out.put("<blockquote>\n")
            for b in blocks { write(b, into: &out, tight: false) }
            out.put("</blockquote>\n")
        case .list(let ordered, let start, let isTight, let items):
            let isTask = items.contains { $0.checked != nil }
            if ordered {
                out.put("<ol")
                if start != 1 { out.put(" start=\""); out.put(String(start)); out.put("\"") }
            } else {
                out.put("<ul")
            }
            if isTask { out.put(" class=\"tasks\"") }
            out.put(">\n")
            for item in items {
                out.put("<li>")
                if let checked = item.checked {
                    out.put("<input type=\"checkbox\" disabled")
                    if checked { out.put(" checked") }
                    out.put("> ")
                }
                for b in item.blocks { write(b, into: &out, tight: isTight) }
                out.dropFinalNewline()
                out.put("</li>\n")
            }
            out.put(ordered ? "</ol>\n" : "</ul>\n")
        case .codeBlock(let info, let code):
            let language = info.split(separator: " ").first.map { String($0).filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "+" } } ?? ""
            out.put("<pre><code")
            if !language.isEmpty { out.put(" class=\"language-"); out.put(language); out.put("\"") }
            out.put(">"); out.escaped(code); out.put("</code></pre>\n")
        case .htmlBlock(let raw):
            // Raw HTML is untrusted (imported pages): shown as source text.
            out.put("<pre class=\"raw-html\"><code>"); out.escaped(raw); out.put("</code></pre>\n")
        case .thematicBreak:
            out.put("<hr>\n")
        case .table(let table):
            out.put("<table>\n<thead>\n<tr>")
            for (i, cell) in table.header.enumerated() {
                out.put("<th"); align(table, i, into: &out); out.put(">"); write(cell, into: &out); out.put("</th>")
            }
            out.put("</tr>\n</thead>\n<tbody>\n")
            for row in table.rows {
                out.put("<tr>")
                for (i, cell) in row.enumerated() {
                    out.put("<td"); align(table, i, into: &out); out.put(">"); write(cell, into: &out); out.put("</td>")
                }
                out.put("</tr>\n")
            }
            out.put("</tbody>\n</table>\n")
        }
    }

    private func align(_ table: Table, _ column: Int, into out: inout HTMLBytes) {
        guard column < table.alignments.count, table.alignments[column] != .none else { return }
        out.put(" style=\"text-align: "); out.put(table.alignments[column].rawValue); out.put("\"")
    }

    func inline(_ inlines: [Inline]) -> String {
        var out = HTMLBytes()
        write(inlines, into: &out)
        return out.string
    }

    private func write(_ inlines: [Inline], into out: inout HTMLBytes) {
        for i in inlines { write(i, into: &out) }
    }

    private func write(_ node: Inline, into out: inout HTMLBytes) {
        switch node {
        case .text(let s): out.escaped(s)
        case .emphasis(let c): out.put("<em>"); write(c, into: &out); out.put("</em>")
        case .strong(let c): out.put("<strong>"); write(c, into: &out); out.put("</strong>")
        case .strikethrough(let c): out.put("<del>"); write(c, into: &out); out.put("</del>")
        case .code(let s): out.put("<code>"); out.escaped(s); out.put("</code>")
        case .html(let s): out.put("<code class=\"raw-html\">"); out.escaped(s); out.put("</code>")
        case .softBreak: out.put("\n")
        case .lineBreak: out.put("<br>\n")
        case .image(let source, let title, let alt):
            // Images are shown as links: notes never load remote content into the page.
            let label = alt.plainText.isEmpty ? source : alt.plainText
            if let url = HTML.safeURL(source) {
                out.put("<a class=\"image-link\" href=\""); out.escaped(HTML.encodeURL(url)); out.put("\"")
                titleAttribute(title, into: &out)
                out.put(">"); out.escaped(label); out.put("</a>")
            } else {
                out.escaped(label)
            }
        case .link(let destination, let title, let children, let index):
            if let index {
                noteLink(index, into: &out) { write(children, into: &$0) }
            } else if let url = HTML.safeURL(destination) {
                let external = url.hasPrefix("http:") || url.hasPrefix("https:") || url.hasPrefix("//")
                out.put("<a href=\""); out.escaped(HTML.encodeURL(url)); out.put("\"")
                titleAttribute(title, into: &out)
                if external { out.put(" rel=\"noopener nofollow\"") }
                out.put(">"); write(children, into: &out); out.put("</a>")
            } else {
                out.put("<span class=\"unsafe-link\">"); write(children, into: &out); out.put("</span>")
            }
        case .wikilink(_, _, _, let index):
            noteLink(index, into: &out) { $0.escaped(node.plainText) }
        }
    }

    private func noteLink(_ index: Int, into out: inout HTMLBytes, label: (inout HTMLBytes) -> Void) {
        guard let target = resolve(index) else {
            out.put("<span class=\"unresolved\" title=\"No note has this title\">"); label(&out); out.put("</span>")
            return
        }
        out.put("<a class=\"internal k-"); out.escaped(target.kind); out.put("\" href=\""); out.escaped(target.href)
        out.put("\" title=\""); out.escaped(target.title); out.put("\">"); label(&out); out.put("</a>")
    }

    private func titleAttribute(_ title: String, into out: inout HTMLBytes) {
        guard !title.isEmpty else { return }
        out.put(" title=\""); out.escaped(title); out.put("\"")
    }
}
