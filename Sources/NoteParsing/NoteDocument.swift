/// A parsed note: metadata, the Markdown tree of its body, the links it makes and its text by paragraph.
public struct NoteDocument: Sendable, Hashable {
    /// Path relative to the notes folder (`/`-separated).
    public var path: String
    public var title: String
    /// Where the title was found (front matter line, or the `# heading`).
    public var titleLocation: SourceLocation
    public var kind: NoteKind
    public var frontMatter: FrontMatter
    /// The body without the front matter and without the `# heading` that gave the title. Decoded anew on every
    /// read once the body is packed (see `packBody`): read it once into a local.
    public var blocks: [Block] {
        get {
            let blocks = body.blocks
            // Checked again where bytes become a tree (see `NoteDocument(reading:)`): renderers index `links` with
            // the tree's link numbers without checking.
            if case .packed = body, !(0...links.count).contains(Inline.linkCountNeeded(in: blocks)) { return [] }
            return blocks
        }
        set { body = .tree(newValue) }
    }
    private var body: Body
    /// Every link to another note, in source order. `Inline.wikilink/.link` refer to these by index.
    public var links: [NoteLink]
    /// Paragraphs and list items as plain text, in source order. Once the document is in an analysed graph only
    /// the first is left, without its sentences (see `dropAnalysisText`).
    public var paragraphs: [TextParagraph]
    /// Problems found while parsing (bad front matter, missing title, …).
    public var diagnostics: [Diagnostic]

    public init(
        path: String, title: String, titleLocation: SourceLocation, kind: NoteKind, frontMatter: FrontMatter,
        blocks: [Block], links: [NoteLink], paragraphs: [TextParagraph], diagnostics: [Diagnostic]
    ) {
        self.path = path
        self.title = title
        self.titleLocation = titleLocation
        self.kind = kind
        self.frontMatter = frontMatter
        self.body = .tree(blocks)
        self.links = links
        self.paragraphs = paragraphs
        self.diagnostics = diagnostics
    }

    /// Keeps the body as its `BinaryWriter` bytes instead of its tree, decoded whenever `blocks` is read. A
    /// document's tree is read a few times in a build (its page, its text for search and term statistics) but was
    /// held through all of it: at 10,000 notes the trees' allocations were 96 MB of the build's peak, the bytes are
    /// 32 MB, and a cold build's peak fell from 290-292 MB to 269-271 MB with no change in its time beyond the
    /// machine's noise.
    public mutating func packBody() {
        guard case .tree = body else { return }
        body = .packed(packedBody)
    }

    /// The body's bytes, as `packBody` keeps them and the parse cache writes them: how many links its tree needs
    /// (`Inline.linkCountNeeded`), then `Block.encode`, by a writer of their own, so that they read back alone.
    var packedBody: [UInt8] {
        switch body {
        case .packed(let bytes):
            return bytes
        case .tree(let blocks):
            var w = BinaryWriter(capacity: 1024)
            w.write(Inline.linkCountNeeded(in: blocks))
            Block.encode(blocks, into: &w)
            // Copied to its exact size: the writer's buffer grows by doubling.
            let written = w.bytes
            return [UInt8](unsafeUninitializedCapacity: written.count) { buffer, count in
                count = buffer.initialize(from: written).1
            }
        }
    }

    /// A document whose body is `packedBody`'s bytes (read from a parse cache: see `NoteDocument(reading:)`).
    init(
        path: String, title: String, titleLocation: SourceLocation, kind: NoteKind, frontMatter: FrontMatter,
        packedBody: [UInt8], links: [NoteLink], paragraphs: [TextParagraph], diagnostics: [Diagnostic]
    ) {
        self.init(path: path, title: title, titleLocation: titleLocation, kind: kind, frontMatter: frontMatter, blocks: [], links: links,
                  paragraphs: paragraphs, diagnostics: diagnostics)
        body = .packed(packedBody)
    }

    /// Whether the body is held as bytes (see `packBody`).
    public var isBodyPacked: Bool {
        if case .packed = body { return true }
        return false
    }

    /// A document's body: its tree, or the tree's bytes. Equal when the trees are.
    private enum Body: Sendable, Hashable {
        case tree([Block])
        case packed([UInt8])

        var blocks: [Block] {
            switch self {
            case .tree(let blocks):
                return blocks
            case .packed(let bytes):
                // Bytes this type wrote from a tree: they decode.
                return bytes.withUnsafeBytes { raw in
                    var r = BinaryReader(raw)
                    guard (try? r.int()) != nil else { return [] }  // the links it needs (see `packedBody`)
                    return (try? Block.decodeAll(&r)) ?? []
                }
            }
        }

        static func == (a: Body, b: Body) -> Bool {
            if case .packed(let x) = a, case .packed(let y) = b { return x == y }
            return a.blocks == b.blocks
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(blocks)
        }
    }

    /// The body as plain text, paragraphs separated by blank lines (for search and term statistics): the text of
    /// `paragraphs`, read again from `blocks`, so that it stays the same when the paragraphs are dropped (see
    /// `dropAnalysisText`).
    public var plainText: String { NoteDocument.plainText(of: blocks) }

    /// `plainText` of a document whose blocks are `blocks`: for reading it from the blocks alone, without a copy of
    /// the document (whose paragraphs analysis frees while the copy would keep them).
    public static func plainText(of blocks: [Block]) -> String {
        var texts: [String] = []
        collectParagraphTexts(blocks, into: &texts)
        return texts.joined(separator: "\n\n")
    }

    /// The text of each paragraph block, in source order, as parsing records it in `paragraphs`: paragraphs inside
    /// lists and quotes too, headings and table cells not, blank ones left out.
    private static func collectParagraphTexts(_ blocks: [Block], into texts: inout [String]) {
        for block in blocks {
            switch block {
            case .paragraph(let inlines, _):
                var collector = TextCollector()
                collector.append(inlines)
                if !collector.text.trimmingWhitespace().isEmpty { texts.append(collector.text) }
            case .blockQuote(let children):
                collectParagraphTexts(children, into: &texts)
            case .list(_, _, _, let items):
                for item in items { collectParagraphTexts(item.blocks, into: &texts) }
            case .heading, .codeBlock, .htmlBlock, .thematicBreak, .table:
                break
            }
        }
    }

    /// Empties the text of every paragraph but the first, which pages show as their description: nothing after
    /// parsing reads the others (analysis reads their sentences; search and term statistics read `plainText`,
    /// which comes from the blocks). At 10,000 notes those texts were 28 MB held through the graph and analysis.
    public mutating func dropUnreadParagraphTexts() {
        for i in paragraphs.indices.dropFirst() { paragraphs[i].text = "" }
    }

    /// Drops what only analysis reads: every paragraph but the first (pages show it as their description), and
    /// the first one's sentences. `plainText` is unchanged, since it reads the blocks. At 10,000 notes the
    /// paragraphs and their sentences were two fifths of what the parsed documents hold.
    public mutating func dropAnalysisText() {
        guard var first = paragraphs.first else { return }
        first.sentences = []
        paragraphs = [first]
    }
}
