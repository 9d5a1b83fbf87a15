import CCmarkGFM
import Foundation
import NoteParsing
import Testing
import TestSupport

@Suite("NoteParser")
struct NoteParserTests {
    static func parse(_ path: String) throws -> NoteDocument {
        let text = try Fixtures.text("corpus-everything/\(path)")
        return NoteParser.parse(SourceFile(path: path, text: text))
    }

    @Test func readsEveryFrontMatterField() throws {
        let doc = try Self.parse("note/sft-reasoning.md")
        #expect(doc.title == "Does supervised fine-tuning improve reasoning?")
        #expect(doc.kind == .note)
        #expect(doc.frontMatter.aliases == ["SFT and reasoning"])
        #expect(doc.frontMatter.tags == ["sft"])
        #expect(doc.frontMatter.date == "2024-05-01")  // unquoted dates stay strings
        #expect(doc.frontMatter.collection == "Training, RL, and Test-Time Scaling")
        #expect(doc.frontMatter.categories == ["Training, RL, and Test-Time Scaling", "Model Architecture and Internals"])
        #expect(doc.titleLocation == SourceLocation(line: 2, column: 8))
        #expect(doc.diagnostics.isEmpty)
    }

    @Test func titleComesFromFirstHeadingWhichLeavesTheBody() throws {
        let doc = try Self.parse("note/instruction-format.md")
        #expect(doc.title == "Does instruction tuning teach format?")
        #expect(doc.titleLocation.line == 1)
        if case .heading(1, _, _, _)? = doc.blocks.first { Issue.record("title heading should not stay in the body") }
    }

    @Test func missingTitleFallsBackToFileNameWithWarning() {
        let doc = NoteParser.parse(SourceFile(path: "folder/plain-note.md", text: "Just text.\n"))
        #expect(doc.title == "plain-note")
        #expect(doc.diagnostics.map(\.severity) == [.warning])
    }

    @Test func wikilinksKeepTargetHeadingLabelAndPosition() throws {
        let doc = try Self.parse("inquiry/why-does-kto-skip-sft.md")
        let labelled = try #require(doc.links.first { $0.label == "as shown here" })
        #expect(labelled.target == .title("Does instruction tuning teach format?"))
        let first = try #require(doc.links.first)
        #expect(first.target == .title("Does supervised fine-tuning improve reasoning?"))
        // Line 9 of the file; the column is the byte offset of `[[`.
        #expect(first.location.line == 9)
        let line = try Fixtures.text("corpus-everything/inquiry/why-does-kto-skip-sft.md").split(separator: "\n", omittingEmptySubsequences: false)[8]
        let prefix = line.components(separatedBy: "[[Does supervised")[0]
        let column = prefix.utf8.count + 1
        #expect(first.location.column == column)
        #expect(doc.links.filter { $0.section == "Next inquiring lines" }.map(\.target) == [.title("How do process reward models score steps?")])
    }

    @Test func citingSentenceSpansTheCitedQuestionMark() throws {
        let doc = try Self.parse("inquiry/why-does-kto-skip-sft.md")
        let first = try #require(doc.links.first)
        #expect(first.sentence == "SFT improves format, not feasibility Does supervised fine-tuning improve reasoning?.")
        let labelled = try #require(doc.links.first { $0.label == "as shown here" })
        #expect(labelled.sentence == "Instruction tuning teaches the output format as shown here, e.g. with wrong instructions.")
    }

    @Test func markdownLinksToNotesAreLinksWithFragments() throws {
        let doc = try Self.parse("note/sft-reasoning.md")
        let link = try #require(doc.links.first { if case .path = $0.target { return true } else { return false } })
        #expect(link.target == .path("../note/prm-outcome.md"))
        #expect(link.fragment == "results")
        #expect(link.label == "the PRM note")
    }

    @Test func tablesTaskListsAndRawHTMLBecomeValues() throws {
        let doc = try Self.parse("note/sft-reasoning.md")
        #expect(doc.blocks.contains { if case .table(let t) = $0 { return t.header.count == 2 && t.rows.count == 1 } else { return false } })
        let checks = doc.blocks.compactMap { block -> [Bool?]? in
            if case .list(_, _, _, let items) = block { return items.map(\.checked) } else { return nil }
        }
        #expect(checks == [[true, false]])
        #expect(doc.blocks.contains { if case .htmlBlock(let h) = $0 { return h.contains("<script>") } else { return false } })
    }

    @Test func rawHTMLRenderingStaysOffInCmarkOptions() {
        #expect(NoteParser.cmarkOptions & CMARK_OPT_UNSAFE == 0)
    }

    @Test func bomAndCRLFAreNormalised() {
        let doc = NoteParser.parse(SourceFile(path: "x.md", text: "\u{FEFF}---\r\ntitle: \"T?\"\r\n---\r\n\r\nSee [[Other?]].\r\n"))
        #expect(doc.title == "T?")
        #expect(doc.diagnostics.isEmpty)
        #expect(doc.links.first?.location == SourceLocation(line: 5, column: 5))
    }

    @Test func aFileThatIsOnlyAFenceIsABodyNotAnOpenFrontMatter() {
        let doc = NoteParser.parse(SourceFile(path: "dash.md", text: "---"))
        #expect(doc.title == "dash")
        #expect(doc.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func headingAnchorsAreUnique() {
        let doc = NoteParser.parse(SourceFile(path: "x.md", text: "# T\n\n## Results\n\ntext\n\n## Results\n"))
        let anchors = doc.blocks.compactMap { if case .heading(_, _, let a, _) = $0 { return a } else { return nil } }
        #expect(anchors == ["results", "results-1"])
    }
}

@Suite("Front matter diagnostics")
struct FrontMatterDiagnosticsTests {
    @Test(arguments: [
        ("bad-yaml.md", 4, "front matter"),
        ("unknown-kind.md", 3, "unknown kind 'essay'"),
        ("unclosed.md", 1, "never closed"),
    ])
    func errorsNameTheLine(file: String, line: Int, message: String) throws {
        let doc = NoteParser.parse(SourceFile(path: file, text: try Fixtures.text("corpus-invalid/\(file)")))
        let error = try #require(doc.diagnostics.first { $0.severity == .error })
        #expect(error.location.line == line)
        #expect(error.message.contains(message))
        #expect(error.description.hasPrefix("\(file):\(line):"))
    }
}
