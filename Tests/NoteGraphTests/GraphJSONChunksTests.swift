import Foundation
@testable import GraphQuery
import NoteGraph
import NoteParsing
import Testing

/// graph.json's chunks made from the same nodes and edges as the last build's are copied from its file, and the
/// file is byte for byte the one encoding every chunk writes.
@Suite("graph.json chunks carried over")
struct GraphJSONChunksTests {
    /// A chain of notes, each citing the one before, with a claim each: enough items for many chunks.
    static func graph(count: Int, title: (Int) -> String = { "Note \($0)" }, skipping skipped: Set<Int> = []) -> Graph {
        let kept = (0..<count).filter { !skipped.contains($0) }
        var nodes = kept.map { Node(id: NodeID("note/n\($0)"), kind: .note, title: title($0), url: "note/n\($0).html") }
        nodes += kept.map { i in
            var claim = Node(id: NodeID("claim/n\(i)/c"), kind: .claim, title: "Method \(i) lifts accuracy by \(i)%.", url: "note/n\(i).html", fragment: "claim-c", path: "note/n\(i).md")
            claim.text = claim.title
            return claim
        }
        var edges = zip(kept.dropFirst(), kept).map { Edge(source: NodeID("note/n\($0)"), target: NodeID("note/n\($1)"), kind: .cites, context: "see note \($1)") }
        edges += kept.map { Edge(source: NodeID("note/n\($0)"), target: NodeID("claim/n\($0)/c"), kind: .asserts, context: "Method \($0) lifts accuracy by \($0)%.") }
        return Graph(nodes: nodes, edges: edges, unresolved: [], documents: [:])
    }

    /// The file, and the table of where its chunks lie.
    static func write(_ graph: Graph, reusing reuse: GraphJSONReuse? = nil) -> (bytes: [UInt8], chunks: GraphJSONChunks) {
        var bytes: [UInt8] = []
        let chunks = GraphJSON.write(graph, reusing: reuse) { bytes += $0 }
        return (bytes, chunks)
    }

    /// Reads ranges of `file`, as a build reads the current site's graph.json.
    static func reader(_ file: [UInt8]) -> GraphJSONReuse.Reader {
        { offset, buffer in
            guard offset >= 0, offset + buffer.count <= file.count else { return false }
            file.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + buffer.count])) }
            return true
        }
    }

    @Test func theTableSaysWhereEachChunkIs() throws {
        let (bytes, table) = Self.write(Self.graph(count: 6_000))
        #expect(table.chunks.count > 4)
        for chunk in table.chunks {
            let piece = Array(bytes[chunk.offset..<chunk.offset + chunk.count])
            #expect(piece.first == UInt8(ascii: "{") && piece.last == UInt8(ascii: "}"))
            #expect(piece.withUnsafeBytes { FNV1a.words($0) } == chunk.bytes)
        }
        // Chunks end by content: none longer than the cap, and not every one the same size.
        #expect(Set(table.chunks.map(\.count)).count > 1)
    }

    /// A title changed near the end, a note removed near the front: only the chunks holding them are made again,
    /// and the file is the one a build without the last file writes.
    @Test func unchangedChunksAreCopiedAndTheFileIsTheSame() throws {
        let before = Self.write(Self.graph(count: 6_000))
        let edited = Self.graph(count: 6_000, title: { $0 == 5_500 ? "Note 5500, renamed" : "Note \($0)" }, skipping: [40])
        let fresh = Self.write(edited)
        let reuse = GraphJSONReuse(previous: before.chunks, read: Self.reader(before.bytes))
        let rebuilt = Self.write(edited, reusing: reuse)
        #expect(rebuilt.bytes == fresh.bytes)
        #expect(rebuilt.chunks == fresh.chunks)
        #expect(reuse.made == fresh.chunks)
        let total = fresh.chunks.chunks.count
        // The renamed note's node and the removed note's node, cites and asserts edges and claim: a few chunks.
        #expect(reuse.copied >= total - 8 && reuse.copied < total, "copied \(reuse.copied) of \(total)")
        #expect(try JSONSerialization.jsonObject(with: Data(rebuilt.bytes)) is [String: Any])
    }

    /// Bytes that are no longer the last build's (the file was changed since, or cannot be read) are not copied.
    @Test func aChangedOldFileIsNotCopiedFrom() throws {
        let graph = Self.graph(count: 6_000)
        let before = Self.write(graph)
        var damaged = before.bytes
        let first = try #require(before.chunks.chunks.first)
        damaged[first.offset + first.count / 2] ^= 0x20
        let reuse = GraphJSONReuse(previous: before.chunks, read: Self.reader(damaged))
        #expect(Self.write(graph, reusing: reuse).bytes == before.bytes)
        #expect(reuse.copied == before.chunks.chunks.count - 1)
        let unreadable = GraphJSONReuse(previous: before.chunks, read: { _, _ in false })
        #expect(Self.write(graph, reusing: unreadable).bytes == before.bytes)
        #expect(unreadable.copied == 0)
        // With no table at all, the table is still made, for the next build.
        let none = GraphJSONReuse()
        #expect(Self.write(graph, reusing: none).bytes == before.bytes && none.made == before.chunks && none.copied == 0)
    }

    /// A sink that copies chunks itself (as the site's publication does, in the kernel) gets the chunks to copy
    /// by place, not their bytes; one it cannot copy is encoded, and the file is the same either way.
    @Test func aSinkThatCopiesGetsRangesAndTheFileIsTheSame() throws {
        let before = Self.write(Self.graph(count: 6_000))
        let edited = Self.graph(count: 6_000, title: { $0 == 5_500 ? "Note 5500, renamed" : "Note \($0)" })
        let fresh = Self.write(edited)
        /// The file the sink makes, how many chunks it copied, and the hashes it was handed, in order.
        func write(refusing refused: Set<Int> = []) throws -> (bytes: [UInt8], copies: Int, hashes: [UInt64], reuse: GraphJSONReuse) {
            var bytes: [UInt8] = [], copies = 0, asked = 0, hashes: [UInt64] = []
            let sink = ChunkedSink(write: { piece, hash in
                bytes += piece
                hashes.append(hash ?? piece.withUnsafeBytes { FNV1a.words($0) })
            }, copy: { offset, count, hash in
                defer { asked += 1 }
                guard !refused.contains(asked) else { return false }
                let piece = Array(before.bytes[offset..<offset + count])
                #expect(piece.withUnsafeBytes { FNV1a.words($0) } == hash, "the hash handed over is the range's")
                bytes += piece
                hashes.append(hash)
                copies += 1
                return true
            })
            // No reader: a sink that copies is never made to read.
            let reuse = GraphJSONReuse(previous: before.chunks, read: { _, _ in Issue.record("read"); return false })
            try GraphJSON.write(edited, reusing: reuse, into: sink)
            return (bytes, copies, hashes, reuse)
        }
        let copied = try write()
        #expect(copied.bytes == fresh.bytes)
        #expect(copied.reuse.made == fresh.chunks && copied.reuse.copied == copied.copies)
        #expect(copied.copies >= fresh.chunks.chunks.count - 3 && copied.copies < fresh.chunks.chunks.count)
        // Chunks the sink will not copy (the first and the fourth asked for) are encoded in their place.
        let refused = try write(refusing: [0, 3])
        #expect(refused.bytes == fresh.bytes)
        #expect(refused.copies == copied.copies - 2 && refused.reuse.copied == refused.copies)
        // Every piece's hash is its bytes' (what a chunked file's manifest hash is made from), whichever way it came.
        #expect(refused.hashes == copied.hashes)
    }

    /// When every chunk is one of the last build's, a sink that can keep its file is asked first, with the pieces
    /// the file would be made of; if it keeps it, nothing is written or copied, and the table is the file's. If it
    /// cannot, the file is written as usual; and when a chunk changed, it is not asked at all.
    @Test func aSinkIsAskedToKeepItsFileWhenEveryChunkIsTheLastBuilds() throws {
        let graph = Self.graph(count: 6_000)
        let before = Self.write(graph)
        func write(_ graph: Graph, keeping: Bool) throws -> (bytes: [UInt8], asked: [(hash: UInt64, count: Int)]?, reuse: GraphJSONReuse) {
            var bytes: [UInt8] = [], asked: [(hash: UInt64, count: Int)]?
            let sink = ChunkedSink(write: { piece, _ in bytes += piece }, copy: { offset, count, _ in
                bytes += before.bytes[offset..<offset + count]
                return true
            }, unchanged: { pieces in
                #expect(bytes.isEmpty, "asked before anything is written")
                asked = pieces
                return keeping
            })
            let reuse = GraphJSONReuse(previous: before.chunks)
            try GraphJSON.write(graph, reusing: reuse, into: sink)
            return (bytes, asked, reuse)
        }
        let kept = try write(graph, keeping: true)
        #expect(kept.bytes.isEmpty)
        let pieces = try #require(kept.asked)
        // The pieces are the last file's, in order: each one's hash is that of the bytes at its place.
        #expect(pieces.reduce(0) { $0 + $1.count } == before.bytes.count)
        var offset = 0
        for piece in pieces {
            #expect(before.bytes.withUnsafeBytes { FNV1a.words(UnsafeRawBufferPointer(rebasing: $0[offset..<offset + piece.count])) } == piece.hash)
            offset += piece.count
        }
        #expect(kept.reuse.made == before.chunks && kept.reuse.copied == before.chunks.chunks.count)

        let refused = try write(graph, keeping: false)
        #expect(refused.asked != nil && refused.bytes == before.bytes && refused.reuse.made == before.chunks)

        let edited = Self.graph(count: 6_000, title: { $0 == 5_500 ? "Note 5500, renamed" : "Note \($0)" })
        let changed = try write(edited, keeping: true)
        #expect(changed.asked == nil)
        #expect(changed.bytes == Self.write(edited).bytes)
    }

    @Test func theTableReadsBackOnlyUnderItsKey() throws {
        let table = Self.write(Self.graph(count: 3_000)).chunks
        let key = Array("executable stamp".utf8)
        let bytes = table.bytes(key: key)
        #expect(GraphJSONChunks(bytes: bytes, key: key) == table)
        #expect(GraphJSONChunks(bytes: bytes, key: Array("another".utf8)) == nil)
        #expect(GraphJSONChunks(bytes: Array(bytes.dropLast(5)), key: key) == nil)
        #expect(GraphJSONChunks(bytes: Array("not a table".utf8), key: key) == nil)
        #expect(GraphJSONChunks(bytes: GraphJSONChunks(chunks: []).bytes(key: key), key: key) == GraphJSONChunks(chunks: []))
    }

    @Test func aFileStampReadsBackAndNothingElseReadsAsOne() {
        let stamp = FileStamp(size: 12_345, modified: 1_700_000_000_123_456_789, inode: 42)
        #expect(FileStamp(bytes: stamp.bytes) == stamp)
        #expect(stamp.bytes == Array("12345 1700000000123456789 42\n".utf8))
        for bad in ["", "12345 1700000000123456789 42", "12345 1700000000123456789\n", "1 2 3 4\n", "a b c\n", "1  2 3\n"] {
            #expect(FileStamp(bytes: Array(bad.utf8)) == nil, "\(bad)")
        }
    }

    /// The hash that decides a chunk's copy tells apart what its encoding tells apart.
    @Test func itemsThatEncodeDifferentlyHashDifferently() {
        func hash(_ node: Node) -> UInt64 {
            var h = JSONCallHasher()
            GraphJSON.write(node, to: &h)
            return h.value
        }
        var a = Node(id: NodeID("note/a"), kind: .note, title: "A", url: "note/a.html")
        var b = a
        #expect(hash(a) == hash(b))
        b.tags = ["x"]
        #expect(hash(a) != hash(b))
        a.summary = "x"  // the same text in another field
        #expect(hash(a) != hash(b) && GraphJSON.encode(a) != GraphJSON.encode(b))
        var c = a
        c.title = "A "
        #expect(hash(a) != hash(c))
    }
}
