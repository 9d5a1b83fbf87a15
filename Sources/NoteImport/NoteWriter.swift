import NoteParsing

/// Writes an imported page as a note in the project's format (docs/note-format.md): YAML front matter in a
/// fixed key order, then the body with citations as `[[wikilinks]]`. Deterministic: same page, same bytes.
enum NoteWriter {
    static func markdown(_ page: ImportedPage, link: (String) -> String) -> String {
        var fm: [(String, String)] = [("title", quoted(page.title)), ("kind", page.kind.rawValue)]
        if !page.tags.isEmpty { fm.append(("tags", list(page.tags))) }
        if let date = page.date { fm.append(("date", quoted(date))) }
        if let c = page.collection { fm.append(("collection", quoted(c))) }
        if !page.categories.isEmpty { fm.append(("categories", list(page.categories))) }
        if let a = page.arxiv { fm.append(("arxiv", quoted(a))) }
        if let s = page.source { fm.append(("source", quoted(s))) }
        if let o = page.origin { fm.append(("origin", quoted(o))) }
        if let s = page.summary, page.kind != .note || page.origin == nil { fm.append(("summary", quoted(s))) }

        var body: [String] = []
        if !page.bigQuestions.isEmpty {
            body.append("Big questions: " + page.bigQuestions.map { "[[\(wikilinkTarget($0))]]" }.joined(separator: " · "))
        }
        switch page.kind {
        case .paper:
            if !page.abstract.isEmpty {
                body.append("## Abstract")
                body += page.abstract.map { escapeBlockStart(link($0)) }
            }
        case .hub:
            body += page.paragraphs.map { escapeBlockStart(link($0)) }
            for section in page.sections {
                body.append("## " + section.name)
                body.append(section.entries.map { entry in
                    "- [[\(wikilinkTarget(entry.title))]]" + (entry.description.isEmpty ? "" : " — " + link(entry.description))
                }.joined(separator: "\n"))
            }
        default:
            body += page.paragraphs.map { paragraph in
                ExportText.isListItem(paragraph) ? link(paragraph) : escapeBlockStart(link(paragraph))
            }
            if page.origin != nil, let summary = page.summary { body.append(escapeBlockStart(link(summary))) }
            if !page.sources.isEmpty {
                body.append("## Sources")
                body.append(page.sources.map { "- [[\(wikilinkTarget($0.title))]]" + ($0.summary.isEmpty ? "" : " — " + link($0.summary)) }.joined(separator: "\n"))
            }
            if !page.next.isEmpty {
                body.append("## Next inquiring lines")
                body.append(page.next.map { "- [[\(wikilinkTarget($0))]]" }.joined(separator: "\n"))
            }
        }
        let bodyText = body.joined(separator: "\n\n") + "\n"
        let frontMatter = fm.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
        let unsigned = "---\n\(frontMatter)\n---\n\n\(bodyText)"
        return "---\n\(frontMatter)\nimport-hash: \"\(ImportHash.of(unsigned))\"\n---\n\n\(bodyText)"
    }

    /// YAML double-quoted scalar.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 || c.value == 0x7F || (0x80...0x9F).contains(c.value) {
                    let hex = String(c.value, radix: 16)
                    out += "\\x" + (hex.count == 1 ? "0" : "") + hex
                } else if c.value == 0x2028 || c.value == 0x2029 || c.value == 0xFEFF || c.value == 0xFFFE || c.value == 0xFFFF {
                    // YAML reads these as line breaks, drops a byte-order mark, or rejects them, not as themselves
                    // (found by fuzzing and by the hostile corpus).
                    out += "\\u" + String(c.value, radix: 16, uppercase: true)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    static func list(_ items: [String]) -> String {
        "[" + items.map(quoted).joined(separator: ", ") + "]"
    }

    /// Inside `[[…]]`, `|` and `#` have meanings and `]]` would close the link early; they are replaced by
    /// look-alikes so the title still reads the same (such titles are rare).
    static func wikilinkTarget(_ title: String) -> String {
        String(title.map { c -> Character in
            switch c {
            case "|": return "¦"
            case "#": return "♯"
            case "]": return "］"
            case "[": return "［"
            default: return c
            }
        })
    }

    /// A paragraph of prose must not turn into a heading, quote, list or code block by accident.
    static func escapeBlockStart(_ s: String) -> String {
        guard let first = s.first else { return s }
        if "#>=+|".contains(first) || (first == "-" && s.dropFirst().first == " ") || ExportText.isListItem(s) {
            return "\\" + s
        }
        return s
    }
}

/// FNV-1a 64 of a note's text (with its `import-hash` line removed): tells whether a person edited the note
/// since it was imported. Not a security measure.
enum ImportHash {
    static func of(_ text: String) -> String {
        FNV1a.hex(text)
    }

    /// The recorded hash and the text it should match, if the note carries one.
    static func recorded(in text: String) -> (hash: String, unsigned: String)? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.prefix(40).firstIndex(where: { $0.hasPrefix("import-hash: \"") && $0.hasSuffix("\"") }) else { return nil }
        let hash = String(lines[index].dropFirst("import-hash: \"".count).dropLast())
        lines.remove(at: index)
        return (hash, lines.joined(separator: "\n"))
    }
}
