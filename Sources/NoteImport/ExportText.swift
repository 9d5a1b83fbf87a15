import NoteParsing

/// The lines of a text export, with helpers the page parsers share. Line numbers are 1-based, for diagnostics.
struct ExportText {
    let lines: [String]

    init(_ text: String) {
        // "\r\n" is one Character in Swift, so CRLF exports must be normalised before splitting on "\n".
        var normalized = text.contains("\r") ? text.replacingCRLF() : text
        if normalized.hasPrefix("\u{FEFF}") { normalized.removeFirst() }
        lines = normalized.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var l = Substring(line)
            while let last = l.last, last == "\r" || last == " " || last == "\t" { l = l.dropLast() }
            return String(l)
        }
    }

    func isBlank(_ i: Int) -> Bool {
        lines[i].allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// The index of the next non-blank line at or after `i`.
    func nextNonBlank(from i: Int) -> Int? {
        var k = i
        while k < lines.count {
            if !isBlank(k) { return k }
            k += 1
        }
        return nil
    }

    /// Groups lines `range` into paragraphs: blank lines separate them; when the range has no blank line at all
    /// (exports with single-newline paragraphs), every line is its own paragraph. List items always stand alone.
    func paragraphs(_ range: Range<Int>) -> [String] {
        let hasBlank = range.contains { isBlank($0) }
        var result: [String] = []
        var current: [String] = []
        func flush() {
            if !current.isEmpty { result.append(current.joined(separator: " ")) }
            current = []
        }
        for i in range {
            if isBlank(i) {
                flush()
                continue
            }
            let trimmed = lines[i].trimmingWhitespace()
            if !hasBlank || ExportText.isListItem(trimmed) {
                flush()
                current = [trimmed]
                if !hasBlank || ExportText.isListItem(trimmed) { flush() }
            } else {
                current.append(trimmed)
            }
        }
        flush()
        return result
    }

    static func isListItem(_ line: String) -> Bool {
        if line.hasPrefix("- ") || line.hasPrefix("• ") || line.hasPrefix("* ") { return true }
        let digits = line.prefix { $0.isNumber }
        return !digits.isEmpty && digits.count <= 3 && line.dropFirst(digits.count).hasPrefix(". ")
    }
}
