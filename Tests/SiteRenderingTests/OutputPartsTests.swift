import Foundation
import GraphQuery
import Testing
import NoteParsing
@testable import Workspace

/// Large files travel in parts (graph.json is never joined in memory): every consumer must see the same bytes.
@Suite("Files in parts")
struct OutputPartsTests {
    /// Deterministic pseudo-random bytes and cut points.
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var x = seed
        return (0..<count).map { _ in x = x &* 6364136223846793005 &+ 1442695040888963407; return UInt8(truncatingIfNeeded: x >> 33) }
    }

    @Test func contentHashOfPartsIsTheHashOfTheirBytes() {
        let whole = Self.bytes(1_000, seed: 7)
        var differing = Set<String>()
        for cuts in [[], [0], [1], [7], [8], [9], [3, 5, 6, 7, 8], [500], [999], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 17, 33, 64, 65, 999]] {
            var parts: [[UInt8]] = []
            var start = 0
            for cut in cuts + [whole.count] { parts.append(Array(whole[start..<cut])); start = cut }
            #expect(ContentHash.hex(parts) == ContentHash.hex(whole), "cuts \(cuts)")
            differing.insert(ContentHash.hex(parts))
        }
        #expect(differing.count == 1)
        #expect(ContentHash.hex(Self.bytes(1_000, seed: 8)) != ContentHash.hex(whole))
    }

    /// The manifest's hash and the parse cache's checksum are one function, whatever the tail of short bytes.
    @Test func contentHashIsTheWordsHash() {
        for count in [0, 1, 7, 8, 9, 15, 16, 17, 1_000] {
            let bytes = Self.bytes(count, seed: UInt64(count) + 1)
            let words = String(bytes.withUnsafeBytes { FNV1a.words($0) }, radix: 16)
            #expect(ContentHash.hex(bytes) == String(repeating: "0", count: 16 - words.count) + words, "\(count) bytes")
        }
    }

    /// A fresh folder with an empty notes folder and a site output beside it, checked as a build checks it.
    static func newSite(_ name: String) throws -> (root: URL, out: URL, output: SiteOutput) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("notegraph-\(name)-\(UUID().uuidString)")
        let notes = root.appendingPathComponent("notes"), out = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        let output = SiteOutput(out)
        try output.checkSafe(notesFolder: notes)
        return (root, out, output)
    }

    @Test func publishingPartsWritesTheirBytes() throws {
        let (root, out, output) = try Self.newSite("parts")
        defer { try? FileManager.default.removeItem(at: root) }
        let whole = Self.bytes(70_000, seed: 3)
        let parts = [Array(whole[..<5]), [], Array(whole[5..<65_536]), Array(whole[65_536...])]
        do {
            let publication = try output.begin()
            try publication.add([(path: "big.json", parts: parts)])
            _ = try publication.commit()
        }
        #expect(try Data(contentsOf: out.appendingPathComponent("big.json")) == Data(whole))
        // A second build with the same bytes in other parts carries the file over instead of rewriting it.
        let again = try output.begin()
        try again.add([(path: "big.json", parts: [whole])])
        #expect(try again.commit().unchanged == 1)
    }

    /// A file handed over piece by piece while it is written: same bytes, same hash as when it is given whole, and
    /// carried over when the next build makes the same bytes.
    @Test func publishingAProducedFileWritesItsBytesAndCarriesThemOver() throws {
        let (root, out, output) = try Self.newSite("produced")
        defer { try? FileManager.default.removeItem(at: root) }
        let whole = Self.bytes(70_000, seed: 5)
        func publish(_ bytes: [UInt8]) throws -> SiteOutput.Report {
            let publication = try output.begin()
            try publication.add(path: "data/big.json") { sink in
                for start in stride(from: 0, to: bytes.count, by: 4_099) { try sink(Array(bytes[start..<min(start + 4_099, bytes.count)])) }
            }
            return try publication.commit()
        }
        #expect(try publish(whole).written == 1)
        let file = out.appendingPathComponent("data/big.json")
        #expect(try Data(contentsOf: file) == Data(whole))
        #expect(output.previousManifest()["data/big.json"] == ContentHash.hex(whole))
        let inode = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int)
        #expect(try publish(whole).unchanged == 1)
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int == inode)
        let changed = Self.bytes(70_001, seed: 6)
        #expect(try publish(changed).written == 1)
        #expect(try Data(contentsOf: file) == Data(changed))
    }

    /// A chunked file (graph.json): pieces of the current site's file copied by the kernel, the rest written; the
    /// bytes and the manifest hash are the same as when every piece is written, an unchanged file is carried over,
    /// and a copy that cannot be made leaves nothing half written.
    @Test func publishingAChunkedFileCopiesPiecesOfTheCurrentOne() throws {
        let (root, out, output) = try Self.newSite("chunked")
        defer { try? FileManager.default.removeItem(at: root) }
        let pieces = (0..<12).map { Self.bytes(5_000 + 37 * $0, seed: UInt64($0 + 20)) }
        var offsets: [Int] = [], at = 0
        for piece in pieces { offsets.append(at); at += piece.count }
        /// Publishes the pieces, asking for copies of those in `copied` (a piece then comes from the current file,
        /// at `offsets`); returns the report, which copies were made, and the stamp.
        func publish(_ pieces: [[UInt8]], copying copied: Set<Int> = [], offsets: [Int] = offsets) throws -> (report: SiteOutput.Report, made: [Bool], stamp: FileStamp?) {
            let publication = try output.begin()
            let current = output.publishedFile("graph.json")
            var made: [Bool] = []
            let (_, stamp) = try publication.add(path: "graph.json", copyingFrom: current) { sink in
                for (k, piece) in pieces.enumerated() {
                    if copied.contains(k), let copy = sink.copy, try copy(offsets[k], piece.count, piece.withUnsafeBytes { FNV1a.words($0) }) {
                        made.append(true)
                        continue
                    }
                    made.append(false)
                    try sink.write(piece, nil)
                }
            }
            return (try publication.commit(), made, stamp)
        }
        let file = out.appendingPathComponent("graph.json")
        let first = try publish(pieces, copying: [0, 1])  // nothing published yet: nothing to copy from
        #expect(first.made.allSatisfy { !$0 } && first.report.written == 1)
        #expect(try Data(contentsOf: file) == Data(pieces.joined()))
        let hash = output.previousManifest()["graph.json"]
        let stamp = try #require(output.publishedFile("graph.json")?.stamp)
        #expect(first.stamp == stamp)
        // The same pieces, most copied: the same file, carried over (the same inode) since its hash is the same.
        let copiedAll = try publish(pieces, copying: Set(0..<11))
        #expect(copiedAll.made == (0..<12).map { $0 < 11 })
        #expect(copiedAll.report.unchanged == 1)
        #expect(output.previousManifest()["graph.json"] == hash)
        #expect(output.publishedFile("graph.json")?.stamp == stamp)
        // One piece changed: written, the others copied, the bytes right.
        var changed = pieces
        changed[5] = Self.bytes(5_200, seed: 99)
        let edited = try publish(changed, copying: Set(0..<12).subtracting([5]))
        #expect(edited.report.written == 1 && edited.made.filter { $0 }.count == 11)
        #expect(try Data(contentsOf: file) == Data(changed.joined()))
        #expect(output.previousManifest()["graph.json"] != hash)
        // A range past the end of the current file cannot be copied: the piece is written instead, whole.
        var changedOffsets = offsets
        for k in 6..<12 { changedOffsets[k] += 5_200 - pieces[5].count }
        changedOffsets[11] = 1 << 30
        let outOfRange = try publish(changed, copying: [11], offsets: changedOffsets)
        #expect(outOfRange.made == Array(repeating: false, count: 12))
        #expect(try Data(contentsOf: file) == Data(changed.joined()))
        // The current file cut short after it was opened: the kernel copy fails part way, what it copied is cut
        // away, the piece is written instead, and no later piece is copied.
        let publication = try output.begin()
        let current = try #require(output.publishedFile("graph.json"))
        let whole = Data(changed.joined())
        let cut = try FileHandle(forWritingTo: file)
        try cut.truncate(atOffset: UInt64(whole.count - 3_000))
        try cut.close()
        var made: [Bool] = [], start = 0
        try publication.add(path: "graph.json", copyingFrom: current) { sink in
            for piece in changed {
                defer { start += piece.count }
                if try sink.copy!(start, piece.count, piece.withUnsafeBytes { FNV1a.words($0) }) {
                    made.append(true)
                } else {
                    made.append(false)
                    try sink.write(piece, nil)
                }
            }
        }
        _ = try publication.commit()
        #expect(made == (0..<12).map { $0 < 11 })
        #expect(try Data(contentsOf: file) == whole)
    }
}
