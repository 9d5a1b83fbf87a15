import CLibXML2
import NoteParsing
import Foundation

/// Reads arXiv API Atom feeds with libxml2: one paper per `<entry>`, whitespace of wrapped titles and summaries
/// collapsed, entities decoded. The document is parsed without network access or external entities, and all
/// libxml2 memory is freed before returning.
enum AtomFeedParser {
    static func parse(_ export: RawExport) -> ([ImportedPage], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        var bytes = Array(export.text.utf8)
        let doc: xmlDocPtr? = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlReadMemory(chars.baseAddress, Int32(chars.count), export.name, "UTF-8", options)
            }
        }
        guard let doc else {
            let error = xmlGetLastError()
            let line = error.map { Int($0.pointee.line) } ?? 1
            let message = error.flatMap { $0.pointee.message.map { String(cString: $0).trimmingWhitespace().trimmingNewlines() } } ?? "malformed XML"
            diagnostics.append(.error(export.name, at: SourceLocation(line: max(line, 1), column: 1), "Atom feed is not well-formed XML: \(message)"))
            xmlResetLastError()
            return ([], diagnostics)
        }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc), name(root) == "feed" else {
            diagnostics.append(.warning(export.name, "XML without an Atom <feed> root; nothing imported"))
            return ([], diagnostics)
        }
        var pages: [ImportedPage] = []
        for entry in children(root) where name(entry) == "entry" {
            var page = ImportedPage(kind: .paper, title: "", exportName: export.name)
            var authors: [String] = []
            for child in children(entry) {
                switch name(child) {
                case "title": page.title = LaTeXText.plain(collapse(content(child)))
                case "summary": page.abstract = [LaTeXText.plain(collapse(content(child)))]
                case "id":
                    let id = collapse(content(child))
                    page.source = id
                    if let r = id.range(of: "/abs/") { page.arxiv = stripVersion(String(id[r.upperBound...])) }
                case "published": page.date = String(collapse(content(child)).prefix(10))
                case "category": if let term = attribute(child, "term") { page.tags.append(term) }
                case "author":
                    for part in children(child) where name(part) == "name" { authors.append(collapse(content(part))) }
                default: break
                }
            }
            guard !page.title.isEmpty else {
                diagnostics.append(.warning(export.name, at: SourceLocation(line: Int(xmlGetLineNo(entry)), column: 1), "Atom entry without a title; skipped"))
                continue
            }
            if !authors.isEmpty { page.summary = "By " + authors.joined(separator: ", ") + "." }
            pages.append(page)
        }
        return (pages, diagnostics)
    }

    private static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { result.append(c) }
            child = c.pointee.next
        }
        return result
    }

    private static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    private static func content(_ node: xmlNodePtr) -> String {
        guard let raw = xmlNodeGetContent(node) else { return "" }
        defer { notegraph_xml_free(raw) }
        return String(cString: raw)
    }

    private static func attribute(_ node: xmlNodePtr, _ attribute: String) -> String? {
        guard let raw = xmlGetProp(node, attribute) else { return nil }
        defer { notegraph_xml_free(raw) }
        return String(cString: raw)
    }

    /// Titles and summaries wrap across lines in the feed: runs of whitespace become one space.
    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    static func stripVersion(_ id: String) -> String {
        guard let v = id.lastIndex(of: "v"), id[id.index(after: v)...].allSatisfy(\.isNumber), id.index(after: v) < id.endIndex else { return id }
        return String(id[..<v])
    }
}

extension String {
    func trimmingNewlines() -> String {
        var s = Substring(self)
        while let l = s.last, l == "\n" { s = s.dropLast() }
        return String(s)
    }
}
