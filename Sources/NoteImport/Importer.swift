import Foundation
import NoteParsing

/// Raw exports → notes. Pure: the caller reads the exports and the existing notes' titles, and writes the result.
public enum Importer {
    public static func run(_ exports: [RawExport], existing: [ExistingNote]) -> ImportResult {
        // U+FEFF inside a text (a byte-order mark left mid-file) cannot survive YAML front matter, so a title holding
        // it would read back without it and re-import as a new note: drop it (found by fuzzing).
        let exports = exports.map { e in
            e.text.unicodeScalars.contains("\u{FEFF}")
                ? RawExport(name: e.name, text: String(String.UnicodeScalarView(e.text.unicodeScalars.filter { $0 != "\u{FEFF}" }))) : e
        }
        var diagnostics: [Diagnostic] = []
        var pages: [ImportedPage] = []
        let existingTitles = Set(existing.flatMap { [$0.title] + $0.aliases })

        // Collection names double as category names; gather them first so category lines split on them.
        let collections = Set(exports.flatMap { export in
            ExportText(export.text).lines.prefix(40).compactMap { NoteMetadataLine($0)?.collection }
        }).sorted()

        // 1. Read every export by the shape its content shows.
        for export in exports.sorted(by: { $0.name < $1.name }) {
            switch ExportKind.detect(export.text) {
            case .atomFeed:
                let (feed, d) = AtomFeedParser.parse(export)
                pages += feed
                diagnostics += d
            case .inquiringLine:
                let (page, d) = InquiringLineParser.parse(export, knownTitles: existingTitles)
                pages.append(page)
                diagnostics += d
            case .note:
                let (page, d) = SynthesisNoteParser.parse(export, collections: collections)
                pages.append(page)
                diagnostics += d
            case .hub:
                let (page, d) = TopicHubParser.parse(export)
                pages.append(page)
                diagnostics += d
            case .paper:
                let (page, d) = PaperPageParser.parse(export)
                pages.append(page)
                diagnostics += d
            case .unknown:
                diagnostics.append(.warning(export.name, "not a recognised export (inquiring line, note, topic hub, paper page or Atom feed); skipped"))
            }
        }

        // 2. Sources entries with no fuller page become notes of their own (refreshing earlier such notes).
        let fullExisting = existing.filter { $0.origin != "sources-list" }.flatMap { [$0.title] + $0.aliases }
        var fullTitles = Set(fullExisting).union(pages.map(\.title))
        for page in pages where page.kind == .inquiry {
            for entry in page.sources where !fullTitles.contains(entry.title) {
                var stub = ImportedPage(kind: .note, title: entry.title, exportName: page.exportName)
                stub.summary = entry.summary
                stub.origin = "sources-list"
                stub.source = page.exportName
                pages.append(stub)
                fullTitles.insert(entry.title)
            }
        }

        // 3. One automaton over every title the corpus will have; then link citations in all prose.
        let titles = fullTitles.union(existingTitles).union(pages.flatMap { $0.sections.flatMap { $0.entries.map(\.title) } }).sorted()
        let matcher = TitleMatcher(titles: titles)
        for i in pages.indices where pages[i].bigQuestionsLine != nil {
            SynthesisNoteParser.resolveBigQuestions(&pages[i], matcher: matcher)
        }

        // 4. Paths: `<kind>/<slug>.md`, ties broken by title then export name.
        let ordered = pages.indices.sorted { (pages[$0].title, pages[$0].exportName) < (pages[$1].title, pages[$1].exportName) }
        var usedPaths = Set(existing.map(\.path))
        // Re-import updates notes in place: each title's existing paths, "x.md" before "x-2.md", are reused in
        // the same order the pages are assigned, so same-titled pages keep their files.
        var existingPaths: [String: [String]] = [:]
        for note in existing.sorted(by: { ($0.path.dropLast(3), $0.path) < ($1.path.dropLast(3), $1.path) }) {
            existingPaths[note.title, default: []].append(note.path)
        }
        var notes: [ImportedNote] = []
        for i in ordered {
            let page = pages[i]
            var path: String
            if let index = existingPaths[page.title]?.firstIndex(where: { $0.hasPrefix(page.kind.rawValue + "/") }) {
                path = existingPaths[page.title]!.remove(at: index)
            } else {
                let base = "\(page.kind.rawValue)/\(Slug.make(page.title))"
                path = base + ".md"
                var n = 2
                while usedPaths.contains(path) {
                    path = "\(base)-\(n).md"
                    n += 1
                }
            }
            usedPaths.insert(path)
            let markdown = NoteWriter.markdown(page) { text in
                let linked = CitationLinker.link(text, matcher: matcher, excluding: page.title)
                return page.kind == .note ? CitationLinker.linkCuedQuestions(linked, excluding: page.title) : linked
            }
            notes.append(ImportedNote(path: path, title: page.title, kind: page.kind, markdown: markdown))
        }
        return ImportResult(notes: notes.sorted { $0.path < $1.path }, diagnostics: diagnostics.sorted())
    }

    /// What to do with a note about to be written, given the file already at its path (nil: none).
    public static func decide(existing: String?, new: String, force: Bool) -> WriteDecision {
        guard let existing else { return .create }
        if existing == new { return .unchanged }
        if force { return .update }
        guard let recorded = ImportHash.recorded(in: existing), ImportHash.of(recorded.unsigned) == recorded.hash else {
            return .keepEdited
        }
        return .update
    }
}

/// Replaces every known title in prose with a `[[wikilink]]` to it (a page's own title stays text); in notes,
/// also questions that the note's own citation phrasing marks as titles of pages not in the corpus.
enum CitationLinker {
    static func link(_ text: String, matcher: TitleMatcher, excluding own: String) -> String {
        let matches = matcher.matches(in: text)
        guard !matches.isEmpty else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var cursor = 0
        for m in matches {
            let title = matcher.titles[m.title]
            guard title != own else { continue }
            out += bytes[cursor..<m.range.lowerBound]
            out += Array("[[\(NoteWriter.wikilinkTarget(title))]]".utf8)
            cursor = m.range.upperBound
        }
        out += bytes[cursor...]
        return String(decoding: out, as: UTF8.self)
    }

    /// Notes cite with fixed phrasing — `See T for …`, `This extends T with …`, `Connections: T1, T2` — so a question
    /// in those places is a title even when no page has it (yet): it becomes a link that stays unresolved, reported
    /// as such, rather than silently plain text. Rhetorical questions never stand in these places.
    static func linkCuedQuestions(_ text: String, excluding own: String) -> String {
        var out = text
        if let range = out.range(of: "Connections: ") {
            let items = out[range.upperBound...].components(separatedBy: ", ")
            var rebuilt: [String] = []
            for item in items {
                let trimmed = item.trimmingWhitespace()
                rebuilt.append(isCuedTitle(trimmed) && trimmed != own ? "[[\(NoteWriter.wikilinkTarget(trimmed))]]" : item)
            }
            out = String(out[..<range.upperBound]) + rebuilt.joined(separator: ", ")
        }
        for (lead, tail) in [("See ", " for "), ("see ", " for "), ("This extends ", " with ")] {
            var searchStart = out.startIndex
            while let leadRange = out.range(of: lead, range: searchStart..<out.endIndex) {
                searchStart = leadRange.upperBound
                guard let question = out[leadRange.upperBound...].firstIndex(of: "?") else { break }
                let candidate = String(out[leadRange.upperBound...question])
                let after = out.index(after: question)
                guard out[after...].hasPrefix(tail), isCuedTitle(candidate), candidate != own else { continue }
                out.replaceSubrange(leadRange.upperBound...question, with: "[[\(NoteWriter.wikilinkTarget(candidate))]]")
                searchStart = out.startIndex
            }
        }
        return out
    }

    /// A plausible title: a capitalised question of 4–40 words, not already a link.
    static func isCuedTitle(_ s: String) -> Bool {
        guard s.hasSuffix("?"), let first = s.first, first.isUppercase, !s.contains("[["), !s.contains("]]") else { return false }
        let words = s.split(separator: " ").count
        return words >= 4 && words <= 40 && !s.dropLast().contains("?")
    }
}
