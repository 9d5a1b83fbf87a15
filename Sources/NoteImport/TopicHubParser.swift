import NoteParsing

/// Reads a topic-hub export: `← All notes`, title, description, `Topic Hub · N linked notes · M sections`,
/// `View as`, then sections (`name`, `K notes`) of entries (title, description, `Explore related Read →`).
enum TopicHubParser {
    static func isNotesCount(_ line: String) -> Bool {
        let parts = line.split(separator: " ")
        return parts.count == 2 && Int(parts[0]) != nil && (parts[1] == "notes" || parts[1] == "note")
    }

    static func isChrome(_ line: String) -> Bool {
        line.hasPrefix("←") || line == "View as" || line.hasPrefix("Topic Hub · ") || line.hasPrefix("Explore related")
            || line == "Read →" || line == "List" || line == "Graph"
    }

    static func parse(_ export: RawExport) -> (ImportedPage, [Diagnostic]) {
        let text = ExportText(export.text)
        var diagnostics: [Diagnostic] = []
        let content = text.lines.indices.filter { !text.isBlank($0) }
        var k = 0
        while k < content.count, text.lines[content[k]].hasPrefix("←") { k += 1 }
        let title = k < content.count ? text.lines[content[k]].trimmingWhitespace() : export.name
        var page = ImportedPage(kind: .hub, title: title, exportName: export.name)
        page.source = export.name
        k += 1
        let statsIndex = content.firstIndex { text.lines[$0].hasPrefix("Topic Hub · ") }
        if let statsIndex {
            // The stats line may be the title line itself: then there is no description (found by fuzzing).
            let description = content[min(k, statsIndex)..<statsIndex].map { text.lines[$0].trimmingWhitespace() }.joined(separator: " ")
            page.summary = description.isEmpty ? nil : description
            k = statsIndex + 1
        } else {
            diagnostics.append(.warning(export.name, "no 'Topic Hub · N linked notes' line; sections read from what follows the title"))
        }
        // Sections: a line followed by "K notes".
        var currentEntry: (title: String, description: String)?
        func closeEntry() {
            if let e = currentEntry, !page.sections.isEmpty { page.sections[page.sections.count - 1].entries.append(e) }
            currentEntry = nil
        }
        while k < content.count {
            let line = text.lines[content[k]].trimmingWhitespace()
            if k + 1 < content.count, isNotesCount(text.lines[content[k + 1]].trimmingWhitespace()) {
                closeEntry()
                page.sections.append((line, []))
                k += 2
                continue
            }
            if line.hasPrefix("Explore related") || line == "Read →" {
                closeEntry()
            } else if !isChrome(line) {
                if currentEntry == nil {
                    currentEntry = (line, "")
                } else {
                    let d = currentEntry!.description
                    currentEntry!.description = d.isEmpty ? line : d + " " + line
                }
            }
            k += 1
        }
        closeEntry()
        return (page, diagnostics)
    }
}
