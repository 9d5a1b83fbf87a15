/// A parsed note: metadata, the Markdown tree of its body, the links it makes and its text by paragraph.
public struct NoteDocument: Sendable, Hashable {
    /// Path relative to the notes folder (`/`-separated).
    public var path: String
    public var title: String
    /// Where the title was found (front matter line, or the `# heading`).
    public var titleLocation: SourceLocation
    public var kind: NoteKind
    public var frontMatter: FrontMatter
    /// The body without the front matter and without the `# heading` that gave the title.
    public var blocks: [Block]
    /// Every link to another note, in source order. `Inline.wikilink/.link` refer to these by index.
    public var links: [NoteLink]
    /// Paragraphs and list items as plain text, in source order. Their sentences are empty once the document is
    /// in an analysed graph (see `dropSentences`).
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
        self.blocks = blocks
        self.links = links
        self.paragraphs = paragraphs
        self.diagnostics = diagnostics
    }

    /// The body as plain text, paragraphs separated by blank lines (for search and term statistics).
    public var plainText: String {
        paragraphs.map(\.text).joined(separator: "\n\n")
    }

    /// Empties every paragraph's `sentences`, keeping its text: after analysis nothing reads sentences, and at
    /// 10,000 notes they were a tenth of what the parsed documents hold.
    public mutating func dropSentences() {
        for i in paragraphs.indices { paragraphs[i].sentences = [] }
    }
}
