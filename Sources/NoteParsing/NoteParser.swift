/// Parses note files into `NoteDocument`s: front matter, title, Markdown body, links with their citing
/// sentences, and paragraphs as sentences. Pure and thread-safe; call it from several threads at once.
public enum NoteParser {
    /// Parses one file. Never throws: problems become diagnostics on the document.
    public static func parse(_ file: SourceFile) -> NoteDocument {
        var text = file.text
        var diagnostics: [Diagnostic] = []
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.utf8.contains(UInt8(ascii: "\r")) {
            text = text.replacingCRLF()
        }
        var front = FrontMatterParser.parse(text, file: file.path)
        diagnostics += front.diagnostics
        var body = front.body
        if let problem = ComplexityGuard.problem(in: body) {
            // The note keeps its front matter (it still gets a page) but its body is not parsed.
            diagnostics.append(.error(file.path, at: SourceLocation(line: front.bodyLineOffset + 1, column: 1), problem))
            body = ""
        }
        let raw = CommonMarkConverter.convert(body)
        var builder = NoteBodyBuilder(file: file.path, body: body, lineOffset: front.bodyLineOffset)
        var blocks = builder.blocks(raw)

        var title = front.frontMatter.title ?? ""
        var titleLocation = front.titleLocation ?? .start
        // The first level-1 heading gives the title when front matter does not; it is not repeated in the body.
        if case .heading(1, let inlines, _, let loc)? = blocks.first {
            let headingText = inlines.plainText.trimmingWhitespace()
            if title.isEmpty {
                title = headingText
                titleLocation = loc
                blocks.removeFirst()
            } else if headingText == title {
                blocks.removeFirst()
            }
        }
        if title.isEmpty {
            title = fileStem(file.path)
            diagnostics.append(.warning(file.path, at: .start, "note has no title (no 'title:' in front matter, no '# heading'); using its file name"))
        }
        if front.frontMatter.title == nil { front.frontMatter.title = title }
        return NoteDocument(
            path: file.path, title: title, titleLocation: titleLocation, kind: front.frontMatter.kind ?? .note,
            frontMatter: front.frontMatter, blocks: blocks, links: builder.links.exactlySized(), paragraphs: builder.paragraphs,
            diagnostics: diagnostics
        )
    }

    /// The cmark options the parser uses (exposed so tests can assert raw HTML stays off).
    public static var cmarkOptions: Int32 { CommonMarkConverter.options }

    private static func fileStem(_ path: String) -> String {
        let name = SourceFile.fileName(of: path)
        return String(name.lowercased().hasSuffix(".md") ? name.dropLast(3) : name)
    }
}

extension String {
    /// CRLF and lone CR line endings become LF.
    public func replacingCRLF() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.unicodeScalars.append("\n")
                previousCR = true
            } else {
                if !(scalar == "\n" && previousCR) { out.unicodeScalars.append(scalar) }
                previousCR = false
            }
        }
        return out
    }
}
