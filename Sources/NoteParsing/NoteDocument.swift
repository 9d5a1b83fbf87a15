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
        self.blocks = blocks
        self.links = links
        self.paragraphs = paragraphs
        self.diagnostics = diagnostics
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
