/// `NoteDocument` and its parts as `BinaryWriter` bytes, and back: the parse cache, so that a rebuild decodes the
/// notes that did not change instead of parsing them again. Decoding gives a value equal (`==`) to the one encoded;
/// `NoteDocumentBinaryTests` checks that on every fixture corpus.
///
/// Each type writes its fields in declaration order; enums write a case number first. A new field or case needs a
/// new `ParseCache.formatLine`, so that caches written by older builds are not misread.
extension NoteDocument {
    public func encode(into w: inout BinaryWriter) {
        w.write(path)
        w.write(title)
        titleLocation.encode(into: &w)
        w.write(kind.rawValue)
        frontMatter.encode(into: &w)
        // The body as the bytes a packed document keeps (see `packBody`), so that decoding keeps them as they are
        // instead of making the tree and packing it again.
        let body = packedBody
        body.withUnsafeBufferPointer { body in
            w.write(raw: UnsafeRawBufferPointer(body))
            // The paragraphs before the links: a link's sentence is one of theirs, and is written as a repeat of it.
            // A paragraph's text is usually a string of the body's, written as where it lies in the body's bytes.
            w.write(paragraphs.count)
            var cursor = 0
            for paragraph in paragraphs { paragraph.encode(into: &w, body: body, cursor: &cursor) }
            w.write(links.count)
            var cursors = NoteLink.BodyCursors()
            for link in links { link.encode(into: &w, body: body, cursors: &cursors) }
        }
        w.write(diagnostics.count)
        for diagnostic in diagnostics { diagnostic.encode(into: &w) }
    }

    public init(reading r: inout BinaryReader) throws {
        let path = try r.string()
        let title = try r.string()
        let titleLocation = try SourceLocation(reading: &r)
        guard let kind = NoteKind(rawValue: try r.string()) else { throw BinaryReader.Damaged() }
        let frontMatter = try FrontMatter(reading: &r)
        // Kept packed, not made into a tree: the links its tree needs (written first in it, see `packedBody`) are
        // checked here, since renderers index `links` with the tree's link numbers without checking, and a damaged
        // cache must not make them crash.
        let body = [UInt8](try r.raw())
        let (paragraphs, links) = try body.withUnsafeBufferPointer { body in
            var cursor = 0, cursors = NoteLink.BodyCursors()
            let paragraphs = try r.array { try TextParagraph(reading: &$0, body: body, cursor: &cursor) }
            return (paragraphs, try r.array { try NoteLink(reading: &$0, body: body, cursors: &cursors) })
        }
        let diagnostics = try r.array { try Diagnostic(reading: &$0) }
        let needed = try body.withUnsafeBytes { raw in
            var header = BinaryReader(raw)
            return try header.int()
        }
        guard needed >= 0, needed <= links.count else { throw BinaryReader.Damaged() }
        self.init(path: path, title: title, titleLocation: titleLocation, kind: kind, frontMatter: frontMatter,
                  packedBody: body, links: links, paragraphs: paragraphs, diagnostics: diagnostics)
    }
}

extension SourceLocation {
    func encode(into w: inout BinaryWriter) {
        w.write(line)
        w.write(column)
    }

    init(reading r: inout BinaryReader) throws {
        self.init(line: try r.int(), column: try r.int())
    }
}

extension FrontMatter {
    func encode(into w: inout BinaryWriter) {
        w.write(title)
        w.write(kind?.rawValue)
        w.write(aliases)
        w.write(tags)
        w.write(date)
        w.write(collection)
        w.write(categories)
        w.write(arxiv)
        w.write(source)
        w.write(origin)
        w.write(summary)
        w.write(slug)
        // Sorted, so that equal front matter gives equal bytes.
        let keys = extra.keys.sorted()
        w.write(keys.count)
        for key in keys {
            w.write(key)
            w.write(extra[key]!)
        }
    }

    init(reading r: inout BinaryReader) throws {
        self.init()
        title = try r.optionalString()
        if let kind = try r.optionalString() {
            guard let known = NoteKind(rawValue: kind) else { throw BinaryReader.Damaged() }
            self.kind = known
        }
        aliases = try r.strings()
        tags = try r.strings()
        date = try r.optionalString()
        collection = try r.optionalString()
        categories = try r.strings()
        arxiv = try r.optionalString()
        source = try r.optionalString()
        origin = try r.optionalString()
        summary = try r.optionalString()
        slug = try r.optionalString()
        for _ in 0..<(try r.count()) {
            let key = try r.string()
            extra[key] = try r.string()
        }
    }
}

extension NoteLink {
    /// Where in the document's body bytes (see `NoteDocument.encode`) the next link's target and label are looked
    /// for: links come in the body's order, so each is found at or after the last one's.
    struct BodyCursors {
        var target = 0
        var label = 0
    }

    func encode(into w: inout BinaryWriter, body: UnsafeBufferPointer<UInt8>, cursors: inout BodyCursors) {
        switch target {
        case .title(let title):
            w.write(0)
            w.write(title, sliceOf: body, cursor: &cursors.target)
        case .path(let path):
            w.write(1)
            w.write(path, sliceOf: body, cursor: &cursors.target)
        }
        w.write(fragment)
        w.write(label, sliceOf: body, cursor: &cursors.label)
        w.write(sentence)
        w.write(section)
        location.encode(into: &w)
    }

    init(reading r: inout BinaryReader, body: UnsafeBufferPointer<UInt8>, cursors: inout BodyCursors) throws {
        let target: Target
        switch try r.int() {
        case 0: target = .title(try r.string(sliceOf: body, cursor: &cursors.target))
        case 1: target = .path(try r.string(sliceOf: body, cursor: &cursors.target))
        default: throw BinaryReader.Damaged()
        }
        self.init(target: target, fragment: try r.optionalString(), label: try r.string(sliceOf: body, cursor: &cursors.label), sentence: try r.string(),
                  section: try r.optionalString(), location: try SourceLocation(reading: &r))
    }
}

extension TextParagraph {
    /// `body`: the document's body bytes, where the text is looked for from `cursor` on (see
    /// `BinaryWriter.write(_:sliceOf:cursor:)`).
    func encode(into w: inout BinaryWriter, body: UnsafeBufferPointer<UInt8>, cursor: inout Int) {
        w.write(text, sliceOf: body, cursor: &cursor)
        // Each sentence as where it lies in the text (see `BinaryWriter.write(_:sliceOf:cursor:)`).
        var text = text
        text.withUTF8 { bytes in
            w.write(sentences.count)
            var cursor = 0
            for sentence in sentences { w.write(sentence, sliceOf: bytes, cursor: &cursor) }
        }
        w.write(section)
        location.encode(into: &w)
    }

    init(reading r: inout BinaryReader, body: UnsafeBufferPointer<UInt8>, cursor: inout Int) throws {
        var text = try r.string(sliceOf: body, cursor: &cursor)
        let sentences = try text.withUTF8 { bytes in
            let n = try r.count()
            var sentences: [String] = []
            sentences.reserveCapacity(n)
            var cursor = 0
            for _ in 0..<n { sentences.append(try r.string(sliceOf: bytes, cursor: &cursor)) }
            return sentences
        }
        self.init(text: text, sentences: sentences, section: try r.optionalString(), location: try SourceLocation(reading: &r))
    }
}

extension Diagnostic {
    func encode(into w: inout BinaryWriter) {
        w.write(severity.rawValue)
        w.write(file)
        location.encode(into: &w)
        w.write(message)
    }

    init(reading r: inout BinaryReader) throws {
        guard let severity = Severity(rawValue: try r.string()) else { throw BinaryReader.Damaged() }
        self.init(severity, file: try r.string(), at: try SourceLocation(reading: &r), try r.string())
    }
}

extension Block {
    static func encode(_ blocks: [Block], into w: inout BinaryWriter) {
        w.write(blocks.count)
        for block in blocks { block.encode(into: &w) }
    }

    static func decodeAll(_ r: inout BinaryReader) throws -> [Block] {
        try r.array { try Block(reading: &$0) }
    }

    func encode(into w: inout BinaryWriter) {
        switch self {
        case .paragraph(let inlines, let location):
            w.write(0)
            Inline.encode(inlines, into: &w)
            location.encode(into: &w)
        case .heading(let level, let inlines, let anchor, let location):
            w.write(1)
            w.write(level)
            Inline.encode(inlines, into: &w)
            w.write(anchor)
            location.encode(into: &w)
        case .blockQuote(let blocks):
            w.write(2)
            Block.encode(blocks, into: &w)
        case .list(let ordered, let start, let tight, let items):
            w.write(3)
            w.write(ordered)
            w.write(start)
            w.write(tight)
            w.write(items.count)
            for item in items {
                Block.encode(item.blocks, into: &w)
                w.write(item.checked.map { $0 ? 2 : 1 } ?? 0)
            }
        case .codeBlock(let info, let code):
            w.write(4)
            w.write(info)
            w.write(code)
        case .htmlBlock(let html):
            w.write(5)
            w.write(html)
        case .thematicBreak:
            w.write(6)
        case .table(let table):
            w.write(7)
            w.write(table.alignments.map(\.rawValue))
            w.write(table.header.count)
            for cell in table.header { Inline.encode(cell, into: &w) }
            w.write(table.rows.count)
            for row in table.rows {
                w.write(row.count)
                for cell in row { Inline.encode(cell, into: &w) }
            }
        }
    }

    init(reading r: inout BinaryReader) throws {
        switch try r.int() {
        case 0:
            self = .paragraph(try Inline.decodeAll(&r), try SourceLocation(reading: &r))
        case 1:
            self = .heading(level: try r.int(), try Inline.decodeAll(&r), anchor: try r.string(), try SourceLocation(reading: &r))
        case 2:
            self = .blockQuote(try Block.decodeAll(&r))
        case 3:
            let ordered = try r.bool(), start = try r.int(), tight = try r.bool()
            let items = try r.array { r -> ListItem in
                let blocks = try Block.decodeAll(&r)
                switch try r.int() {
                case 0: return ListItem(blocks: blocks, checked: nil)
                case 1: return ListItem(blocks: blocks, checked: false)
                case 2: return ListItem(blocks: blocks, checked: true)
                default: throw BinaryReader.Damaged()
                }
            }
            self = .list(ordered: ordered, start: start, tight: tight, items: items)
        case 4:
            self = .codeBlock(info: try r.string(), code: try r.string())
        case 5:
            self = .htmlBlock(try r.string())
        case 6:
            self = .thematicBreak
        case 7:
            let alignments = try r.strings().map { name -> Table.Alignment in
                guard let alignment = Table.Alignment(rawValue: name) else { throw BinaryReader.Damaged() }
                return alignment
            }
            let header = try r.array { try Inline.decodeAll(&$0) }
            let rows = try r.array { try $0.array { try Inline.decodeAll(&$0) } }
            self = .table(Table(alignments: alignments, header: header, rows: rows))
        default:
            throw BinaryReader.Damaged()
        }
    }
}

extension Inline {
    /// How many links the links and wikilinks in `blocks` need: one more than the largest number among them (0 when
    /// there is none), or -1 if one is negative.
    static func linkCountNeeded(in blocks: [Block]) -> Int {
        // A negative number is remembered apart: folded into `needed` as a marker, a later link (in a link's text,
        // the next table cell) overwrote it with its own count.
        var needed = 0, negative = false
        func count(_ index: Int) {
            if index < 0 { negative = true } else { needed = max(needed, index + 1) }
        }
        func visit(_ inlines: [Inline]) {
            for inline in inlines {
                switch inline {
                case .link(_, _, let c, let index):
                    if let index { count(index) }
                    visit(c)
                case .wikilink(_, _, _, let index): count(index)
                case .emphasis(let c), .strong(let c), .strikethrough(let c): visit(c)
                case .image(_, _, let alt): visit(alt)
                case .text, .code, .html, .softBreak, .lineBreak: break
                }
            }
        }
        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .paragraph(let inlines, _), .heading(_, let inlines, _, _): visit(inlines)
                case .blockQuote(let blocks): visit(blocks)
                case .list(_, _, _, let items): for item in items { visit(item.blocks) }
                case .table(let table):
                    for cell in table.header { visit(cell) }
                    for row in table.rows { for cell in row { visit(cell) } }
                case .codeBlock, .htmlBlock, .thematicBreak: break
                }
            }
        }
        visit(blocks)
        return negative ? -1 : needed
    }

    static func encode(_ inlines: [Inline], into w: inout BinaryWriter) {
        w.write(inlines.count)
        for inline in inlines { inline.encode(into: &w) }
    }

    static func decodeAll(_ r: inout BinaryReader) throws -> [Inline] {
        try r.array { try Inline(reading: &$0) }
    }

    func encode(into w: inout BinaryWriter) {
        switch self {
        case .text(let s):
            w.write(0)
            w.write(s)
        case .emphasis(let c):
            w.write(1)
            Inline.encode(c, into: &w)
        case .strong(let c):
            w.write(2)
            Inline.encode(c, into: &w)
        case .strikethrough(let c):
            w.write(3)
            Inline.encode(c, into: &w)
        case .code(let s):
            w.write(4)
            w.write(s)
        case .link(let destination, let title, let c, let linkIndex):
            w.write(5)
            w.write(destination)
            w.write(title)
            Inline.encode(c, into: &w)
            w.write(linkIndex.map { $0 + 1 } ?? 0)
        case .wikilink(let target, let heading, let label, let linkIndex):
            w.write(6)
            w.write(target)
            w.write(heading)
            w.write(label)
            w.write(linkIndex)
        case .image(let source, let title, let alt):
            w.write(7)
            w.write(source)
            w.write(title)
            Inline.encode(alt, into: &w)
        case .html(let s):
            w.write(8)
            w.write(s)
        case .softBreak:
            w.write(9)
        case .lineBreak:
            w.write(10)
        }
    }

    init(reading r: inout BinaryReader) throws {
        switch try r.int() {
        case 0: self = .text(try r.string())
        case 1: self = .emphasis(try Inline.decodeAll(&r))
        case 2: self = .strong(try Inline.decodeAll(&r))
        case 3: self = .strikethrough(try Inline.decodeAll(&r))
        case 4: self = .code(try r.string())
        case 5:
            let destination = try r.string(), title = try r.string(), children = try Inline.decodeAll(&r)
            let index = try r.int()
            guard index >= 0 else { throw BinaryReader.Damaged() }
            self = .link(destination: destination, title: title, children, linkIndex: index == 0 ? nil : index - 1)
        case 6: self = .wikilink(target: try r.string(), heading: try r.optionalString(), label: try r.optionalString(), linkIndex: try r.int())
        case 7: self = .image(source: try r.string(), title: try r.string(), alt: try Inline.decodeAll(&r))
        case 8: self = .html(try r.string())
        case 9: self = .softBreak
        case 10: self = .lineBreak
        default: throw BinaryReader.Damaged()
        }
    }
}
