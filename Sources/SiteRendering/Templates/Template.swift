/// A Mustache template compiled once per build into a flat list of instructions.
///
/// Written here rather than taken from swift-mustache: that renderer resolves every key through dynamic casts
/// (`as? MustacheParent`, `as? MustacheSequence`, …) and escapes `Character` by `Character`; on the 10,000-note
/// benchmark it was 34% of the whole build (htmlEscape alone 17%). This one renders typed `TemplateValue`s into
/// a byte buffer. It supports the Mustache subset notegraph's templates use and documents: variables `{{x}}`,
/// unescaped `{{{x}}}` / `{{& x}}`, dotted names, `{{.}}`, sections, inverted sections, partials `{{> name}}`,
/// comments `{{! …}}`, and the spec's standalone-line rule. Lambdas and delimiter changes are not supported and
/// are reported as template errors.
public struct Template: Sendable {
    enum Instruction: Sendable {
        case literal([UInt8])
        case variable(path: [String], escaped: Bool)
        /// `end` is the index just past the section's closing tag.
        case section(path: [String], inverted: Bool, end: Int)
        case partial(String)
    }

    let instructions: [Instruction]

    /// Compiles `source`; `name` is used in error messages.
    public init(_ source: String, name: String) throws {
        instructions = try TemplateCompiler(source: Array(source.utf8), name: name).compile()
    }
}

/// A template error with its position: `templates/name.mustache:line:col: error: …`.
struct TemplateSyntaxError: Error {
    var name: String
    var line: Int
    var column: Int
    var message: String
}

private struct TemplateCompiler {
    let source: [UInt8]
    let name: String

    private enum Tag {
        case variable([String], escaped: Bool)
        case open([String], inverted: Bool)
        case close([String])
        case partial(String)
        case comment

        var canStandAlone: Bool {
            if case .variable = self { return false }
            return true
        }
    }

    func compile() throws -> [Template.Instruction] {
        var out: [Template.Instruction] = []
        var open: [(path: [String], index: Int, offset: Int)] = []
        var literal: [UInt8] = []
        var i = 0
        var lineStart = 0  // offset of the current line's first byte in `source`
        func flush() {
            if !literal.isEmpty { out.append(.literal(literal)); literal.removeAll(keepingCapacity: true) }
        }
        while i < source.count {
            guard source[i] == UInt8(ascii: "{"), i + 1 < source.count, source[i + 1] == UInt8(ascii: "{") else {
                literal.append(source[i])
                if source[i] == UInt8(ascii: "\n") { lineStart = i + 1 }
                i += 1
                continue
            }
            let tagStart = i
            let (tag, tagEnd) = try readTag(at: i)
            // Standalone: only whitespace around the tag on its line → the whole line (and its newline) goes.
            var next = tagEnd
            if tag.canStandAlone, source[lineStart..<tagStart].allSatisfy(Self.isBlank) {
                var j = tagEnd
                while j < source.count, Self.isBlank(source[j]) { j += 1 }
                if j == source.count || source[j] == UInt8(ascii: "\n") || source[j] == UInt8(ascii: "\r") {
                    literal.removeLast(tagStart - lineStart)
                    if j < source.count, source[j] == UInt8(ascii: "\r") { j += 1 }
                    if j < source.count, source[j] == UInt8(ascii: "\n") { j += 1 }
                    next = j
                }
            }
            flush()
            switch tag {
            case .variable(let path, let escaped): out.append(.variable(path: path, escaped: escaped))
            case .open(let path, let inverted):
                open.append((path, out.count, tagStart))
                out.append(.section(path: path, inverted: inverted, end: -1))
            case .close(let path):
                guard let last = open.popLast() else { throw error(at: tagStart, "closing tag {{/\(path.joined(separator: "."))}} without an opening one") }
                guard last.path == path else {
                    throw error(at: tagStart, "{{/\(path.joined(separator: "."))}} closes {{#\(last.path.joined(separator: "."))}}")
                }
                if case .section(let p, let inverted, _) = out[last.index] { out[last.index] = .section(path: p, inverted: inverted, end: out.count) }
            case .partial(let name): out.append(.partial(name))
            case .comment: break
            }
            i = next
            if next > tagEnd { lineStart = next }
        }
        flush()
        if let unclosed = open.last { throw error(at: unclosed.offset, "{{#\(unclosed.path.joined(separator: "."))}} is never closed") }
        return out
    }

    private func readTag(at start: Int) throws -> (Tag, Int) {
        var i = start + 2
        let triple = i < source.count && source[i] == UInt8(ascii: "{")
        if triple { i += 1 }
        let closing: [UInt8] = triple ? Array("}}}".utf8) : Array("}}".utf8)
        var end = i
        while end + closing.count <= source.count, !source[end..<end + closing.count].elementsEqual(closing) { end += 1 }
        guard end + closing.count <= source.count else { throw error(at: start, "tag is never closed") }
        let inner = String(decoding: source[i..<end], as: UTF8.self).trimmingWhitespace()
        let after = end + closing.count
        if triple { return (.variable(try path(inner, at: start), escaped: false), after) }
        guard let sigil = inner.first else { throw error(at: start, "empty tag") }
        let rest = String(inner.dropFirst()).trimmingWhitespace()
        switch sigil {
        case "#": return (.open(try path(rest, at: start), inverted: false), after)
        case "^": return (.open(try path(rest, at: start), inverted: true), after)
        case "/": return (.close(try path(rest, at: start)), after)
        case ">": return (.partial(rest), after)
        case "!": return (.comment, after)
        case "&": return (.variable(try path(rest, at: start), escaped: false), after)
        case "=": throw error(at: start, "changing delimiters is not supported")
        case "<", "$": throw error(at: start, "template inheritance is not supported")
        default: return (.variable(try path(inner, at: start), escaped: true), after)
        }
    }

    private func path(_ name: String, at offset: Int) throws -> [String] {
        if name == "." { return [] }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !name.isEmpty, !parts.contains(where: \.isEmpty), !name.contains(where: { $0 == " " || $0 == "{" || $0 == "}" }) else {
            throw error(at: offset, "'\(name)' is not a valid name")
        }
        return parts
    }

    private func error(at offset: Int, _ message: String) -> TemplateSyntaxError {
        var line = 1, column = 1
        for byte in source[..<offset] {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return TemplateSyntaxError(name: name, line: line, column: column, message: message)
    }

    private static func isBlank(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
}
