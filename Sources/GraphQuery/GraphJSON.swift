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

    /// The whole graph, handed to `sink` piece by piece in file order: nodes and edges are encoded in chunks on all
    /// cores, a few chunks at a time, so the file is never whole in memory.
    public static func write(_ graph: Graph, to sink: ([UInt8]) throws -> Void) rethrows {
        /// `encode` gets the item by its place in the buffer: handing it over as a value copied every node and edge
        /// (retaining all their strings) only to read it.
        func list<T>(_ items: [T], encode: @escaping @Sendable (UnsafeBufferPointer<T>, Int, inout JSONWriter) -> Void) throws where T: Sendable {
            var first = true
            let ranges = chunks(items.count)
            // One buffer per chunk in flight, used again by every round: a round's chunks are written out before the
            // next is encoded, and fresh buffers each round were graph.json's size in fresh memory faulted in.
            let slots = UnsafeMutablePointer<[UInt8]>.allocate(capacity: chunksInFlight)
            slots.initialize(repeating: [], count: chunksInFlight)
            defer {
                slots.deinitialize(count: chunksInFlight)
                slots.deallocate()
            }
            // Each chunk of a round takes its own slot's buffer and puts it back: no two threads touch one slot.
            nonisolated(unsafe) let shared = slots
            for start in stride(from: 0, to: ranges.count, by: chunksInFlight) {
                let round = Array(ranges[start..<min(start + chunksInFlight, ranges.count)])
                // The round's chunks on all cores, each a large job written into its slot.
                DispatchQueue.concurrentPerform(iterations: round.count) { k in
                    // Room for a chunk of 2,000 claims (about 1.3 MB) without growing: growing copies, and faults
                    // in a buffer twice the size; reserved room is not faulted in until written.
                    var w = JSONWriter(reusing: &(shared + k).pointee, capacity: 4 << 20)
                    items.withUnsafeBufferPointer { buffer in
                        for i in round[k] { encode(buffer, i, &w) }
                    }
                    (shared + k).pointee = w.takeBytes()
                }
                for k in round.indices where !slots[k].isEmpty {
                    if !first { try sink(Array(",".utf8)) }
                    first = false
                    try sink(slots[k])
                }
            }
        }
        try sink(Array(#"{"edges":["#.utf8))
        try list(graph.edges) { edges, i, w in write(edges[i], to: &w) }
        try sink(Array(#"],"nodes":["#.utf8))
        try list(graph.nodes) { nodes, i, w in write(nodes[i], to: &w) }
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
        // `{"unresolved":…}` without its opening brace continues the object after the nodes.
        try sink(Array("],".utf8) + tail.bytes.dropFirst())
    }

    /// One node as graph.json has it.
    public static func encode(_ node: Node) -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        write(node, to: &w)
        return w.bytes
    }

    /// Keys in sorted order; optional fields and empty lists omitted.
    static func write(_ n: Node, to w: inout JSONWriter) {
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

    static func write(_ e: Edge, to w: inout JSONWriter) {
        // A claim's edges would only repeat its sentence, which is the claim node's `text`.
        let aboutClaim = e.kind == .asserts || e.source.rawValue.utf8.starts(with: "claim/".utf8)
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

    /// Ranges of about 2,000 items covering `0..<count`.
    static func chunks(_ count: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: 2_000).map { $0..<min($0 + 2_000, count) }
    }

    /// JSON with sorted keys and unescaped slashes: deterministic and readable.
    public static func encodeSorted<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain value types cannot fail.
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}
