import Foundation
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
}
