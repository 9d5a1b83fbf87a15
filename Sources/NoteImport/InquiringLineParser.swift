import NoteParsing

/// Reads an inquiring-line export: optional `INQUIRING LINE` marker, the question, a framing sentence, prose,
/// `Sources N notes` with title/summary pairs, and `Next inquiring lines`. Exports cut off mid-page keep what
/// they have, with a warning.
enum InquiringLineParser {
    /// `Sources 7 notes` → 7.
    static func sourcesCount(_ line: String) -> Int? {
        let parts = line.split(separator: " ")
        guard parts.count == 3, parts[0] == "Sources", parts[2] == "notes" || parts[2] == "note", let n = Int(parts[1]) else { return nil }
        return n
    }

    static func parse(_ export: RawExport, knownTitles: Set<String>) -> (ImportedPage, [Diagnostic]) {
        let text = ExportText(export.text)
        var diagnostics: [Diagnostic] = []
        var i = text.nextNonBlank(from: 0) ?? 0
        if text.lines.indices.contains(i), text.lines[i] == "INQUIRING LINE" { i = text.nextNonBlank(from: i + 1) ?? i }
        let title = text.lines.indices.contains(i) ? text.lines[i].trimmingWhitespace() : export.name
        var page = ImportedPage(kind: .inquiry, title: title, exportName: export.name)
        page.source = export.name
        let bodyStart = i + 1
        let sourcesLine = text.lines.indices.first { $0 > i && sourcesCount(text.lines[$0]) != nil }
        let nextLine = text.lines.indices.first { $0 > i && text.lines[$0] == "Next inquiring lines" }
        let bodyEnd = sourcesLine ?? nextLine ?? text.lines.count
        page.paragraphs = text.paragraphs(bodyStart..<bodyEnd)
        if sourcesLine == nil {
            diagnostics.append(.warning(export.name, at: SourceLocation(line: text.lines.count, column: 1), "export ends without a Sources list; it looks cut off, so what was read is kept"))
        }
        if let s = sourcesLine {
            // The first "Next inquiring lines" after the list ends it; one before it does not (found by fuzzing).
            let end = text.lines.indices.first { $0 > s && text.lines[$0] == "Next inquiring lines" } ?? text.lines.count
            page.sources = sourceEntries(text, (s + 1)..<end, knownTitles: knownTitles)
            let declared = sourcesCount(text.lines[s]) ?? 0
            if declared != page.sources.count {
                diagnostics.append(.warning(export.name, at: SourceLocation(line: s + 1, column: 1), "'Sources \(declared) notes' lists \(page.sources.count) entries"))
            }
            if nextLine == nil, let last = page.sources.last, last.summary.isEmpty {
                diagnostics.append(.warning(export.name, at: SourceLocation(line: text.lines.count, column: 1), "the last Sources entry has no summary; the export looks cut off"))
            }
        }
        if let n = nextLine {
            page.next = ((n + 1)..<text.lines.count).map { text.lines[$0].trimmingWhitespace() }.filter { !$0.isEmpty }
        }
        return (page, diagnostics)
    }

    /// Title/summary pairs. A line is a title when it is a known title, or a short question following a summary;
    /// everything else continues the current summary (summaries may wrap over several lines).
    static func sourceEntries(_ text: ExportText, _ range: Range<Int>, knownTitles: Set<String>) -> [(title: String, summary: String)] {
        var entries: [(title: String, summary: String)] = []
        for i in range where !text.isBlank(i) {
            let line = text.lines[i].trimmingWhitespace()
            let looksLikeTitle = knownTitles.contains(line) || (line.hasSuffix("?") && line.count <= 250 && !line.dropLast().contains("?"))
            if entries.isEmpty || (looksLikeTitle && !entries[entries.count - 1].summary.isEmpty) {
                entries.append((line, ""))
            } else {
                let s = entries[entries.count - 1].summary
                entries[entries.count - 1].summary = s.isEmpty ? line : s + " " + line
            }
        }
        return entries
    }
}
