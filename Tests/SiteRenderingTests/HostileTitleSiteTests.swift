import Foundation
import GraphAnalysis
import GraphQuery
import NoteGraph
import NoteParsing
import SiteRendering
import Testing
import TestSupport

@Suite("Rendering hostile notes")
struct HostileTitleSiteTests {
    static func site(_ notes: [(String, String)]) throws -> [OutputFile] {
        let docs = notes.map { NoteParser.parse(SourceFile(path: $0.0, text: $0.1)) }
        let graph = CorpusAnalyzer.analyze(GraphBuilder.build(docs).graph)
        let templates = Fixtures.root.appendingPathComponent("templates")
        var names: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: templates.path) where file.hasSuffix(".mustache") {
            names[String(file.dropLast(9))] = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
        }
        return try SiteBuilder().build(GraphQueries(graph: graph), templates: TemplateSet(templates: names, assets: [:]))
    }

    static let vectors = [
        "<script>alert(1)</script>", "\" onmouseover=\"alert(1)", "' onfocus='alert(1)' autofocus='",
        "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "javascript:alert(1)", "</title><script>alert(1)</script>",
    ]

    @Test func vectorsInTitlesTagsAliasesAndBodiesStayText() throws {
        var notes: [(String, String)] = []
        for (i, v) in Self.vectors.enumerated() {
            let yaml = v.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            notes.append(("n\(i).md", "---\ntitle: \"\(yaml) \(i)?\"\ntags: [\"\(yaml)\"]\naliases: [\"\(yaml) alias\"]\ncollection: \"\(yaml)\"\n---\n\n\(v) [\(v)](\(v)) [[\(v) \(i)?|\(v)]] [[Missing \(v)?]]\n\n## \(v)\n"))
        }
        let files = try Self.site(notes)
        #expect(files.count > Self.vectors.count)
        for file in files where file.path.hasSuffix(".html") {
            let audit = HTMLAudit(html: String(decoding: file.bytes, as: UTF8.self))
            #expect(audit.handlers.isEmpty, "\(file.path): \(audit.handlers)")
            #expect(audit.scripts.allSatisfy { $0.src != nil && $0.text.isEmpty }, "\(file.path): inline script")
            #expect(!audit.references.contains { $0.value.lowercased().contains("javascript:") }, "\(file.path): javascript: URL")
        }
        let searchIndex = String(decoding: try #require(files.first { $0.path == "search-index.js" }).bytes, as: UTF8.self)
        #expect(!searchIndex.contains("</script"))
        #expect(!searchIndex.contains("<"))
    }

    @Test func localGraphIsDeterministicAndCapped() throws {
        var notes = [("hub.md", "---\ntitle: \"Hub\"\nkind: hub\n---\n\n## All\n\n" + (0..<30).map { "- [[Note \($0)?]]" }.joined(separator: "\n") + "\n")]
        for i in 0..<30 { notes.append(("n\(i).md", "# Note \(i)?\n\nText.\n")) }
        let a = try Self.site(notes), b = try Self.site(notes.reversed())
        #expect(a == b)
        let hub = String(decoding: try #require(a.first { $0.path == "hub/hub.html" }).bytes, as: UTF8.self)
        #expect(hub.contains("+6 more"))
        #expect(hub.components(separatedBy: "<circle").count - 1 == 25)  // 24 neighbours + the centre
    }
}
