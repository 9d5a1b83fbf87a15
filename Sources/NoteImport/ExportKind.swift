import Foundation
import NoteParsing

/// Which page shape an export has, told from its content (file names carry no kind).
enum ExportKind: Equatable {
    case atomFeed
    case inquiringLine
    case note
    case hub
    case paper
    case unknown

    static func detect(_ text: String) -> ExportKind {
        let head = text.prefix(2000).trimmingWhitespace()
        if head.hasPrefix("<?xml") || head.hasPrefix("<feed") { return .atomFeed }
        let export = ExportText(text)
        let nonBlank = export.lines.filter { !$0.trimmingWhitespace().isEmpty }
        guard let first = nonBlank.first else { return .unknown }
        if first == "INQUIRING LINE" { return .inquiringLine }
        if first == "SYNTHESIS NOTE" { return .note }
        if first.hasPrefix("←") && first.contains("All notes") { return .hub }
        for line in nonBlank {
            if NoteMetadataLine(line) != nil { return .note }
            if line.hasPrefix("Topic Hub · ") { return .hub }
            if line.hasPrefix("Paper · arXiv ") { return .paper }
            if InquiringLineParser.sourcesCount(line) != nil || line == "Next inquiring lines" { return .inquiringLine }
        }
        if nonBlank.count > 2 && nonBlank[1] == "Abstract" { return .paper }
        // A question as title with prose after it: an inquiring line whose export was cut before its Sources.
        if first.hasSuffix("?") && nonBlank.count > 1 { return .inquiringLine }
        return .unknown
    }
}

/// `Synthesis note · 2025-03-14 · sourced from Linguistics, NLP, NLU`.
struct NoteMetadataLine {
    var type: String
    var date: String
    var collection: String

    init?(_ line: String) {
        let parts = line.components(separatedBy: " · ")
        guard parts.count >= 3, parts[0] == "Synthesis note" || parts[0] == "Note",
              parts[1].count == 10, parts[1].allSatisfy({ $0.isNumber || $0 == "-" }),
              parts[2].hasPrefix("sourced from ") else { return nil }
        type = parts[0]
        date = parts[1]
        // The collection may itself contain " · "? Not seen; commas are common and kept.
        collection = String(parts[2...].joined(separator: " · ").dropFirst("sourced from ".count))
    }
}
