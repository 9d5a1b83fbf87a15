/// Turns cmark's raw tree into the note's `Block` tree: finds `[[wikilinks]]` in text, numbers every link to
/// another note, gives headings unique anchors, and collects paragraphs as sentences, so that every link
/// carries the sentence that cites it.
struct NoteBodyBuilder {
    private let file: String
    private let lineOffset: Int
    private let source: SourceIndex
    private(set) var links: [NoteLink] = []
    private(set) var paragraphs: [TextParagraph] = []
    private var section: String?
    private var usedAnchors: [String: Int] = [:]
    /// Byte offset in the body after the last located link, so repeated links are located in order.
    private var searchCursor = 0

    init(file: String, body: Substring, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
        self.source = SourceIndex(body)
    }

    mutating func blocks(_ raw: [RawBlock]) -> [Block] {
        raw.map { block($0) }
    }

    private func fileLocation(_ loc: SourceLocation) -> SourceLocation {
        SourceLocation(line: loc.line + lineOffset, column: loc.column)
    }

    private mutating func block(_ raw: RawBlock) -> Block {
        switch raw {
        case .paragraph(let inlines, let loc):
            let converted = textBlock(inlines, at: loc)
            return .paragraph(converted, fileLocation(loc))
        case .heading(let level, let inlines, let loc):
            let converted = textBlock(inlines, at: loc, isHeading: true)
            let text = converted.plainText.trimmingWhitespace()
            section = text
            return .heading(level: level, converted, anchor: anchor(for: text), fileLocation(loc))
        case .blockQuote(let children):
            return .blockQuote(blocks(children))
        case .list(let ordered, let start, let tight, let items):
            return .list(ordered: ordered, start: start, tight: tight, items: items.map { ListItem(blocks: blocks($0.blocks), checked: $0.checked) })
        case .codeBlock(let info, let code):
            return .codeBlock(info: info, code: code)
        case .htmlBlock(let html):
            return .htmlBlock(html)
        case .thematicBreak:
            return .thematicBreak
        case .table(let alignments, let header, let rows, let loc):
            return .table(Table(
                alignments: alignments,
                header: header.map { textBlock($0, at: loc, isHeading: true) },
                rows: rows.map { $0.map { textBlock($0, at: loc, isHeading: true) } }
            ))
        }
    }

    /// Converts one paragraph-like run of inlines, then records its text, sentences and citing sentences.
    private mutating func textBlock(_ raw: [RawInline], at loc: SourceLocation, isHeading: Bool = false) -> [Inline] {
        let firstLink = links.count
        let paragraphStart = source.offset(ofLine: loc.line)
        if searchCursor < paragraphStart { searchCursor = paragraphStart }
        let converted = inlines(raw, paragraphLine: loc.line)
        var collector = TextCollector()
        collector.append(converted)
        let text = collector.text
        let sentences = SentenceSplitter.split(text, protected: collector.spans.map(\.range))
        if firstLink < links.count {
            // Assign each link the sentence that contains it, by walking sentence start offsets.
            let offsets = sentenceRanges(sentences, in: text)
            for span in collector.spans {
                let sentence = offsets.first { $0.range.contains(span.range.lowerBound) }?.sentence ?? text.trimmingWhitespace()
                links[span.linkIndex].sentence = sentence
            }
        }
        if !isHeading, !text.trimmingWhitespace().isEmpty {
            paragraphs.append(TextParagraph(text: text, sentences: sentences, section: section, location: fileLocation(loc)))
        }
        return converted
    }

    private func sentenceRanges(_ sentences: [String], in text: String) -> [(range: Range<Int>, sentence: String)] {
        let bytes = Array(text.utf8)
        var result: [(Range<Int>, String)] = []
        var cursor = 0
        for sentence in sentences {
            let needle = Array(sentence.utf8)
            guard let start = firstIndex(of: needle, in: bytes, from: cursor) else { continue }
            let end = start + needle.count
            result.append((start..<max(end, start + 1), sentence))
            cursor = end
        }
        // Make ranges contiguous so offsets in the whitespace between sentences belong to the next sentence.
        for i in result.indices.dropLast() {
            result[i].0 = result[i].0.lowerBound..<result[i + 1].0.lowerBound
        }
        if let last = result.indices.last { result[last].0 = result[last].0.lowerBound..<Int.max }
        if let first = result.indices.first { result[first].0 = 0..<result[first].0.upperBound }
        return result
    }

    private mutating func inlines(_ raw: [RawInline], paragraphLine: Int) -> [Inline] {
        var result: [Inline] = []
        var pendingText = ""
        func flush(_ result: inout [Inline], _ builder: inout NoteBodyBuilder) {
            guard !pendingText.isEmpty else { return }
            builder.splitWikilinks(pendingText, into: &result, paragraphLine: paragraphLine)
            pendingText = ""
        }
        for inline in raw {
            switch inline {
            case .text(let s):
                // cmark splits text at every `[`; merge runs so `[[Title]]` can be seen whole.
                pendingText += s
                continue
            default:
                break
            }
            flush(&result, &self)
            switch inline {
            case .text: break
            case .emphasis(let c): result.append(.emphasis(inlines(c, paragraphLine: paragraphLine)))
            case .strong(let c): result.append(.strong(inlines(c, paragraphLine: paragraphLine)))
            case .strikethrough(let c): result.append(.strikethrough(inlines(c, paragraphLine: paragraphLine)))
            case .code(let s): result.append(.code(s))
            case .html(let s): result.append(.html(s))
            case .softBreak: result.append(.softBreak)
            case .lineBreak: result.append(.lineBreak)
            case .image(let src, let title, let alt):
                result.append(.image(source: src, title: title, alt: inlines(alt, paragraphLine: paragraphLine)))
            case .link(let destination, let title, let children):
                let label = inlines(children, paragraphLine: paragraphLine)
                var index: Int?
                if let (path, fragment) = NoteBodyBuilder.notePath(destination) {
                    index = links.count
                    let location = locate("](", paragraphLine: paragraphLine)
                    links.append(NoteLink(target: .path(path), fragment: fragment, label: label.plainText, sentence: "", section: section, location: location))
                }
                result.append(.link(destination: destination, title: title, label, linkIndex: index))
            }
        }
        flush(&result, &self)
        return result.exactlySized()
    }

    /// Finds `[[target#heading|label]]` (and `![[…]]` embeds, shown as links) inside a run of text.
    private mutating func splitWikilinks(_ text: String, into result: inout [Inline], paragraphLine: Int) {
        var rest = text[...]
        while let open = rest.firstRange(ofPair: "["), let close = rest[open.upperBound...].firstRange(ofPair: "]") {
            let inner = rest[open.upperBound..<close.lowerBound]
            if inner.utf8.contains(UInt8(ascii: "[")) || inner.utf8.contains(UInt8(ascii: "\n")) || inner.trimmingWhitespace().isEmpty {
                result.appendText(String(rest[..<close.upperBound]))
                rest = rest[close.upperBound...]
                continue
            }
            var before = rest[..<open.lowerBound]
            if before.hasSuffix("!") { before = before.dropLast() }
            result.appendText(String(before))
            let parts = WikilinkParts(String(inner))
            let location = locate("[[" + inner, paragraphLine: paragraphLine)
            let index = links.count
            links.append(NoteLink(
                target: .title(parts.target), fragment: parts.heading, label: parts.label ?? parts.target,
                sentence: "", section: section, location: location
            ))
            result.append(.wikilink(target: parts.target, heading: parts.heading, label: parts.label, linkIndex: index))
            rest = rest[close.upperBound...]
        }
        result.appendText(String(rest))
    }

    /// Locates `needle` in the body at or after the previous link, falling back to the paragraph's line.
    private mutating func locate(_ needle: String, paragraphLine: Int) -> SourceLocation {
        if let offset = source.find(needle, from: searchCursor) {
            searchCursor = offset + 1
            return fileLocation(source.location(ofOffset: offset))
        }
        return fileLocation(SourceLocation(line: paragraphLine, column: 1))
    }

    /// A heading anchor, unique within the note (`results`, `results-1`, …).
    private mutating func anchor(for text: String) -> String {
        let base = Slug.anchor(text)
        let n = usedAnchors[base, default: 0]
        usedAnchors[base] = n + 1
        return n == 0 ? base : "\(base)-\(n)"
    }

    /// A relative link to a Markdown file is a note link: `other.md`, `../papers/x.md#results`, percent-encoded or not.
    static func notePath(_ destination: String) -> (String, String?)? {
        let trimmed = destination.trimmingWhitespace()
        if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("/") || trimmed.hasPrefix("//") { return nil }
        if let colon = trimmed.firstIndex(of: ":"), !trimmed[..<colon].contains("/") { return nil }  // has a scheme
        var path = trimmed
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...]).removingPercentEncoding()
            path = String(path[..<hash])
        }
        path = path.removingPercentEncoding()
        guard path.lowercased().hasSuffix(".md") else { return nil }
        return (path, fragment)
    }
}

/// The parts of a wikilink's inside: `Target#Heading|Label`.
struct WikilinkParts {
    var target: String
    var heading: String?
    var label: String?

    init(_ inner: String) {
        var targetPart = inner[...]
        // `|` and `#` found on the UTF-8 bytes (ASCII never occurs inside another scalar); the Character search
        // this replaces walked grapheme clusters for every wikilink of the corpus.
        if let bar = inner.utf8.firstIndex(of: UInt8(ascii: "|")) {
            targetPart = inner[..<bar]
            let l = inner[inner.utf8.index(after: bar)...].trimmingWhitespace()
            label = l.isEmpty ? nil : l
        }
        if let hash = targetPart.utf8.firstIndex(of: UInt8(ascii: "#")) {
            let h = targetPart[targetPart.utf8.index(after: hash)...].trimmingWhitespace()
            heading = h.isEmpty ? nil : h
            targetPart = targetPart[..<hash]
        }
        // Obsidian escapes the bar inside tables as `\|`; the backslash is not part of the title.
        var t = String(targetPart).trimmingWhitespace()
        if t.hasSuffix("\\") { t.removeLast() }
        target = t
    }
}

/// Plain text of inlines with the byte span each note link occupies, for sentence splitting.
struct TextCollector {
    struct Span {
        var linkIndex: Int
        var range: Range<Int>
    }

    private(set) var text = ""
    private(set) var spans: [Span] = []

    mutating func append(_ inlines: [Inline]) {
        for inline in inlines { append(inline) }
    }

    mutating func append(_ inline: Inline) {
        switch inline {
        case .wikilink(_, _, _, let index):
            let start = text.utf8.count
            text += inline.plainText
            spans.append(Span(linkIndex: index, range: start..<text.utf8.count))
        case .link(_, _, let children, let index?):
            let start = text.utf8.count
            append(children)
            spans.append(Span(linkIndex: index, range: start..<text.utf8.count))
        case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c, nil):
            append(c)
        default:
            text += inline.plainText
        }
    }
}

/// Line starts of the body, for turning byte offsets into line:column and finding link text.
struct SourceIndex {
    private let bytes: [UInt8]
    private let lineStarts: [Int]

    init(_ body: Substring) {
        bytes = Array(body.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        lineStarts = starts
    }

    func offset(ofLine line: Int) -> Int {
        let i = min(max(line - 1, 0), lineStarts.count - 1)
        return lineStarts[i]
    }

    func location(ofOffset offset: Int) -> SourceLocation {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return SourceLocation(line: lo + 1, column: offset - lineStarts[lo] + 1)
    }

    func find(_ needle: String, from start: Int) -> Int? {
        firstIndex(of: Array(needle.utf8), in: bytes, from: start)
    }
}

/// First occurrence of `needle` in `haystack` at or after `start` (byte search; needles here are short).
func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard let first = needle.first, needle.count <= haystack.count else { return nil }
    var i = max(start, 0)
    let last = haystack.count - needle.count
    while i <= last {
        if haystack[i] == first {
            var j = 1
            while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
            if j == needle.count { return i }
        }
        i += 1
    }
    return nil
}

extension Substring {
    /// The first occurrence of `c` twice in a row (`[[`, `]]`), found without Foundation's slower `range(of:)`.
    func firstRange(ofPair c: Character) -> Range<Substring.Index>? {
        // Searched on the UTF-8 bytes: an ASCII byte never occurs inside a multi-byte scalar, and walking
        // Characters (grapheme clusters) over every text run of the corpus was a twentieth of parsing.
        guard let byte = c.asciiValue else { return nil }
        let bytes = utf8
        var i = bytes.startIndex
        while let found = bytes[i...].firstIndex(of: byte) {
            let next = bytes.index(after: found)
            if next < bytes.endIndex, bytes[next] == byte { return found..<bytes.index(after: next) }
            i = next
        }
        return nil
    }
}

extension Array where Element == Inline {
    /// Appends text, merging with a preceding text inline.
    mutating func appendText(_ s: String) {
        guard !s.isEmpty else { return }
        if case .text(let previous)? = last {
            self[count - 1] = .text(previous + s)
        } else {
            append(.text(s))
        }
    }
}

extension String {
    /// Decodes `%XX` escapes (invalid ones are kept as written). Foundation-free so parsing stays light.
    public func removingPercentEncoding() -> String {
        guard contains("%") else { return self }
        var out: [UInt8] = []
        let b = Array(utf8)
        var i = 0
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let h = hex(b[i + 1]), let l = hex(b[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
