import Foundation
@testable import NoteParsing
import Testing
import TestSupport

/// The hand-written reader of flat front matter must read every line it accepts exactly as Yams does.
@Suite("Flat front matter reader")
struct FlatFrontMatterTests {
    /// The text between the fences of `note`, or nil without front matter.
    static func yaml(of note: String) -> Substring? {
        guard note.hasPrefix("---\n"), let close = note.range(of: "\n---\n", range: note.index(note.startIndex, offsetBy: 3)..<note.endIndex) else { return nil }
        return note[note.index(note.startIndex, offsetBy: 4)...close.lowerBound]
    }

    /// Every front matter block of the bundled corpus and the fixtures.
    static func corpusBlocks() throws -> [(String, Substring)] {
        var blocks: [(String, Substring)] = []
        for folder in [Fixtures.root.appendingPathComponent("notes"), Fixtures.root.appendingPathComponent("Tests/Fixtures")] {
            let walker = FileManager.default.enumerator(atPath: folder.path)
            while let relative = walker?.nextObject() as? String {
                guard relative.hasSuffix(".md") else { continue }
                let text = try String(contentsOf: folder.appendingPathComponent(relative), encoding: .utf8)
                if let yaml = yaml(of: text.replacingCRLF()) { blocks.append((relative, yaml)) }
            }
        }
        return blocks
    }

    @Test func everyCorpusBlockItAcceptsReadsAsYamsReadsIt() throws {
        let blocks = try Self.corpusBlocks()
        #expect(blocks.count >= 20)
        var accepted = 0
        for (file, yaml) in blocks {
            guard let flat = FlatFrontMatter.entries(yaml) else { continue }
            accepted += 1
            #expect(FrontMatterParser.yamsEntries(String(yaml)).entries == flat, "\(file)")
        }
        // The importer writes the flat subset: the fast reader must actually be the one used.
        #expect(accepted * 10 >= blocks.count * 8, "only \(accepted) of \(blocks.count) blocks read without Yams")
    }

    static let lines = [
        #"title: "Does SFT help?""#, #"title: "a \" quote and a \\ backslash""#, #"title: "Ünïcødé — dashes · and 漢字""#,
        #"tags: ["a", "b c",  "d"]"#, "tags: []", "tags: [ ]", #"aliases: ["x"]  "#, "date: 2024-05-01", "kind: note",
        "kind: Paper", "x: 1.5", "title: null", "title: yes", "title: ~", "collection: Safety and Robustness",
        "collection: Training, RL, and Test-Time Scaling", "title: a: b", #"title: "x" # comment"#, "title: x # comment",
        "title: 'single'", #"title: "tab\there""#, #"title: "esc \n""#, #"title: "\u00e9""#, "title:", "title:   ",
        "  indented: x", "- item", "title: - x", "title: [a, b]", #"title: ["a", b]"#, #"tags: ["a",]"#, "title: {a: b}",
        "title: &anchor x", "title: *alias", "title: !tag x", "title: |", "title: >", "title: x  ", "title: (a) b",
        "title: .hidden", "Key_With-Dash9: v", "9key: v", "title: \"nel \u{85} here\"", "title: \"bom \u{FEFF}\"",
        "title: \"ls \u{2028}\"", "title: \"c1 \u{9F}\"", "title: \"del \u{7F}\"", #"title: "unterminated"#,
        #"tags: ["a" "b"]"#, "url: https://example.org/x", "title: plain with  two spaces",
    ]

    @Test func acceptedLinesMatchYamsAndTheRestFallBack() {
        var accepted = 0, refused = 0
        for (i, line) in Self.lines.enumerated() {
            // Each line alone, and after two ordinary lines (positions shift).
            for yaml in [line + "\n", "kind: note\ndate: \"2024\"\n" + line + "\n"] {
                guard let flat = FlatFrontMatter.entries(yaml[...]) else { refused += 1; continue }
                accepted += 1
                let yams = FrontMatterParser.yamsEntries(yaml).entries
                #expect(yams == flat, "line \(i): \(line)")
            }
        }
        #expect(accepted >= 30)
        #expect(refused >= 40)
    }

    @Test func duplicateKeysAndBlankLinesAreLeftToYams() {
        #expect(FlatFrontMatter.entries("title: \"a\"\ntitle: \"b\"\n") == nil)
        let withBlank = FlatFrontMatter.entries("title: \"a\"\n\nkind: note\n")
        #expect(withBlank?.map(\.key) == ["title", "kind"])
        #expect(withBlank?.last?.location == SourceLocation(line: 4, column: 7))
    }
}

extension Swift.Result where Success == [FlatFrontMatter.Entry] {
    var entries: [FlatFrontMatter.Entry]? { try? get() }
}
