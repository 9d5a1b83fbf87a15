/// The Markdown of a note body as plain Swift values, converted from cmark-gfm's C tree.
///
/// The C tree is freed before parsing returns, so these values can cross threads and outlive the parser.
/// Raw HTML from the source is kept only as text (`.htmlBlock`, `.html`): renderers escape it, never pass it through.
public indirect enum Block: Sendable, Hashable {
    case paragraph([Inline], SourceLocation)
    case heading(level: Int, [Inline], anchor: String, SourceLocation)
    case blockQuote([Block])
    case list(ordered: Bool, start: Int, tight: Bool, items: [ListItem])
    case codeBlock(info: String, code: String)
    case htmlBlock(String)
    case thematicBreak
    case table(Table)
}

/// One item of a list; `checked` is non-nil for GFM task-list items.
public struct ListItem: Sendable, Hashable {
    public var blocks: [Block]
    public var checked: Bool?

    public init(blocks: [Block], checked: Bool? = nil) {
        self.blocks = blocks
        self.checked = checked
    }
}

/// A GFM table: a header row, body rows, and per-column alignment.
public struct Table: Sendable, Hashable {
    public enum Alignment: String, Sendable, Hashable {
        case none, left, center, right
    }

    public var alignments: [Alignment]
    public var header: [[Inline]]
    public var rows: [[[Inline]]]

    public init(alignments: [Alignment], header: [[Inline]], rows: [[[Inline]]]) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
    }
}

public indirect enum Inline: Sendable, Hashable {
    case text(String)
    case emphasis([Inline])
    case strong([Inline])
    case strikethrough([Inline])
    case code(String)
    /// A Markdown link `[label](destination "title")`. `linkIndex` points into `NoteDocument.links`
    /// when the destination is another note (a relative `.md` path).
    case link(destination: String, title: String, [Inline], linkIndex: Int?)
    /// An Obsidian link `[[Target#Heading|label]]`; `linkIndex` points into `NoteDocument.links`.
    case wikilink(target: String, heading: String?, label: String?, linkIndex: Int)
    case image(source: String, title: String, alt: [Inline])
    /// Inline raw HTML, kept as text only.
    case html(String)
    case softBreak
    case lineBreak
}

extension Inline {
    /// The text a reader sees for this inline, with links replaced by their labels.
    public var plainText: String {
        switch self {
        case .text(let s), .code(let s), .html(let s): return s
        case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c, _): return c.plainText
        case .wikilink(let target, let heading, let label, _):
            if let label { return label }
            if let heading { return "\(target) › \(heading)" }
            return target
        case .image(_, _, let alt): return alt.plainText
        case .softBreak, .lineBreak: return " "
        }
    }
}

extension Array where Element == Inline {
    /// Concatenated `plainText` of the inlines.
    public var plainText: String { map(\.plainText).joined() }
}
