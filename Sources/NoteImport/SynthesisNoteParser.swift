import NoteParsing

/// Reads a note export from either host: optional `SYNTHESIS NOTE` marker, a category line (possibly empty),
/// the title, a subtitle, the metadata line, an optional big-questions line, the body, and page-chrome footers
/// (dropped).
enum SynthesisNoteParser {
    /// Lines that start the page chrome after a note's body.
    static let footerStarts = [
        "Inquiring lines that use this note as a source", "Related concepts in this collection", "Concept map",
        "Open in graph", "Explore the graph", "How to read this",
    ]

    static func isFooter(_ line: String) -> Bool {
        if footerStarts.contains(where: { line.hasPrefix($0) }) { return true }
        // "12 direct connections · 40 in 2-hop network ·medium cluster"
        return line.contains("direct connection") && line.contains("·")
    }

    /// Parses the page; a possible big-questions line is kept in `bigQuestionsLine` until every title of the
    /// import is known (see `resolveBigQuestions`).
    /// `collections` are the collection names of every note in the import: each is also a category name, which
    /// lets category lines split on names that are not in `KnownCategories` yet.
    static func parse(_ export: RawExport, collections: [String] = []) -> (ImportedPage, [Diagnostic]) {
        let text = ExportText(export.text)
        var diagnostics: [Diagnostic] = []
        guard let meta = text.lines.indices.first(where: { NoteMetadataLine(text.lines[$0]) != nil }),
              let metadata = NoteMetadataLine(text.lines[meta]) else {
            diagnostics.append(.warning(export.name, "no metadata line ('Synthesis note · date · sourced from …'); read as a plain note"))
            return (ImportedPage(kind: .note, title: export.name, exportName: export.name), diagnostics)
        }
        // Header: non-blank lines before the metadata line, without the marker.
        var header = (0..<meta).filter { !text.isBlank($0) && text.lines[$0] != "SYNTHESIS NOTE" }
        let titleIndex = header.firstIndex { text.lines[$0].hasSuffix("?") } ?? max(header.count - 2, 0)
        var page = ImportedPage(kind: .note, title: header.isEmpty ? export.name : text.lines[header[titleIndex]].trimmingWhitespace(), exportName: export.name)
        page.source = export.name
        page.date = metadata.date
        page.collection = metadata.collection
        if titleIndex > 0 {
            let categoryLine = header[..<titleIndex].map { text.lines[$0] }.joined(separator: " ")
            let split = KnownCategories.split(categoryLine, extra: collections + [metadata.collection])
            // A remainder that matches no known name is kept whole: nothing is lost, and it still groups notes.
            page.categories = split.names + (split.unknown.map { [$0] } ?? [])
        }
        // No header at all (the metadata line comes first): no subtitle either.
        header = header.isEmpty ? [] : Array(header[(titleIndex + 1)...])
        let subtitle = header.map { text.lines[$0].trimmingWhitespace() }.joined(separator: " ")
        page.summary = subtitle.isEmpty ? nil : subtitle

        var bodyStart = meta + 1
        if let next = text.nextNonBlank(from: meta + 1), text.lines[next].hasSuffix("?") {
            page.bigQuestionsLine = text.lines[next].trimmingWhitespace()
            bodyStart = next + 1
        }
        let footer = (bodyStart..<text.lines.count).first { isFooter(text.lines[$0].trimmingWhitespace()) } ?? text.lines.count
        page.paragraphs = text.paragraphs(bodyStart..<footer)
        return (page, diagnostics)
    }

    /// Decides whether the line under the metadata lists big questions; if not, it goes back into the body.
    static func resolveBigQuestions(_ page: inout ImportedPage, matcher: TitleMatcher) {
        guard let line = page.bigQuestionsLine else { return }
        page.bigQuestionsLine = nil
        let titles = bigQuestions(line, matcher: matcher)
        if titles.isEmpty {
            page.paragraphs.insert(line, at: 0)
        } else {
            page.bigQuestions = titles
        }
    }

    /// A big-questions line is 1–3 question titles run together. Known titles are matched exactly; the rest is
    /// split after each "?". Anything else (a line of prose) is not a big-questions line.
    static func bigQuestions(_ line: String, matcher: TitleMatcher) -> [String] {
        guard line.hasSuffix("?") else { return [] }
        var titles: [String] = []
        let bytes = Array(line.utf8)
        var cursor = 0
        func splitUnknown(_ segment: ArraySlice<UInt8>) {
            let s = String(decoding: segment, as: UTF8.self).trimmingWhitespace()
            guard !s.isEmpty else { return }
            var current = ""
            for c in s {
                current.append(c)
                if c == "?" {
                    titles.append(current.trimmingWhitespace())
                    current = ""
                }
            }
            if !current.trimmingWhitespace().isEmpty { titles.append(current.trimmingWhitespace()) }
        }
        for m in matcher.matches(in: line) {
            splitUnknown(bytes[cursor..<m.range.lowerBound])
            titles.append(matcher.titles[m.title])
            cursor = m.range.upperBound
        }
        splitUnknown(bytes[cursor...])
        // Prose ending in a question is not a list of titles: require every piece to look like a title.
        guard (1...3).contains(titles.count), titles.allSatisfy({ $0.hasSuffix("?") && $0.first?.isUppercase == true && $0.count < 200 }) else { return [] }
        return titles
    }
}
