import Foundation
import NoteParsing
import Testing
import TestSupport

/// The parse cache's encoding: every document of every fixture corpus comes back equal, and damaged bytes are
/// refused instead of misread.
@Suite struct NoteDocumentBinaryTests {
    /// Every `.md` file of every fixture folder, parsed.
    static func fixtureDocuments() throws -> [NoteDocument] {
        let root = Fixtures.url("")
        let paths = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }.sorted()
        return try paths.map { path in
            let bytes = try Data(contentsOf: root.appendingPathComponent(path))
            return NoteParser.parse(SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self)))
        }
    }

    static func encoded(_ document: NoteDocument) -> [UInt8] {
        var w = BinaryWriter()
        document.encode(into: &w)
        return w.bytes
    }

    static func decoded(_ bytes: [UInt8]) throws -> NoteDocument {
        try bytes.withUnsafeBytes { raw in
            var r = BinaryReader(raw)
            let document = try NoteDocument(reading: &r)
            guard r.isAtEnd else { throw BinaryReader.Damaged() }
            return document
        }
    }

    @Test func everyFixtureDocumentRoundTrips() throws {
        let documents = try Self.fixtureDocuments()
        #expect(documents.count > 30)
        // The fixtures hold every block and inline kind the parser makes; check they are really exercised.
        #expect(documents.contains { $0.blocks.contains { if case .table = $0 { return true } else { return false } } })
        #expect(documents.contains { !$0.diagnostics.isEmpty })
        for document in documents {
            #expect(try Self.decoded(Self.encoded(document)) == document, "\(document.path)")
        }
    }

    /// A packed body (see `NoteDocument.packBody`) reads back as the tree it was packed from, encodes to the same
    /// bytes (so fingerprints do not depend on it), and a document read from those bytes keeps its body packed.
    @Test func aPackedBodyReadsBackAsItsTree() throws {
        for document in try Self.fixtureDocuments() {
            var packed = document
            packed.packBody()
            #expect(packed.isBodyPacked && !document.isBodyPacked)
            #expect(packed.blocks == document.blocks, "\(document.path)")
            #expect(packed == document && packed.plainText == document.plainText)
            #expect(Self.encoded(packed) == Self.encoded(document))
            let decoded = try Self.decoded(Self.encoded(document))
            #expect(decoded.isBodyPacked && decoded.blocks == document.blocks)
        }
    }

    @Test func repeatedStringsAreWrittenOnce() throws {
        // The title, the front matter's title, the body's text run, the paragraph's text and its one sentence are
        // the same string: written once for the titles and once in the body's bytes, which read back alone (see
        // `NoteDocument.packBody`), with the paragraph's text and sentence as places in them.
        let sentence = "Does a sentence long enough to be stored out of line get written once?"
        let file = SourceFile(path: "a.md", text: "# \(sentence)\n\n\(sentence)\n")
        let document = NoteParser.parse(file)
        let bytes = Self.encoded(document)
        let occurrences = bytes.indices.filter { bytes[$0...].starts(with: Array(sentence.utf8)) }.count
        #expect(occurrences == 2)
        #expect(try Self.decoded(bytes) == document)
    }

    @Test func sentencesAreWrittenAsPlacesInTheirParagraph() throws {
        // Three sentences, one citing a note: each sentence's bytes are in the encoding twice, in the tree's text run
        // and in the paragraph's text (written in full, the sentences made it three); the sentences and the link's
        // sentence are written as places in the paragraph's text and repeats.
        let sentences = [
            "Instruction tuning mostly teaches the output format.",
            "The gain vanishes once the format is given in the prompt, see [[Does format matter?]].",
            "Task understanding improves only with more diverse tasks.",
        ]
        let document = NoteParser.parse(SourceFile(path: "a.md", text: "# A question?\n\n\(sentences.joined(separator: " "))\n"))
        #expect(document.paragraphs.first?.sentences.count == 3)
        #expect(document.links.first?.sentence.isEmpty == false)
        let bytes = Self.encoded(document)
        for sentence in ["Instruction tuning mostly teaches", "Task understanding improves only"] {
            #expect(bytes.indices.filter { bytes[$0...].starts(with: Array(sentence.utf8)) }.count == 2, "\(sentence)")
        }
        #expect(try Self.decoded(bytes) == document)
    }

    @Test func sentencesThatAreNotPartOfTheirTextStillRoundTrip() throws {
        // Not what the parser makes, but a document is a value: out-of-order, edited and missing sentences come back.
        var document = NoteParser.parse(SourceFile(path: "a.md", text: "# A question?\n\nFirst sentence here. Second sentence here.\n"))
        let location = try #require(document.paragraphs.first?.location)
        document.paragraphs = [
            TextParagraph(text: "First sentence here. Second sentence here.", sentences: ["Second sentence here.", "First sentence here.", "A sentence found nowhere.", "", "Second sentence here."], section: nil, location: location),
            TextParagraph(text: "", sentences: ["x"], section: "S", location: location),
        ]
        #expect(try Self.decoded(Self.encoded(document)) == document)
    }

    @Test func canonicallyEqualStringsKeepTheirOwnBytes() throws {
        // Equal as Swift Strings (canonical equivalence), different bytes: neither may come back as the other.
        let nfc = "Caf\u{E9} results replicate across three seeds", nfd = "Cafe\u{301} results replicate across three seeds"
        #expect(nfc == nfd && Array(nfc.utf8) != Array(nfd.utf8))
        let document = NoteParser.parse(SourceFile(path: "a.md", text: "# \(nfc)\n\n\(nfd)\n"))
        let decoded = try Self.decoded(Self.encoded(document))
        #expect(Array(decoded.title.utf8) == Array(nfc.utf8))
        #expect(decoded.paragraphs.map { Array($0.text.utf8) } == [Array(nfd.utf8)])
    }

    @Test func truncatedOrDamagedBytesAreRefused() throws {
        let document = try #require(try Self.fixtureDocuments().first { !$0.links.isEmpty })
        let bytes = Self.encoded(document)
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
            #expect(throws: BinaryReader.Damaged.self) { try Self.decoded(Array(bytes[..<length])) }
        }
        // A link index past the links must not reach a renderer that trusts it.
        var broken = document
        broken.links.removeAll()
        #expect(throws: BinaryReader.Damaged.self) { try Self.decoded(Self.encoded(broken)) }
        // Nor a negative one, also when a valid one follows it: in the link's own text, or in the next table cell.
        let location = SourceLocation(line: 1, column: 1)
        let wikilink = Inline.wikilink(target: "B", heading: nil, label: nil, linkIndex: 0)
        for blocks in [
            [Block.paragraph([.link(destination: "b.md", title: "", [wikilink], linkIndex: -1)], location)],
            [Block.table(Table(alignments: [.none, .none], header: [[.wikilink(target: "B", heading: nil, label: nil, linkIndex: -1)], [wikilink]], rows: []))],
        ] {
            var negative = document
            negative.blocks = blocks
            #expect(throws: BinaryReader.Damaged.self) { try Self.decoded(Self.encoded(negative)) }
        }
        // Packed, a wikilink's negative number survives (a link's comes back as no number) and is not handed out.
        var packed = document
        packed.blocks = [Block.table(Table(alignments: [.none, .none], header: [[.wikilink(target: "B", heading: nil, label: nil, linkIndex: -1)], [wikilink]], rows: []))]
        packed.packBody()
        #expect(packed.blocks.isEmpty)
    }
}
