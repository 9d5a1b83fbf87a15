import CCmarkGFM
import Foundation

/// The only code that touches libcmark-gfm: parses Markdown with the GFM extensions, converts the C tree
/// into Swift `RawBlock`/`RawInline` values and frees all C memory before returning.
///
/// Raw HTML is never rendered by cmark here (we do not render with cmark at all); `options` keeps
/// `CMARK_OPT_UNSAFE` off regardless, so the C tree is the safe one.
enum CommonMarkConverter {
    /// Parser options: default (safe) plus UTF-8 validation. Tests assert `CMARK_OPT_UNSAFE` is not set.
    static let options: Int32 = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FOOTNOTES

    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    /// `cmark_gfm_core_extensions_ensure_registered` mutates a global registry; a lazy static runs it once, thread-safely.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Serialises the inline phase of cmark parsing (`cmark_parser_finish`). libcmark-gfm 0.29 keeps the inline
    /// parser's table of special characters in one process-wide global that every parse's inline phase fills with
    /// its extensions' characters when it starts and clears when it ends (github/cmark-gfm#176), so two inline
    /// phases at once can miss strikethrough or autolinks (measured: the benchmark's 2-thread HTML differed from the
    /// 1-thread HTML). Block parsing (`cmark_parser_feed`) never reads that table and runs on every core, as does
    /// converting the finished tree to Swift values, most of the work here.
    private static let inlinePhaseLock = NSLock()

    /// Parses `markdown` (the body, without front matter) into raw blocks. Safe to call from several threads.
    static func convert(_ markdown: Substring) -> [RawBlock] {
        _ = registered
        var text = String(markdown)
        guard let parser = cmark_parser_new(options) else { return [] }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let document = inlinePhaseLock.withLock({ cmark_parser_finish(parser) }) else { return [] }
        defer { cmark_node_free(document) }
        return children(of: document).compactMap(block)
    }

    private static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let c = child {
            result.append(c)
            child = cmark_node_next(c)
        }
        return result
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func typeString(_ node: OpaquePointer) -> String {
        string(cmark_node_get_type_string(node))
    }

    private static func location(_ node: OpaquePointer) -> SourceLocation {
        SourceLocation(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
    }

    private static func block(_ node: OpaquePointer) -> RawBlock? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(inlines(of: node), location(node))
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), inlines(of: node), location(node))
        case CMARK_NODE_BLOCK_QUOTE:
            return .blockQuote(children(of: node).compactMap(block))
        case CMARK_NODE_LIST:
            let items = children(of: node).map { item -> RawListItem in
                let checked: Bool? = typeString(item) == "tasklist"
                    ? cmark_gfm_extensions_get_tasklist_item_checked(item) : nil
                return RawListItem(blocks: children(of: item).compactMap(block), checked: checked)
            }
            return .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0,
                items: items
            )
        case CMARK_NODE_CODE_BLOCK:
            return .codeBlock(info: string(cmark_node_get_fence_info(node)), code: string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_BLOCK:
            return .htmlBlock(string(cmark_node_get_literal(node)))
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak
        case CMARK_NODE_FOOTNOTE_DEFINITION:
            return .blockQuote(children(of: node).compactMap(block))
        default:
            if typeString(node) == "table" { return table(node) }
            // Unknown extension blocks keep their text rather than vanish.
            let blocks = children(of: node).compactMap(block)
            return blocks.isEmpty ? nil : .blockQuote(blocks)
        }
    }

    private static func table(_ node: OpaquePointer) -> RawBlock {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [Table.Alignment] = []
        if let raw = cmark_gfm_extensions_get_table_alignments(node) {
            for i in 0..<columns {
                switch UInt8(raw[i]) {
                case UInt8(ascii: "l"): alignments.append(.left)
                case UInt8(ascii: "c"): alignments.append(.center)
                case UInt8(ascii: "r"): alignments.append(.right)
                default: alignments.append(.none)
                }
            }
        }
        var header: [[RawInline]] = []
        var rows: [[[RawInline]]] = []
        for row in children(of: node) {
            let cells = children(of: row).map { inlines(of: $0) }
            if cmark_gfm_extensions_get_table_row_is_header(row) != 0 {
                header = cells
            } else {
                rows.append(cells)
            }
        }
        return .table(alignments: alignments, header: header, rows: rows, location(node))
    }

    private static func inlines(of node: OpaquePointer) -> [RawInline] {
        children(of: node).compactMap(inline)
    }

    private static func inline(_ node: OpaquePointer) -> RawInline? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE: return .html(string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH: return .emphasis(inlines(of: node))
        case CMARK_NODE_STRONG: return .strong(inlines(of: node))
        case CMARK_NODE_LINK:
            return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)), inlines(of: node))
        case CMARK_NODE_IMAGE:
            return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)), alt: inlines(of: node))
        case CMARK_NODE_FOOTNOTE_REFERENCE:
            return .text("[^" + string(cmark_node_get_literal(node)) + "]")
        default:
            if typeString(node) == "strikethrough" { return .strikethrough(inlines(of: node)) }
            let children = inlines(of: node)
            return children.isEmpty ? .text(string(cmark_node_get_literal(node))) : .emphasis(children)
        }
    }
}

/// cmark's tree as Swift values, before wikilinks are found and links are numbered (see `NoteBodyBuilder`).
indirect enum RawBlock {
    case paragraph([RawInline], SourceLocation)
    case heading(level: Int, [RawInline], SourceLocation)
    case blockQuote([RawBlock])
    case list(ordered: Bool, start: Int, tight: Bool, items: [RawListItem])
    case codeBlock(info: String, code: String)
    case htmlBlock(String)
    case thematicBreak
    case table(alignments: [Table.Alignment], header: [[RawInline]], rows: [[[RawInline]]], SourceLocation)
}

struct RawListItem {
    var blocks: [RawBlock]
    var checked: Bool?
}

indirect enum RawInline {
    case text(String)
    case emphasis([RawInline])
    case strong([RawInline])
    case strikethrough([RawInline])
    case code(String)
    case link(destination: String, title: String, [RawInline])
    case image(source: String, title: String, alt: [RawInline])
    case html(String)
    case softBreak
    case lineBreak
}
