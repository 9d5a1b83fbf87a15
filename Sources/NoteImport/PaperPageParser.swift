import NoteParsing
import Foundation

/// Reads a paper page in either text style:
/// - title, `Abstract`, a one-line summary, the abstract, then `Models citing this paper N`-style footer lines;
/// - mirror style: title, `Paper · arXiv <id> · Published <Month D, YYYY>`, a line of tags glued together, the abstract.
enum PaperPageParser {
    static let footerStarts = [
        "Models citing this paper", "Datasets citing this paper", "Spaces citing this paper", "Collections including this paper",
        "No model linking", "No dataset linking", "No Space linking", "No Collection including",
    ]

    static func parse(_ export: RawExport) -> (ImportedPage, [Diagnostic]) {
        let text = ExportText(export.text)
        var diagnostics: [Diagnostic] = []
        let content = text.lines.indices.filter { !text.isBlank($0) }
        guard let first = content.first else {
            return (ImportedPage(kind: .paper, title: export.name, exportName: export.name), [.warning(export.name, "empty paper page")])
        }
        var page = ImportedPage(kind: .paper, title: LaTeXText.plain(text.lines[first].trimmingWhitespace()), exportName: export.name)
        page.source = export.name
        let footer = content.first { i in footerStarts.contains { text.lines[i].hasPrefix($0) } } ?? text.lines.count
        if let metaIndex = content.first(where: { text.lines[$0].hasPrefix("Paper · arXiv ") }) {
            let parts = text.lines[metaIndex].components(separatedBy: " · ")
            page.arxiv = parts.count > 1 ? String(parts[1].dropFirst("arXiv ".count)) : nil
            if let published = parts.first(where: { $0.hasPrefix("Published ") }) {
                page.date = isoDate(String(published.dropFirst("Published ".count)))
            }
            var bodyStart = metaIndex + 1
            if let tagLine = text.nextNonBlank(from: metaIndex + 1), tagLine < footer, looksLikeTagLine(text.lines[tagLine]) {
                page.tags = splitGluedTags(text.lines[tagLine].trimmingWhitespace())
                bodyStart = tagLine + 1
            }
            // A footer line may come before the body (even be the title): then the body is empty (found by fuzzing).
            page.abstract = text.paragraphs(bodyStart..<max(bodyStart, footer)).map(LaTeXText.plain)
        } else if let abstractIndex = content.first(where: { text.lines[$0] == "Abstract" }) {
            let rest = content.filter { $0 > abstractIndex && $0 < footer }
            if rest.count >= 2 {
                page.summary = LaTeXText.plain(text.lines[rest[0]].trimmingWhitespace())
                page.abstract = text.paragraphs(rest[1]..<footer).map(LaTeXText.plain)
            } else {
                page.abstract = text.paragraphs((abstractIndex + 1)..<max(abstractIndex + 1, footer)).map(LaTeXText.plain)
            }
        } else {
            diagnostics.append(.warning(export.name, at: SourceLocation(line: first + 1, column: 1), "paper page without 'Abstract' or 'Paper · arXiv' line; everything after the title is read as the abstract"))
            page.abstract = text.paragraphs((first + 1)..<max(first + 1, footer)).map(LaTeXText.plain)
        }
        return (page, diagnostics)
    }

    /// A tag line is short, has no sentence punctuation, and does not end with a period.
    static func looksLikeTagLine(_ line: String) -> Bool {
        let l = line.trimmingWhitespace()
        return l.count < 300 && !l.hasSuffix(".") && !l.contains(". ") && l.split(separator: " ").count < 40
    }

    /// Tags glued without separator ("Reinforcement LearningLarge Language Models") split where a lowercase
    /// letter or digit runs into an uppercase one that starts a word ("LoRA" and "GPT" stay whole).
    static func splitGluedTags(_ line: String) -> [String] {
        var tags: [String] = []
        var current = ""
        let chars = Array(line)
        for (i, c) in chars.enumerated() {
            if i > 0, c.isUppercase, chars[i - 1].isLowercase || chars[i - 1].isNumber || chars[i - 1] == ")",
               i + 1 < chars.count, chars[i + 1].isLowercase || chars[i + 1] == " " {
                tags.append(current.trimmingWhitespace())
                current = ""
            }
            current.append(c)
        }
        if !current.trimmingWhitespace().isEmpty { tags.append(current.trimmingWhitespace()) }
        return tags.filter { !$0.isEmpty }
    }

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]

    /// "March 4, 2024" → "2024-03-04"; anything else is kept as written.
    static func isoDate(_ s: String) -> String {
        let parts = s.replacingCommas().split(separator: " ")
        guard parts.count == 3, let month = months.firstIndex(where: { $0.hasPrefix(parts[0].lowercased().prefix(3)) }),
              let day = Int(parts[1]), let year = Int(parts[2]) else { return s }
        return String(format: "%04d-%02d-%02d", year, month + 1, day)
    }
}

extension String {
    func replacingCommas() -> String { String(map { $0 == "," ? " " : $0 }) }
}
