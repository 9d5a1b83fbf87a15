@testable import GraphAnalysis
import GraphQuery
import NoteGraph
import NoteParsing
import Testing

/// An analysis through the memo makes the graph an analysis without it makes, and reuses exactly the documents
/// whose findings cannot have changed: the same document under the same concept catalogue.
@Suite struct AnalysisMemoTests {
    static let key = Array("executable 1 2.3 4".utf8)

    /// The analysed graph (as graph.json has it), how many documents' findings were reused, and the new memo.
    /// `posingAs`: documents whose fingerprints stand in for the analysed ones of the same path.
    static func analyze(_ documents: [NoteDocument], memo: AnalysisMemo, key: [UInt8] = key, posingAs stand: [NoteDocument] = []) -> (json: [UInt8], reused: Int, bytes: [UInt8]) {
        var bytes: [UInt8] = []
        func fingerprint(_ document: NoteDocument) -> UInt64 {
            var w = BinaryWriter()
            document.encode(into: &w)
            return w.bytes.withUnsafeBytes { FNV1a.words($0) }
        }
        var fingerprints = Dictionary(uniqueKeysWithValues: documents.map { ($0.path, fingerprint($0)) })
        for document in stand { fingerprints[document.path] = fingerprint(document) }
        let use = AnalysisMemoUse(previous: memo, fingerprints: fingerprints, key: key) { bytes += $0 }
        let (graph, _) = GraphBuilder.build(documents)
        let analysed = CorpusAnalyzer.analyze(graph, memo: use)
        return (GraphJSON.encode(analysed), use.reused, bytes)
    }

    /// The corpus's documents with `old` replaced by `new` in the note at `path`.
    static func edited(_ path: String, replacing old: String, with new: String) throws -> [NoteDocument] {
        let sources = try CorpusFixture.sources("corpus-everything")
        #expect(sources.contains { $0.path == path && $0.text.contains(old) })
        return sources.map { file in
            file.path == path ? NoteParser.parse(SourceFile(path: path, text: file.text.replacingOccurrences(of: old, with: new))) : NoteParser.parse(file)
        }
    }

    static let note = "note/prm-outcome.md"

    @Test func aMemoOfTheSameCorpusIsReusedWholeAndChangesNothing() throws {
        let documents = try CorpusFixture.documents("corpus-everything")
        let cold = Self.analyze(documents, memo: .empty)
        #expect(cold.reused == 0)
        #expect(cold.json == GraphJSON.encode(CorpusAnalyzer.analyze(GraphBuilder.build(documents).graph)), "a memo being made changes nothing")

        let memo = AnalysisMemo(bytes: cold.bytes, key: Self.key)
        #expect(memo.count == documents.count)
        let again = Self.analyze(documents, memo: memo)
        #expect(again.reused == documents.count)
        #expect(again.json == cold.json)
        #expect(again.bytes == cold.bytes, "reused entries are copied as they are")
    }

    @Test func anEditedDocumentIsAnalysedAgainAndTheGraphIsAColdOnes() throws {
        let documents = try CorpusFixture.documents("corpus-everything")
        let memo = AnalysisMemo(bytes: Self.analyze(documents, memo: .empty).bytes, key: Self.key)
        let edited = try Self.edited(Self.note, replacing: "search efficiency by 7.5×", with: "search efficiency by 12×")

        let rebuilt = Self.analyze(edited, memo: memo)
        #expect(rebuilt.reused == documents.count - 1)
        let cold = Self.analyze(edited, memo: .empty)
        #expect(rebuilt.json == cold.json)
        #expect(rebuilt.json != Self.analyze(documents, memo: .empty).json, "the edit shows in the graph")
        #expect(rebuilt.bytes == cold.bytes)
    }

    @Test func aNewDefinitionAnywhereMakesEveryDocumentMatchedAgain() throws {
        let documents = try CorpusFixture.documents("corpus-everything")
        let memo = AnalysisMemo(bytes: Self.analyze(documents, memo: .empty).bytes, key: Self.key)
        let edited = try Self.edited(Self.note, replacing: "labelled steps.", with: "labelled steps. It builds on Zeta Quantized Tuning (ZQT).")

        let rebuilt = Self.analyze(edited, memo: memo)
        #expect(rebuilt.reused == 0)
        #expect(rebuilt.json == Self.analyze(edited, memo: .empty).json)
        #expect(String(decoding: rebuilt.json, as: UTF8.self).contains("\"concept/zqt\""))
    }

    /// A document's definitions come from the memo whenever its document is the one they were found in, even when
    /// the catalogue changed: planted through a document posing as the edited one, the memo's definition shows.
    @Test func definitionsAreTakenFromTheMemoForTheSameDocument() throws {
        let documents = try CorpusFixture.documents("corpus-everything")
        // Before the note's first sentence, so that its place is one the unedited note has too.
        let edited = try Self.edited(Self.note, replacing: "Process reward models improve", with: "It builds on Zeta Quantized Tuning (ZQT). Process reward models improve")
        let memo = AnalysisMemo(bytes: Self.analyze(edited, memo: .empty).bytes, key: Self.key)
        let plain = String(decoding: Self.analyze(documents, memo: memo).json, as: UTF8.self)
        #expect(!plain.contains("\"concept/zqt\""))
        let posing = Self.analyze(documents, memo: memo, posingAs: edited.filter { $0.path == Self.note })
        #expect(String(decoding: posing.json, as: UTF8.self).contains("\"concept/zqt\""))
    }

    @Test func anotherKeyOrADamagedMemoOnlyCostsAnalysingAgain() throws {
        let documents = try CorpusFixture.documents("corpus-everything")
        let cold = Self.analyze(documents, memo: .empty)
        #expect(AnalysisMemo(bytes: cold.bytes, key: Array("executable 9 9.9 9".utf8)).count == 0)
        #expect(AnalysisMemo(bytes: Array(cold.bytes.dropFirst()), key: Self.key).count == 0)

        // Cut among the documents' entries, a document is analysed again; cut in the evidence index's, the index is
        // counted again.
        let indexStart = try #require(Self.evidenceIndexEntryStart(cold.bytes))
        for cut in stride(from: indexStart / 3, to: indexStart, by: indexStart / 5) {
            let run = Self.analyze(documents, memo: AnalysisMemo(bytes: Array(cold.bytes[..<cut]), key: Self.key))
            #expect(run.json == cold.json)
            #expect(run.reused < documents.count)
        }
        for cut in stride(from: indexStart + 1, to: cold.bytes.count, by: (cold.bytes.count - indexStart) / 4) {
            let run = Self.analyze(documents, memo: AnalysisMemo(bytes: Array(cold.bytes[..<cut]), key: Self.key))
            #expect(run.json == cold.json)
            #expect(run.reused == documents.count)
            #expect(run.bytes == cold.bytes)
        }
        // Flipped bytes in the last entry, the evidence index's, fail its checksum: the index is counted again, not
        // misread, and every document's findings are still reused.
        for offset in (cold.bytes.count - 12)..<(cold.bytes.count - 2) {
            var damaged = cold.bytes
            damaged[offset] ^= 0x01
            let flipped = Self.analyze(documents, memo: AnalysisMemo(bytes: damaged, key: Self.key))
            #expect(flipped.json == cold.json)
            #expect(flipped.reused == documents.count)
            #expect(flipped.bytes == cold.bytes, "the index counted again is the one stored before")
        }
        // Flipped bytes in the last document's entry (just before the index's) fail its checksum, so that document is
        // analysed again.
        for offset in (indexStart - 10)..<(indexStart - 2) {
            var damaged = cold.bytes
            damaged[offset] ^= 0x01
            let flipped = Self.analyze(documents, memo: AnalysisMemo(bytes: damaged, key: Self.key))
            #expect(flipped.json == cold.json)
            #expect(flipped.reused == documents.count - 1)
        }
    }

    /// Where the evidence index's entry starts in memo bytes: the entries are read in order, as the memo reads
    /// them, to the one under the empty path.
    static func evidenceIndexEntryStart(_ bytes: [UInt8]) -> Int? {
        guard let start = CacheHeader.end(of: bytes, format: AnalysisMemo.formatLine, key: key) else { return nil }
        return bytes.withUnsafeBytes { raw -> Int? in
            var r = BinaryReader(raw, at: start)
            _ = try? r.int()
            while !r.isAtEnd {
                let entry = r.offset
                guard let path = try? r.string(), (try? r.int()) != nil, (try? r.int()) != nil, (try? r.raw()) != nil, (try? r.int()) != nil else { return nil }
                if path == AnalysisMemo.evidenceIndexPath { return entry }
            }
            return nil
        }
    }

    /// The memo keeps the index evidence is ranked by; an edit that changes one note counts only it again, and the
    /// index is the one a cold analysis makes (the memo's bytes are equal), as are the evidence edges.
    @Test func theEvidenceIndexIsKeptAndUpdatedForAnEdit() throws {
        let documents = try CorpusFixture.documents("corpus-everything")
        let cold = Self.analyze(documents, memo: .empty)
        #expect(String(decoding: cold.json, as: UTF8.self).contains("\"evidence\""), "the corpus has an open question")
        let edited = try Self.edited(Self.note, replacing: "labelled steps.", with: "labelled steps about Kahneman-Tversky Optimization without SFT.")
        let rebuilt = Self.analyze(edited, memo: AnalysisMemo(bytes: cold.bytes, key: Self.key))
        let fresh = Self.analyze(edited, memo: .empty)
        #expect(rebuilt.json == fresh.json)
        #expect(rebuilt.bytes == fresh.bytes)
        #expect(rebuilt.bytes != cold.bytes, "the edit changed the index")
    }
}
