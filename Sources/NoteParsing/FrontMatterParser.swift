import Yams

/// Splits a note's text into YAML front matter and body, and reads the known fields with Yams.
///
/// Uses `Yams.compose` (a node tree with positions) rather than `load`, so unquoted dates stay strings and
/// every problem can be reported at its line and column in the note file.
enum FrontMatterParser {
    struct Result {
        var frontMatter: FrontMatter
        /// Lines of the file before the body (front matter and its fences); the body's line 1 is file line `bodyLineOffset + 1`.
        var bodyLineOffset: Int
        var body: Substring
        var titleLocation: SourceLocation?
        var diagnostics: [Diagnostic]
    }

    static func parse(_ text: String, file: String) -> Result {
        var result = Result(frontMatter: FrontMatter(), bodyLineOffset: 0, body: text[...], titleLocation: nil, diagnostics: [])
        // Only "---" followed by a newline opens front matter; a file that is just "---" is an ordinary body.
        guard text.hasPrefix("---\n") else { return result }
        // Find the closing fence: a line that is exactly `---` or `...`.
        var lineNumber = 1
        var yamlStart = text.index(text.startIndex, offsetBy: 4)
        var cursor = yamlStart
        var closing: (yamlEnd: String.Index, bodyStart: String.Index)?
        while cursor < text.endIndex {
            lineNumber += 1
            let lineEnd = text[cursor...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[cursor..<lineEnd]
            if line == "---" || line == "..." {
                closing = (cursor, lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd)
                break
            }
            cursor = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
        }
        guard let closing else {
            result.diagnostics.append(.error(file, at: .start, "front matter opened with '---' is never closed"))
            return result
        }
        result.bodyLineOffset = lineNumber
        result.body = text[closing.bodyStart...]
        if yamlStart > closing.yamlEnd { yamlStart = closing.yamlEnd }
        let yaml = text[yamlStart..<closing.yamlEnd]
        if let entries = FlatFrontMatter.entries(yaml) {
            read(entries, into: &result, file: file)
            return result
        }
        switch yamsEntries(String(yaml)) {
        case .success(let entries): read(entries, into: &result, file: file)
        case .failure(let problem): result.diagnostics.append(problem.located(in: file))
        }
        return result
    }

    /// The mapping's entries as Yams reads them, or the problem (with an empty file name) where it is not one.
    static func yamsEntries(_ yaml: String) -> Swift.Result<[FlatFrontMatter.Entry], YAMLProblem> {
        let node: Yams.Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            return .failure(yamlProblem(error))
        } catch {
            return .failure(YAMLProblem(location: SourceLocation(line: 2, column: 1), message: "front matter: \(error)"))
        }
        guard let node else { return .success([]) }
        guard case .mapping(let mapping) = node else {
            return .failure(YAMLProblem(location: location(of: node), message: "front matter must be a mapping of keys to values"))
        }
        return .success(mapping.compactMap { keyNode, value in
            keyNode.scalar.map { FlatFrontMatter.Entry(key: $0.string, value: FlatFrontMatter.Value(value), location: location(of: value)) }
        })
    }

    /// A front matter error before the file is known.
    struct YAMLProblem: Error {
        var location: SourceLocation
        var message: String
        func located(in file: String) -> Diagnostic { .error(file, at: location, message) }
    }

    /// Front matter lines start at file line 2 (after the opening fence).
    private static func location(of node: Yams.Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(line: 2, column: 1) }
        return SourceLocation(line: mark.line + 1, column: mark.column)
    }

    private static func yamlProblem(_ error: YamlError) -> YAMLProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return YAMLProblem(location: SourceLocation(line: mark.line + 1, column: mark.column), message: "front matter: \(problem)")
        default:
            return YAMLProblem(location: SourceLocation(line: 2, column: 1), message: "front matter: \(error)")
        }
    }

    private static func read(_ entries: [FlatFrontMatter.Entry], into result: inout Result, file: String) {
        var fm = FrontMatter()
        for entry in entries {
            let key = entry.key, value = entry.value, at = entry.location
            func string() -> String? {
                guard case .scalar(let s) = value else {
                    result.diagnostics.append(.warning(file, at: at, "front matter '\(key)' should be a single value; ignored"))
                    return nil
                }
                return s
            }
            switch key.lowercased() {
            case "title":
                fm.title = string()?.trimmingWhitespace()
                result.titleLocation = at
            case "kind", "type":
                guard let raw = string() else { break }
                if let kind = NoteKind(rawValue: raw.lowercased()) {
                    fm.kind = kind
                } else {
                    let known = NoteKind.allCases.map(\.rawValue).joined(separator: ", ")
                    result.diagnostics.append(.error(file, at: at, "unknown kind '\(raw)'; expected one of \(known)"))
                }
            case "aliases", "alias": fm.aliases = list(value)
            case "tags", "tag": fm.tags = list(value).map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
            case "date": fm.date = string()
            case "collection": fm.collection = string()
            case "categories", "category": fm.categories = list(value)
            case "arxiv": fm.arxiv = string()
            case "source": fm.source = string()
            case "origin": fm.origin = string()
            case "summary", "description": fm.summary = string()
            case "slug": fm.slug = string()
            default:
                if case .scalar(let s) = value { fm.extra[key] = s }
            }
        }
        result.frontMatter = fm
    }

    /// A list field accepts a sequence or a single (optionally comma-separated, for tags) scalar, as Obsidian does.
    private static func list(_ value: FlatFrontMatter.Value) -> [String] {
        switch value {
        case .scalar(let scalar):
            let s = scalar.trimmingWhitespace()
            return s.isEmpty ? [] : [s]
        case .sequence(let items):
            return items.compactMap { $0?.trimmingWhitespace() }.filter { !$0.isEmpty }
        case .other:
            return []
        }
    }
}

extension FlatFrontMatter.Value {
    /// What the field readers need of a Yams node: a scalar's text, a sequence's scalar items, or neither.
    init(_ node: Yams.Node) {
        switch node {
        case .scalar(let scalar): self = .scalar(scalar.string)
        case .sequence(let seq): self = .sequence(seq.map { if case .scalar(let s) = $0 { s.string } else { nil } })
        default: self = .other
        }
    }
}
