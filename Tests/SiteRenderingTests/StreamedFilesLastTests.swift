import Foundation
import GraphAnalysis
import GraphQuery
import NoteGraph
import NoteParsing
import SiteRendering
import Testing
import TestSupport

/// Files encoded as they are written (graph.json) are handed on last and on their own, after every rendered file,
/// so that the rendered ones are freed before the largest file is encoded.
@Suite("Streamed files last")
struct StreamedFilesLastTests {
    @Test func streamedFilesComeAloneAfterEveryRenderedFile() throws {
        let notes = (0..<5).map { i in
            SourceFile(path: "note/n\(i).md", text: "---\ntitle: \"Note \(i)\"\ntags: [t\(i % 2)]\n---\n\nDirect Preference Optimization (DPO) improves accuracy by 12%. See [[Note \((i + 1) % 5)]].\n")
        }
        let graph = CorpusAnalyzer.analyze(GraphBuilder.build(notes.map(NoteParser.parse)).graph)
        let folder = Fixtures.root.appendingPathComponent("templates")
        var names: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            names[String(file.dropLast(9))] = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        }
        let templates = TemplateSet(templates: names, assets: ["site.css": Array("body{}".utf8)])
        var batches: [[OutputFile]] = []
        try SiteBuilder().build(GraphQueries(graph: graph), templates: templates) { batches.append($0) }
        let last = try #require(batches.last)
        #expect(last.map(\.path) == ["graph.json"] && last.allSatisfy(\.isStreamed))
        #expect(batches.dropLast().allSatisfy { $0.allSatisfy { !$0.isStreamed } })
        let all = try SiteBuilder().build(GraphQueries(graph: graph), templates: templates)
        #expect(batches.joined().map(\.path).sorted() == all.map(\.path))
        #expect(all.contains { $0.path == "assets/site.css" } && all.contains { $0.path.hasPrefix("note/") })
    }
}
