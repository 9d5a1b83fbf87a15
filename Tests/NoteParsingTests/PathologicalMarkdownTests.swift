import NoteParsing
import Testing

/// Every case of cmark's pathological test suite (`test/pathological_tests.py` of cmark-gfm 0.29.0.gfm.13 and, for
/// the cases it lacks, cmark 0.31) at its own size, the inputs behind the 2023 cmark-gfm advisories, and shapes of
/// the GFM extensions, through the real parser. Each note either parses to what cmark's suite expects or is refused
/// with a "note too complex" error (and keeps its page). Which cases are refused is part of the contract: the
/// refused ones take Debian's libcmark-gfm 0.29.0.gfm.6 seconds to minutes, or crash the recursive tree conversion.
///
/// No wall-clock assertions here (the machines are shared): `scripts/pathological-timings.sh` times each case
/// through `notegraph check` / `build`, with peak memory.
@Suite("Pathological Markdown")
struct PathologicalMarkdownTests {
    enum Expected: Sendable {
        case refused
        case parses(@Sendable (NoteDocument) -> Bool)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var body: @Sendable () -> String
        var expected: Expected
        var testDescription: String { name }
    }

    static func r(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }

    // cmark's suite, at its sizes.
    static let cmarkCases: [Case] = [
        Case(name: "nested strong emph", body: { r("*a **a ", 65000) + "b" + r(" a** a*", 65000) }, expected: .refused),
        Case(name: "many emph closers with no openers", body: { r("a_ ", 65000) }, expected: .refused),
        Case(name: "many emph openers with no closers", body: { r("_a ", 65000) }, expected: .refused),
        Case(name: "many link closers with no openers", body: { r("a]", 65000) },
             expected: .parses { doc in doc.links.isEmpty && onlyParagraphText(doc) == r("a]", 65000) }),
        Case(name: "many link openers with no closers", body: { r("[a", 65000) }, expected: .refused),
        Case(name: "mismatched openers and closers", body: { r("*a_ ", 50000) }, expected: .refused),
        Case(name: "issue #389", body: { r("*a ", 20000) + r("_a*_ ", 20000) }, expected: .refused),
        Case(name: "openers and closers multiple of 3", body: { "a**b" + r("c* ", 50000) }, expected: .refused),
        Case(name: "link openers and emph closers", body: { r("[ a_", 50000) }, expected: .refused),
        Case(name: "pattern [ (]( repeated", body: { r("[ (](", 80000) }, expected: .refused),
        Case(name: "pattern ![[]() repeated", body: { r("![[]()", 160000) }, expected: .refused),
        Case(name: "hard link/emph case", body: { "**x [a*b**c*](d)" }, expected: .parses { doc in
            // cmark: **x <a href="d">a<em>b**c</em></a>
            guard case .paragraph(let inlines, _)? = doc.blocks.first, doc.blocks.count == 1 else { return false }
            guard let link = inlines.first(where: { if case .link = $0 { return true } else { return false } }),
                  case .link("d", _, let label, _) = link else { return false }
            let emphasis = label.compactMap { inline -> String? in if case .emphasis(let c) = inline { return c.plainText } else { return nil } }
            return inlines.plainText == "**x ab**c" && label.plainText == "ab**c" && emphasis == ["b**c"]
        }),
        Case(name: "nested brackets", body: { r("[", 50000) + "a" + r("]", 50000) }, expected: .refused),
        Case(name: "nested block quotes", body: { r("> ", 50000) + "a" }, expected: .refused),
        Case(name: "deeply nested lists", body: { (0..<1000).map { r("  ", $0) + "* a\n" }.joined() }, expected: .refused),
        Case(name: "U+0000 in input", body: { "abc\u{0}de\u{0}" },
             expected: .parses { doc in onlyParagraphText(doc) == "abc\u{FFFD}de\u{FFFD}" }),
        // 12.5 MB: over the size cap.
        Case(name: "backticks", body: { (1..<5000).map { "e" + r("`", $0) }.joined() }, expected: .refused),
        Case(name: "unclosed links A", body: { r("[a](<b", 30000) }, expected: .refused),
        Case(name: "unclosed links B", body: { r("[a](b", 30000) }, expected: .refused),
        Case(name: "unclosed <!--", body: { "</" + r("<!--", 300000) }, expected: .parses { doc in
            onlyParagraphText(doc) == "</" + r("<!--", 300000) && !inlines(of: doc).contains { if case .html = $0 { return true } else { return false } }
        }),
        Case(name: "tables", body: { r("aaa\rbbb\n-\u{0B}\n", 30000) }, expected: .parses { doc in
            // cmark: <p>aaa</p> then one table, header "bbb", a row for every following line.
            guard doc.blocks.count == 2, case .paragraph(let p, _) = doc.blocks[0], case .table(let table) = doc.blocks[1] else { return false }
            return p.plainText == "aaa" && table.header.map(\.plainText) == ["bbb"] && table.rows.count >= 3 * 29999
                && table.rows.prefix(3).map { $0.map(\.plainText) } == [["aaa"], ["bbb"], ["-\u{0B}"]]
        }),
        Case(name: "many image openers", body: { r("![p", 100000) + "\n" }, expected: .refused),
        Case(name: "reference collisions", body: { referenceCollisions(50000) }, expected: .parses { doc in
            // cmark: 49,999 paragraphs "[bad key]", none a link (the bad key is never defined).
            let texts = doc.blocks.compactMap { block -> String? in if case .paragraph(let i, _) = block { return i.plainText } else { return nil } }
            return texts.count == 49999 && doc.blocks.count == 49999 && Set(texts).count == 1 && texts[0].hasPrefix("[x") && doc.links.isEmpty
        }),
        // cmark 0.29's (allowed to fail there) at cmark's size: 9.7 MB, over the size cap.
        Case(name: "many references", body: { (1..<(50000 * 16)).map { "[\($0)]: u\n" }.joined() + r("[0] ", 50000) }, expected: .refused),
        Case(name: "empty lines in deeply nested lists", body: { r("- ", 30000) + "x" + r("\n", 30000) }, expected: .refused),
        Case(name: "empty lines in deeply nested lists in blockquote", body: { "> " + r("- ", 30000) + "x\n" + r(">\n", 30000) }, expected: .refused),
        Case(name: "emph in deep blockquote", body: { r(">", 100000) + r("a*", 100000) }, expected: .refused),
        Case(name: "nested inlines", body: { r("*", 20000) + "a" + r("*", 20000) }, expected: .refused),
    ]

    // The issue's own measurements, and the input shapes the 2023 advisories describe (many leading `>` or `-`, long
    // delimiter runs; GHSA-r8vr-c48j-fcc5's fix release notes nested `____bold____`).
    static let advisoryCases: [Case] = [
        Case(name: "30 KB nested list items followed by blank lines", body: { r("- ", 10000) + "x" + r("\n", 10000) }, expected: .refused),
        Case(name: "150 KB nested block-quote emphasis", body: { r(">", 50000) + r("a*", 50000) }, expected: .refused),
        Case(name: "480 KB of ![[]()", body: { r("![[]()", 80000) }, expected: .refused),
        Case(name: "many leading '>' then blank lines", body: { r(">", 30000) + "x\n" + r("\n", 30000) }, expected: .refused),
        Case(name: "many leading '-' then emphasis", body: { r("- ", 30000) + r("a*", 30000) }, expected: .refused),
        Case(name: "nested '_' runs", body: { r("_", 20000) + "a" + r("_", 20000) }, expected: .refused),
        Case(name: "long '_' runs", body: { r(r("_", 1000) + " a ", 300) }, expected: .refused),
        Case(name: "nested ordered list items then blank lines", body: { r("1. ", 30000) + "x" + r("\n", 30000) }, expected: .refused),
        Case(name: "indented nested list items with blank lines", body: { (0..<3000).map { r("  ", $0) + "- a\n\n" }.joined() }, expected: .refused),
    ]

    // GFM extensions (autolink, strikethrough, table, tasklist) and notegraph's own syntax, at cmark-like sizes.
    static let extensionCases: [Case] = [
        Case(name: "emphasis inside 50,000 list items", body: { r("- *a\n", 50000) }, expected: .parses { doc in
            guard doc.blocks.count == 1, case .list(_, _, _, let items) = doc.blocks[0] else { return false }
            return items.count == 50000 && items.allSatisfy { item in
                if case .paragraph(let i, _)? = item.blocks.first { return i.plainText == "*a" } else { return false }
            }
        }),
        Case(name: "many www autolinks", body: { r("www.a.b ", 40000) }, expected: .parses { doc in
            let links = inlines(of: doc).filter { if case .link("http://www.a.b", _, _, _) = $0 { return true } else { return false } }
            return links.count == 40000
        }),
        Case(name: "www. repeated", body: { r("www.", 100000) }, expected: .refused),
        Case(name: "failing emails", body: { r("a@b ", 50000) },
             expected: .parses { doc in onlyParagraphText(doc) == String(r("a@b ", 50000).dropLast()) }),
        Case(name: "one long email local part", body: { r("a", 200000) + "@" },
             expected: .parses { doc in onlyParagraphText(doc) == r("a", 200000) + "@" }),
        Case(name: "autolink with trailing parentheses", body: { "www.a.b/" + r(")", 100000) }, expected: .refused),
        Case(name: "tildes with no closers", body: { r("~a ", 65000) }, expected: .refused),
        Case(name: "mismatched tilde runs", body: { r("~~a~ ", 40000) }, expected: .refused),
        Case(name: "table with 100,000 rows", body: { "| a | b |\n| - | - |\n" + r("| x | y |\n", 100000) }, expected: .parses { doc in
            guard doc.blocks.count == 1, case .table(let t) = doc.blocks[0] else { return false }
            return t.header.map(\.plainText) == ["a", "b"] && t.rows.count == 100000 && t.rows.last?.map(\.plainText) == ["x", "y"]
        }),
        Case(name: "table with 20,000 columns", body: { r("| a ", 20000) + "|\n" + r("| - ", 20000) + "|\n" + r("| x ", 20000) + "|\n" }, expected: .refused),
        Case(name: "table rows of 200 empty cells", body: { "a|b\n-|-\n" + r(r("|", 200) + "\n", 2000) }, expected: .parses { doc in
            guard doc.blocks.count == 1, case .table(let t) = doc.blocks[0] else { return false }
            return t.header.count == 2 && t.rows.count == 2000
        }),
        Case(name: "50,000 task items", body: { r("- [ ] x\n", 50000) }, expected: .parses { doc in
            guard doc.blocks.count == 1, case .list(_, _, _, let items) = doc.blocks[0] else { return false }
            return items.count == 50000 && items.allSatisfy { $0.checked == false }
        }),
        Case(name: "50,000 wikilinks in one paragraph", body: { r("[[a]] ", 50000) }, expected: .refused),
        Case(name: "50,000 footnote references", body: { r("[^1] ", 50000) + "\n\n[^1]: x\n" }, expected: .refused),
    ]

    @Test(arguments: cmarkCases + advisoryCases + extensionCases)
    func parsesCorrectlyOrIsRefused(_ c: Case) {
        let file = SourceFile(path: "pathological.md", text: "---\ntitle: \"\(c.name)\"\n---\n" + c.body())
        let doc = NoteParser.parse(file)
        let tooComplex = doc.diagnostics.filter { $0.severity == .error && $0.message.hasPrefix("note too complex") }
        #expect(doc.title == c.name)  // a refused note still has its page
        switch c.expected {
        case .refused:
            #expect(tooComplex.count == 1, "\(c.name) should be refused")
            #expect(tooComplex.first?.location.line == 4)
            #expect(doc.blocks.isEmpty && doc.links.isEmpty)
        case .parses(let check):
            #expect(tooComplex.isEmpty, "\(c.name) refused: \(tooComplex.first?.message ?? "")")
            #expect(doc.diagnostics.filter { $0.severity == .error }.isEmpty)
            #expect(check(doc), "\(c.name) parsed to something else than cmark's suite expects")
        }
    }

    /// The deepest nesting the limits allow (emphasis, nested images, nested lists and quotes together) parses
    /// without exhausting the stack, in one note.
    @Test func deepestNestingTheLimitsAllowParses() {
        let emphasis = Self.r("*a **a ", 333) + "b" + Self.r(" a** a*", 333)  // 1,998 delimiters, 666 levels
        let images = Self.r("![", 999) + "x" + Self.r("](i)", 999)  // 999 brackets, 999 nested images
        let blocks = Self.r("> ", 32) + Self.r("- ", 32) + "deep"  // 64 containers on one line
        let indented = (0..<127).map { Self.r(" ", 2 * $0) + "- level\n" }.joined()  // 127 levels by indentation
        let body = emphasis + "\n\n" + images + "\n\n" + blocks + "\n\n" + indented
        #expect(ComplexityGuard.problem(in: body[...]) == nil)
        let doc = NoteParser.parse(SourceFile(path: "deep.md", text: "---\ntitle: deep\n---\n" + body))
        #expect(doc.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(Self.emphasisDepth(doc.blocks.first) == 666)
        #expect(doc.blocks.count == 4)
    }

    // MARK: - helpers

    /// The text of the body's only paragraph, or nil.
    static func onlyParagraphText(_ doc: NoteDocument) -> String? {
        guard doc.blocks.count == 1, case .paragraph(let inlines, _) = doc.blocks[0] else { return nil }
        return inlines.plainText
    }

    /// Every inline of the body, depth first (children after their parent).
    static func inlines(of doc: NoteDocument) -> [Inline] {
        var out: [Inline] = []
        func walk(_ inlines: [Inline]) {
            for inline in inlines {
                out.append(inline)
                switch inline {
                case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, _, let c, _), .image(_, _, let c): walk(c)
                default: break
                }
            }
        }
        func walk(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .paragraph(let i, _), .heading(_, let i, _, _): walk(i)
                case .blockQuote(let b): walk(b)
                case .list(_, _, _, let items): items.forEach { walk($0.blocks) }
                case .table(let t): t.header.forEach(walk); t.rows.forEach { $0.forEach(walk) }
                default: break
                }
            }
        }
        walk(doc.blocks)
        return out
    }

    /// How deep emphasis and strong nest in a paragraph.
    static func emphasisDepth(_ block: Block?) -> Int {
        func depth(_ inlines: [Inline]) -> Int {
            inlines.map { inline -> Int in
                switch inline {
                case .emphasis(let c), .strong(let c): return 1 + depth(c)
                case .link(_, _, let c, _), .image(_, _, let c), .strikethrough(let c): return depth(c)
                default: return 0
                }
            }.max() ?? 0
        }
        guard case .paragraph(let inlines, _)? = block else { return -1 }
        return depth(inlines)
    }

    /// cmark's "reference collisions": `count - 1` definitions whose labels all land in one bucket of cmark's
    /// 16-bucket reference map, each followed by a reference to the one colliding label that is never defined.
    static func referenceCollisions(_ count: Int) -> String {
        func collides(_ label: String) -> Bool {
            var h: UInt32 = 0
            for c in label.unicodeScalars { h = c.value &+ (h << 6) &+ (h << 16) &- h }
            return h % 16 == 0
        }
        var labels: [String] = []
        var i = 0
        while labels.count < count {
            let label = "x\(i)"
            if collides(label) { labels.append(label) }
            i += 1
        }
        let bad = labels[0]
        return labels.dropFirst().map { "[\($0)]: /url\n\n[\(bad)]\n\n" }.joined()
    }
}
