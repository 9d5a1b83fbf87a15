import BuildPipeline
import Foundation
import NoteGraph
@testable import NoteImport
import NoteParsing
import SiteRendering
import Testing
import TestSupport
import Workspace

/// Issue 5, "No script injection": every vector of `Tests/Fixtures/corpus-hostile-xss` placed in every slot a note
/// can fill (body, headings, titles, front matter, link and image destinations, wikilink labels and targets) and
/// carried by raw exports through `notegraph import`; the whole site is built and every page parsed.
@Suite("No script injection: the hostile XSS corpus")
struct HostileCorpusSiteTests {
    /// Where each vector goes in its generated note (the names are reported when a placement goes missing).
    static let placements = [
        "title", "aliases", "tags", "collection", "categories", "summary", "source", "arxiv", "date",
        "body text", "heading", "link destination", "angle-bracket link destination", "link title", "autolink",
        "reference definition", "wikilink label", "wikilink target", "wikilink heading", "image source", "image alt",
        "image title", "table cell", "inline code", "code fence info", "code block", "block quote", "task item",
        "claim sentence", "Sources entry", "imported abstract",
    ]

    static let targetTitle = "Hostile corpus target"
    static let siteTitle = "notegraph </title><script>alert('site')</script>"

    struct Built: Sendable {
        var vectors: [HostileVector]
        var generated: [String: String]  // path → the title written into the note
        var importedCount: Int
        var importErrors: [Diagnostic]
        var feedEntries: Int
        var build: SiteBuild
    }

    static let built = Result<Built, any Error> { try makeSite() }

    /// A YAML double-quoted scalar, written as the importer writes them.
    static func yaml(_ s: String) -> String { NoteWriter.quoted(s) }

    static func title(_ v: HostileVector, _ i: Int) -> String { "\(v.text) (\(i))" }

    /// One note per vector, the vector in every placement; kinds rotate so inquiring lines (with Sources and gap
    /// sentences, shown on the index with their evidence), hubs (members) and papers all carry it.
    static func note(_ v: HostileVector, _ i: Int, next: String) -> String {
        let kinds = ["note", "paper", "inquiry", "hub"]
        let kind = kinds[i % kinds.count]
        let t = v.text
        var lines = [
            "---",
            "title: \(yaml(title(v, i)))",
            "kind: \(kind)",
            "aliases: [\(yaml(t + " alias \(i)"))]",
            "tags: [\(yaml(t)), \"hostile-\(i % 7)\"]",
            "collection: \(yaml(t))",
            "categories: [\(yaml(t)), \"Hostile category\"]",
            "summary: \(yaml("Summary \(i): " + t))",
            "source: \(yaml(t))",
            "arxiv: \(yaml(t))",
            "date: \(yaml(t))",
            "---",
            "",
            "Body text \(i): \(t) ends here.",
            "",
            "The collection doesn't contain a note that directly answers whether \(t) is safe.",
            "",
            "## \(t)",
            "",
            "We show that \(t) improves recall by \(i % 90 + 5)% on Hostile Script Injection (HSI) filters.",
            "",
            "Links: [link \(i)](\(t)) and [angle \(i)](<\(t)>) and [titled \(i)](https://example.com/\(i) \(yaml(t))) and <\(t)> and [ref \(i)][r\(i)].",
            "",
            "Wikilinks: [[\(targetTitle)|\(t)]] and [[\(t)]] and [[\(next)]] and [[\(targetTitle)#\(t)]].",
            "",
            "Images: ![alt \(i)](\(t)) and ![\(t)](picture-\(i).png \(yaml(t))).",
            "",
            "| \(t) | b |",
            "|---|---|",
            "| `\(t)` | **\(t)** |",
            "",
            "```\(t)",
            t,
            "```",
            "",
            "> \(t)",
            "",
            "- [ ] \(t)",
            "- [x] \(t) done",
            "",
            "[r\(i)]: \(t)",
            "",
        ]
        if kind == "inquiry" {
            lines += ["## Sources", "", "- [[\(next)]] — \(t)", "- [[\(t) source \(i)?]] — \(t)", "", "## Next inquiring lines", "", "- [[\(t) next \(i)?]]", ""]
        }
        return lines.joined(separator: "\n")
    }

    static func makeSite() throws -> Built {
        let vectors = try HostileVectors.load()
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("notegraph-hostile-\(UUID().uuidString)")
        let notes = root.appendingPathComponent("notes")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = notes.appendingPathComponent("hostile")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var generated: [String: String] = [:]
        try "---\ntitle: \"\(targetTitle)\"\n---\n\nThe note every hostile wikilink label points at.\n".write(to: folder.appendingPathComponent("target.md"), atomically: true, encoding: .utf8)
        for (i, v) in vectors.enumerated() {
            let next = title(vectors[(i + 1) % vectors.count], (i + 1) % vectors.count)
            let path = "hostile/v\(String(format: "%04d", i)).md"
            try note(v, i, next: next).write(to: notes.appendingPathComponent(path), atomically: true, encoding: .utf8)
            generated[path] = title(v, i)
        }
        // The importer path: raw exports carrying the vectors, imported with the hostile notes already present.
        let exports = try ImportWriter.readExports([HostileVectors.folder.appendingPathComponent("exports").path])
        let feed = exports.first { $0.name == "abstracts-feed.xml" }?.text ?? ""
        let report = try ImportWriter(notesFolder: notes).run(exports, force: false)
        let (files, _) = try NotesFolder(notes).read()
        let build = try SiteBuild(files: files, templates: TemplateFolder.read(Fixtures.root.appendingPathComponent("templates")), siteTitle: siteTitle)
        return Built(
            vectors: vectors, generated: generated, importedCount: report.created.count,
            importErrors: report.diagnostics.filter { $0.severity == .error },
            feedEntries: feed.components(separatedBy: "<entry>").count - 1, build: build
        )
    }

    /// Text as libxml2 hands it back: NUL shown as U+FFFD (HTML.escape writes it so), C0 controls other than tab,
    /// newline and CR dropped.
    static func shown(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.compactMap { c -> Unicode.Scalar? in
            if c.value == 0 { return "\u{FFFD}" }
            if c.value < 0x20 && c != "\n" && c != "\t" && c != "\r" { return nil }
            return c
        }))
    }

    /// A title as the note parser reads it back from the YAML written above: a byte-order mark is dropped.
    static func read(_ written: String) -> String {
        written.replacingOccurrences(of: "\u{FEFF}", with: "").trimmingWhitespace()
    }

    // MARK: - The corpus

    @Test func theCorpusHoldsSeveralHundredVectorsInEverySection() throws {
        let vectors = try Self.built.get().vectors
        #expect(vectors.count >= 700, "the corpus shrank to \(vectors.count) vectors")
        let sections = Dictionary(grouping: vectors, by: \.section).mapValues(\.count)
        #expect(Set(sections.keys) == ["markup", "breakout", "url", "url-markdown", "handler", "handler-breakout", "text"])
        #expect(sections["markup"]! >= 150 && sections["url"]! >= 90 && sections["handler"]! >= 150)
        #expect(Set(vectors.map(\.text)).count == vectors.count, "a vector is listed twice")
        // Every event-handler attribute appears both on an element and as a break-out.
        let handlerName = /on[a-z]+/.ignoresCase()
        let onElements = Set(vectors.filter { $0.section == "handler" }.compactMap { $0.text.firstMatch(of: handlerName).map { $0.output.lowercased() } })
        let inBreakouts = Set(vectors.filter { $0.section == "handler-breakout" }.compactMap { $0.text.firstMatch(of: handlerName).map { $0.output.lowercased() } })
        #expect(onElements.count == sections["handler"]! && onElements == inBreakouts)
        // The encodings the issue names are all there.
        let texts = vectors.map(\.text)
        for needle in ["&#x09;", "&#0000106", "&#x6A", "&colon;", "\t", "\n", "\0", "JaVaScRiPt", "<svg><script", "onbegin", "xlink:href",
                       "<maction actiontype", "</textarea>", "</title>", "</script>", "<!--", "]]>", "{{", "vbscript:", "data:text/html", "\u{2028}", "`"] {
            #expect(texts.contains { $0.contains(needle) }, "no vector contains \(needle.debugDescription)")
        }
    }

    /// The exports carry the vectors: the feed one entry per vector XML can hold, the text pages every line.
    @Test func theRawExportsCarryTheVectors() throws {
        let built = try Self.built.get()
        let exports = try ImportWriter.readExports([HostileVectors.folder.appendingPathComponent("exports").path])
        let feed = try #require(exports.first { $0.name == "abstracts-feed.xml" }).text
        let xmlable = built.vectors.filter { v in v.text.unicodeScalars.allSatisfy { $0 == "\t" || $0 == "\n" || $0 == "\r" || ($0.value >= 0x20 && $0.value != 0xFFFE && $0.value != 0xFFFF) } }
        #expect(built.feedEntries == xmlable.count)
        func xml(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "\r", with: "&#13;").replacingOccurrences(of: "\t", with: "&#9;").replacingOccurrences(of: "\n", with: "&#10;")
        }
        for v in xmlable { #expect(feed.contains("<summary>We show that \(xml(v.text)) raises"), "vectors.txt:\(v.line) missing from the feed") }
        let pages = exports.filter { $0.name.hasSuffix(".txt") }.map(\.text).joined(separator: "\n")
        let lines = built.vectors.filter { !$0.text.contains("\n") && !$0.text.contains("\r") && !$0.text.contains("\0") && !$0.text.trimmingWhitespace().isEmpty }
        for v in lines { #expect(pages.contains(v.text), "vectors.txt:\(v.line) missing from the text exports") }
        #expect(exports.count >= 30)
    }

    // MARK: - The build

    @Test func everyNoteAndImportReachesTheSite() throws {
        let built = try Self.built.get()
        let graph = built.build.corpus.graph
        #expect(built.importErrors.isEmpty, "\(built.importErrors)")
        #expect(built.importedCount >= built.feedEntries + 35, "imported \(built.importedCount)")
        let errors = built.build.corpus.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.prefix(10))")
        let byPath = Dictionary(graph.nodes.filter(\.kind.isDocument).compactMap { n in n.path.map { ($0, n) } }, uniquingKeysWith: { a, _ in a })
        var pages = 0
        for (path, written) in built.generated.sorted(by: { $0.key < $1.key }) {
            guard let node = byPath[path] else { Issue.record("no node for \(path)"); continue }
            #expect(node.title == Self.read(written), "\(path): title read as \(node.title.debugDescription)")
            guard let page = built.build.files.first(where: { $0.path == node.url }) else { Issue.record("no page for \(path)"); continue }
            // The hostile title is shown, as text, exactly: escaping kept it whole.
            let audit = HTMLAudit(html: String(decoding: page.bytes, as: UTF8.self))
            #expect(audit.firstText["h1"] == Self.shown(node.title), "\(node.url): h1 \(audit.firstText["h1"].debugDescription)")
            #expect(audit.firstText["title"] == Self.shown(node.title + " · " + Self.siteTitle), "\(node.url): title \(audit.firstText["title"].debugDescription)")
            pages += 1
        }
        #expect(pages == built.vectors.count)
        let papers = graph.nodes.filter { $0.kind == .paper && $0.title.hasPrefix("Hostile abstract ") }
        #expect(papers.count == built.feedEntries, "the feed's abstracts became \(papers.count) papers")
    }

    /// The vectors reach the slots beyond the note page itself: claims, concept pages, unresolved links,
    /// open questions on the index, tag, collection and category pages, backlinks and local graphs.
    @Test func theVectorsReachEveryKindOfPage() throws {
        let built = try Self.built.get()
        let graph = built.build.corpus.graph
        let generated = Set(built.generated.keys)
        let stating = Set(graph.nodes(ofKind: .claim).compactMap(\.path).filter(generated.contains))
        let notesAndPapers = graph.nodes.filter { ($0.kind == .note || $0.kind == .paper) && generated.contains($0.path ?? "") }
        #expect(!notesAndPapers.isEmpty && stating.count == notesAndPapers.count, "\(stating.count) of \(notesAndPapers.count) notes and papers state a claim")
        #expect(graph.unresolved.filter { generated.contains($0.file) }.count > built.vectors.count / 2)
        let hsi = try #require(graph.nodes(ofKind: .concept).first { $0.title == "HSI" })
        #expect(graph.incoming(hsi.id, kind: .mentions).count >= built.vectors.count)
        let questions = graph.nodes(ofKind: .inquiry).filter { generated.contains($0.path ?? "") }
        #expect(questions.count == built.vectors.count / 4 + (built.vectors.count % 4 > 2 ? 1 : 0))
        #expect(questions.allSatisfy { $0.status == .open || $0.status == .partial })
        let index = String(decoding: try #require(built.build.files.first { $0.path == "index.html" }).bytes, as: UTF8.self)
        #expect(index.contains("id=\"open-questions\""))
        for folder in ["tag/", "collection/", "category/"] {
            #expect(built.build.files.filter { $0.path.hasPrefix(folder) }.count > built.vectors.count / 2, "\(folder) pages")
        }
        let target = try #require(graph.nodes.first { $0.title == Self.targetTitle })
        let targetPage = String(decoding: try #require(built.build.files.first { $0.path == target.url }).bytes, as: UTF8.self)
        #expect(targetPage.contains("more (all are listed in graph.json"))  // backlinks from every hostile note, capped
        #expect(targetPage.components(separatedBy: "<circle").count - 1 == 25)  // a full local graph of hostile titles
    }

    /// The heart of the issue: every page, parsed, has no live script, handler, dangerous URL or foreign markup.
    @Test func noPageCarriesLiveScriptHandlersOrDangerousURLs() throws {
        let built = try Self.built.get()
        let pages = built.build.files.filter { $0.path.hasSuffix(".html") }
        #expect(pages.count > 2 * built.vectors.count)
        var counts: [HTMLAudit.Finding.Kind: Int] = [:]
        var examples: [String] = []
        var elements = 0, attributes = 0, urls = 0
        for page in pages {
            let audit = HTMLAudit(html: String(decoding: page.bytes, as: UTF8.self))
            #expect(audit.elementCount > 10, "\(page.path) did not parse")
            elements += audit.elementCount
            attributes += audit.elements.reduce(0) { $0 + $1.attributes.count }
            urls += audit.elements.reduce(0) { $0 + $1.attributes.filter { HTMLAudit.urlAttributes.contains($0.name) }.count }
            // The libxml2 tree and the raw HTML5 tokenizer agree on the tags.
            #expect(audit.rawTags.filter { !$0.isEnd }.count == audit.elementCount, "\(page.path): tokenizer \(audit.rawTags.filter { !$0.isEnd }.count) tags, libxml2 \(audit.elementCount) elements")
            for finding in audit.findings(policy: .notegraphSite) {
                counts[finding.kind, default: 0] += 1
                if examples.count < 20 { examples.append("\(page.path): \(finding)") }
            }
        }
        #expect(counts.isEmpty, "\(counts)\n\(examples.joined(separator: "\n"))")
        print("hostile corpus: \(built.vectors.count) vectors × \(Self.placements.count) placements; \(built.generated.count) notes written, \(built.importedCount) imported from \(built.feedEntries) feed entries and the text pages; \(pages.count) pages audited (\(elements) elements, \(attributes) attributes, \(urls) URL attributes); findings \(counts)")
    }

    @Test func templatesEscapeEverySlotForItsContext() throws {
        let folder = Fixtures.root.appendingPathComponent("templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        #expect(names.count >= 10)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            // Unescaped output only for the pre-rendered HTML/SVG fields.
            for m in text.matches(of: /\{\{\{\s*([^}]*?)\s*\}\}\}|\{\{&\s*([^}]*?)\s*\}\}/) {
                let field = String(m.output.1 ?? m.output.2 ?? "")
                #expect(field.hasSuffix("HTML") || field.hasSuffix("SVG"), "\(name): unescaped {{{\(field)}}}")
            }
            // Every slot inside a tag is a quoted attribute value (an unquoted one breaks on a space).
            #expect(text.matches(of: /=\{\{/).isEmpty, "\(name): unquoted attribute slot")
            // No slot inside a script, a style sheet, an event handler or a tag name.
            #expect(text.matches(of: /<script[^>]*>[^<]*\{\{|<style|\son[a-z]+=|<\{\{/).isEmpty, "\(name): slot in a script context")
        }
    }

    // MARK: - The scripts and data

    /// `search-index.js` is one assignment of a JSON array: no `<`, `>`, raw U+2028/2029, so it cannot close a
    /// script element, open a comment or end a JavaScript string; and it holds every hostile title as data.
    @Test func searchIndexIsInertScriptData() throws {
        let built = try Self.built.get()
        let file = try #require(built.build.files.first { $0.path == "search-index.js" })
        let text = String(decoding: file.bytes, as: UTF8.self)
        let prefix = "window.NOTEGRAPH_SEARCH=[\n", suffix = "];\n"
        #expect(text.hasPrefix(prefix) && text.hasSuffix(suffix))
        #expect(!file.bytes.contains(UInt8(ascii: "<")) && !file.bytes.contains(UInt8(ascii: ">")))
        #expect(!text.unicodeScalars.contains("\u{2028}") && !text.unicodeScalars.contains("\u{2029}"))
        #expect(!text.lowercased().contains("</script") && !text.contains("<!--"))
        // The vectors are there, escaped: a title that starts by closing the script, and U+2028.
        #expect(text.contains("[\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e (") && text.contains("\\u2028"))
        // The body is JSON (the trailing comma aside): data, not code.
        var body = String(text.dropFirst(prefix.count).dropLast(suffix.count))
        if body.hasSuffix(",\n") { body.removeLast(2) }
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(("[" + body + "]").utf8)) as? [[String]])
        #expect(rows.allSatisfy { $0.count == 5 })
        let titles = Set(rows.map { $0[0] })
        for (path, title) in built.generated { #expect(titles.contains(Self.read(title)), "\(path): title missing from the search index") }
        // search.js sets `a.href = root + url`: every url is a site-relative path.
        for row in rows { #expect(!HTMLAudit.isDangerousURL(row[2]) && !row[2].contains(":"), "\(row[2])") }
    }

    /// `graph.json` is a data file (never loaded as a script by any page): valid JSON with every hostile title.
    @Test func graphJSONIsValidDataWithEveryTitle() throws {
        let built = try Self.built.get()
        let file = try #require(built.build.files.first { $0.path == "graph.json" })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(file.bytes)) as? [String: Any])
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        #expect(json["edges"] is [[String: Any]] && json["unresolved"] is [Any])
        let titles = Set(nodes.compactMap { $0["title"] as? String })
        for (path, title) in built.generated { #expect(titles.contains(Self.read(title)), "\(path): title missing from graph.json") }
        for node in nodes { #expect(!HTMLAudit.isDangerousURL(node["url"] as? String ?? ""), "\(node["url"] ?? "")") }
        for page in built.build.files where page.path.hasSuffix(".html") {
            #expect(!HTMLAudit(html: String(decoding: page.bytes, as: UTF8.self)).scripts.contains { $0.src?.hasSuffix("graph.json") == true })
        }
    }
}
