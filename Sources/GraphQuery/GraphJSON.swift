import Foundation
import NoteGraph
import NoteParsing

/// `graph.json`: the graph as a stable contract for scripts and other tools.
///
/// `{"nodes":[{id, kind, title, url, status?, aliases?, text?, source?, …}], "edges":[{source, target, kind,
/// context?, score?, reason?}], "unresolved":[…]}`. Ids are stable across builds; keys are sorted and optional
/// fields omitted, so identical input gives identical bytes. New fields may be added; none are removed.
public enum GraphJSON {
    /// The whole graph (`write(_:to:)`'s pieces joined).
    public static func encode(_ graph: Graph) -> [UInt8] {
        var bytes: [UInt8] = []
        write(graph) { bytes += $0 }
        return bytes
    }

    /// How many chunks of nodes or edges are encoded side by side before they are handed on: enough to keep both
    /// cores busy, few enough that only megabytes of the file are in memory at a time.
    static let chunksInFlight = 4

    /// Where chunks end (see `GraphJSONChunks`): after an item whose hash has these bits clear, once a chunk holds
    /// `minimumChunk` items, and at `maximumChunk` items regardless; about 2,500 items a chunk.
    static let chunkEndBits: UInt64 = 0x7FF
    static let minimumChunk = 512
    static let maximumChunk = 8_192

    /// The whole graph, handed to `sink` piece by piece in file order: nodes and edges are encoded in chunks on all
    /// cores, a few chunks at a time, so the file is never whole in memory. With `reuse`, a chunk whose items are
    /// those of a chunk of the last build's file is copied from that file instead (see `GraphJSONChunks`); the
    /// bytes are the same either way. Returns where this file's chunks lie, for the next build.
    @discardableResult
    public static func write(_ graph: Graph, reusing reuse: GraphJSONReuse? = nil, to sink: ([UInt8]) throws -> Void) rethrows -> GraphJSONChunks {
        try withoutActuallyEscaping(sink) { sink in
            try write(graph, reusing: reuse, into: ChunkedSink(write: { bytes, _ in try sink(bytes) }))
        }
    }

    /// The same into a sink that may copy the last build's chunks itself (`ChunkedSink.copy`, a kernel copy from
    /// the published file to the new one): such chunks are neither read nor checked here, since the caller copies
    /// only from a file still stamped as the last build left it (see `FileStamp`); one it cannot copy is encoded.
    ///
    /// Every item is hashed and the chunks cut before any is written, so that when every chunk is one of the last
    /// build's, the sink is first asked whether those pieces are its file whole (`ChunkedSink.unchanged`): after an
    /// edit that changed no node or edge, that file is kept as it is instead of copied piece by piece.
    ///
    /// `hashes`: the graph's `ItemHashes`, when the caller made them already (the site's page fingerprints read them).
    @discardableResult
    public static func write(_ graph: Graph, reusing reuse: GraphJSONReuse? = nil, into sink: ChunkedSink, hashes: ItemHashes? = nil) throws -> GraphJSONChunks {
        let hashes = hashes ?? ItemHashes(graph)
        let edgeChunks = cut(hashes.edges, seed: 1)
        let nodeChunks = cut(hashes.nodes, seed: 2)
        if let reuse, let unchanged = sink.unchanged, (edgeChunks + nodeChunks).allSatisfy({ reuse.previousChunk(items: $0.items) != nil }) {
            // The pieces the file would be made of, as the writing below hands them over (every chunk a copy, so
            // nothing is encoded): the sink keeps its file if they are that file's.
            var pieces: [(hash: UInt64, count: Int)] = []
            let recording = ChunkedSink(write: { bytes, known in
                pieces.append((known ?? bytes.withUnsafeBytes { FNV1a.words($0) }, bytes.count))
            }, copy: { _, count, hash in
                pieces.append((hash, count))
                return true
            })
            let made = try write(graph, edges: edgeChunks, nodes: nodeChunks, reusing: reuse, into: recording)
            if try unchanged(pieces) {
                reuse.keptWhole = true
                return made
            }
        }
        return try write(graph, edges: edgeChunks, nodes: nodeChunks, reusing: reuse, into: sink)
    }

    /// The file from its chunks as `cut` planned them, into `sink`.
    private static func write(
        _ graph: Graph, edges edgeChunks: [PlannedChunk], nodes nodeChunks: [PlannedChunk], reusing reuse: GraphJSONReuse?, into sink: ChunkedSink
    ) throws -> GraphJSONChunks {
        let separator = Array(",".utf8)
        var offset = 0
        var table: [GraphJSONChunks.Chunk] = []
        var copied = 0
        func emit(_ bytes: [UInt8], hash: UInt64? = nil) throws {
            offset += bytes.count
            try sink.write(bytes, hash)
        }
        /// `describe` gets the item by its place in the buffer: handing it over as a value copied every node and
        /// edge (retaining all their strings) only to read it. It writes the item to a JSONWriter.
        func list<T: Sendable>(_ items: [T], chunks planned: [PlannedChunk], describe: @escaping @Sendable (UnsafeBufferPointer<T>, Int, inout JSONWriter) -> Void) throws {
            var first = true
            // One buffer per chunk in flight, used again by every round: a round's chunks are written out before the
            // next is encoded, and fresh buffers each round were graph.json's size in fresh memory faulted in. Beside
            // each, the chunk's entry in the table and how it was made.
            let slots = UnsafeMutablePointer<[UInt8]>.allocate(capacity: chunksInFlight)
            slots.initialize(repeating: [], count: chunksInFlight)
            let entries = UnsafeMutablePointer<(chunk: GraphJSONChunks.Chunk, made: Made)>.allocate(capacity: chunksInFlight)
            defer {
                slots.deinitialize(count: chunksInFlight)
                slots.deallocate()
                entries.deallocate()
            }
            // Each chunk of a round takes its own slot and puts it back: no two threads touch one slot.
            nonisolated(unsafe) let sharedSlots = slots, sharedEntries = entries
            let sinkCopies = sink.copy != nil
            /// Encodes the items in `range` into `slot`; the chunk's entry, its offset still to be set.
            @Sendable func encode(_ range: Range<Int>, items itemsHash: UInt64, into slot: UnsafeMutablePointer<[UInt8]>) -> GraphJSONChunks.Chunk {
                // Room for a chunk of 2,000 claims (about 1.3 MB) without growing: growing copies, and faults
                // in a buffer twice the size; reserved room is not faulted in until written.
                var w = JSONWriter(reusing: &slot.pointee, capacity: 4 << 20)
                items.withUnsafeBufferPointer { buffer in
                    for i in range { describe(buffer, i, &w) }
                }
                slot.pointee = w.takeBytes()
                let bytes = slot.pointee.withUnsafeBytes { FNV1a.words($0) }
                return GraphJSONChunks.Chunk(items: itemsHash, offset: 0, count: slot.pointee.count, bytes: bytes)
            }
            for roundStart in stride(from: 0, to: planned.count, by: chunksInFlight) {
                let chunks = Array(planned[roundStart..<min(roundStart + chunksInFlight, planned.count)])
                DispatchQueue.concurrentPerform(iterations: chunks.count) { k in
                    let slot = sharedSlots + k
                    if sinkCopies, let chunk = reuse?.previousChunk(items: chunks[k].items) {
                        (sharedEntries + k).initialize(to: (chunk, .copiedBySink))
                    } else if !sinkCopies, let chunk = reuse?.copy(items: chunks[k].items, into: &slot.pointee) {
                        (sharedEntries + k).initialize(to: (chunk, .read))
                    } else {
                        (sharedEntries + k).initialize(to: (encode(chunks[k].range, items: chunks[k].items, into: slot), .encoded))
                    }
                }
                for k in chunks.indices {
                    var (chunk, made) = entries[k]
                    if !first { try emit(separator) }
                    first = false
                    if made == .copiedBySink {
                        if try sink.copy!(chunk.offset, chunk.count, chunk.bytes) {
                            chunk.offset = offset
                            offset += chunk.count
                            table.append(chunk)
                            copied += 1
                            continue
                        }
                        chunk = encode(chunks[k].range, items: chunks[k].items, into: slots + k)
                        made = .encoded
                    }
                    chunk.offset = offset
                    try emit(slots[k], hash: chunk.bytes)
                    table.append(chunk)
                    if made == .read { copied += 1 }
                }
            }
        }
        try emit(Array(#"{"edges":["#.utf8))
        try list(graph.edges, chunks: edgeChunks) { edges, i, w in write((edges.baseAddress! + i).pointee, to: &w) }
        try emit(Array(#"],"nodes":["#.utf8))
        try list(graph.nodes, chunks: nodeChunks) { nodes, i, w in write((nodes.baseAddress! + i).pointee, to: &w) }
        // `{"unresolved":…}` without its opening brace continues the object after the nodes.
        try emit(Array("],".utf8) + tailObject(graph).dropFirst())
        let made = GraphJSONChunks(chunks: table)
        reuse?.made = made
        reuse?.copied = copied
        return made
    }

    /// A chunk of a list as cut from its items' hashes: which items, and the hash that names them.
    struct PlannedChunk {
        var range: Range<Int>
        var items: UInt64
    }

    /// Cuts a list into chunks by its items' hashes (see `GraphJSONChunks`), in order.
    static func cut(_ hashes: [UInt64], seed: UInt64) -> [PlannedChunk] {
        var planned: [PlannedChunk] = []
        var chunkStart = 0, chunkHash = seed
        for (i, h) in hashes.enumerated() {
            chunkHash = FNV1a.mix(chunkHash, word: h)
            let size = i + 1 - chunkStart
            guard size >= maximumChunk || (size >= minimumChunk && (h >> 32) & chunkEndBits == 0) else { continue }
            planned.append(PlannedChunk(range: chunkStart..<i + 1, items: FNV1a.mix(chunkHash, word: UInt64(size))))
            chunkStart = i + 1
            chunkHash = seed
        }
        if chunkStart < hashes.count { planned.append(PlannedChunk(range: chunkStart..<hashes.count, items: FNV1a.mix(chunkHash, word: UInt64(hashes.count - chunkStart)))) }
        return planned
    }

    /// `{"unresolved":[…],"version":1}`: what follows the nodes.
    static func tailObject(_ graph: Graph) -> [UInt8] {
        var tail = JSONWriter()
        tail.beginObject()
        tail.key("unresolved")
        tail.beginArray()
        for u in graph.unresolved {
            tail.beginObject()
            tail.field("column", u.location.column)
            tail.field("file", u.file)
            tail.field("line", u.location.line)
            tail.field("sentence", u.sentence)
            tail.field("source", u.source.rawValue)
            tail.field("suggestion", u.suggestion)
            tail.field("target", u.target)
            tail.endObject()
        }
        tail.endArray()
        tail.field("version", 1)
        tail.endObject()
        return tail.bytes
    }

    /// How a chunk of graph.json was made: encoded here, read from the last build's file, or copied by the sink.
    private enum Made { case encoded, read, copiedBySink }

    /// One node as graph.json has it.
    public static func encode(_ node: Node) -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        write(node, to: &w)
        return w.bytes
    }

    /// Keys in sorted order; optional fields and empty lists omitted.
    // Always inlined: a call with the node read through a pointer (`pointee`) copies it first, retaining every string
    // it holds, since the compiler cannot tell that nothing writes through the pointer during the call.
    @inline(__always)
    static func write(_ n: borrowing Node, to w: inout some JSONOutput) {
        // Nine in ten nodes are claims, with no metadata: its ten fields are skipped at once, not read one by one.
        let metadata = n.hasMetadata
        w.beginObject()
        if metadata {
            w.field("aliases", n.aliases)
            w.field("arxiv", n.arxiv)
            w.field("categories", n.categories)
        }
        if let claim = n.claim { w.field("claimType", claim.type.rawValue) }
        if metadata {
            w.field("collection", n.collection)
            w.field("date", n.date)
        }
        w.field("id", n.id.rawValue)
        w.field("kind", n.kind.rawValue)
        if metadata { w.field("origin", n.origin) }
        if let quantities = n.claim?.quantities, !quantities.isEmpty {
            w.key("quantities")
            w.beginArray()
            for q in quantities {
                w.beginObject()
                w.field("text", q.text)
                w.field("unit", q.unit.rawValue)
                w.field("upper", q.upper)
                w.field("value", q.value)
                w.endObject()
            }
            w.endArray()
        }
        w.field("source", n.path)
        if metadata {
            w.field("status", n.status?.rawValue)
            w.field("statusReasons", n.statusReasons)
            w.field("summary", n.kind.isDocument ? n.summary : nil)
            w.field("tags", n.tags)
        }
        w.field("text", n.text)
        w.field("title", n.title)
        let url = n.urlParts
        w.key("url")
        if let fragment = url.fragment { w.string(url.page, "#", fragment) } else { w.string(url.page) }
        w.endObject()
    }

    @inline(__always)  // as the node's
    static func write(_ e: borrowing Edge, to w: inout some JSONOutput, keepingClaimContext: Bool = false) {
        // A claim's edges would only repeat its sentence, which is the claim node's `text`.
        let aboutClaim = !keepingClaimContext && (e.kind == .asserts || e.source.rawValue.utf8.starts(with: "claim/".utf8))
        let details = e.hasDetails
        w.beginObject()
        w.field("context", aboutClaim ? nil : e.context)
        if details, e.contexts.count > 1 { w.field("contexts", e.contexts) }
        w.field("kind", e.kind.rawValue)
        if details {
            w.field("line", e.location?.line)
            w.field("reason", e.reason)
            w.field("score", e.score)
        }
        w.field("source", e.source.rawValue)
        w.field("target", e.target.rawValue)
        w.endObject()
    }

    /// JSON with sorted keys and unescaped slashes: deterministic and readable.
    public static func encodeSorted<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain value types cannot fail.
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}
