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
    static let chunksInFlight = 8

    /// The whole graph, handed to `sink` piece by piece in file order: nodes and edges are encoded in chunks on all
    /// cores, a few chunks at a time, so the file is never whole in memory.
    public static func write(_ graph: Graph, to sink: ([UInt8]) throws -> Void) rethrows {
        /// `count` items, each range of them written by `encode`.
        func list(_ count: Int, encode: @escaping @Sendable (Range<Int>, inout JSONWriter) -> Void) throws {
            var first = true
            let ranges = chunks(count)
            for start in stride(from: 0, to: ranges.count, by: chunksInFlight) {
                let encoded = parallelMap(Array(ranges[start..<min(start + chunksInFlight, ranges.count)])) { range in
                    var w = JSONWriter(capacity: 1 << 20)
                    encode(range, &w)
                    return w.bytes
                }
                for chunk in encoded where !chunk.isEmpty {
                    if !first { try sink(Array(",".utf8)) }
                    first = false
                    try sink(chunk)
                }
            }
        }
        try sink(Array(#"{"edges":["#.utf8))
        // Each node and edge is read where it lies, through a pointer, one field at a time: `for item in items[range]`
        // copied every one of them (retaining all its strings) only to read it, and so did passing `buffer[i]`.
        try list(graph.edges.count) { range, w in
            graph.edges.withUnsafeBufferPointer { edges in for i in range { write(edges.baseAddress! + i, to: &w) } }
        }
        try sink(Array(#"],"nodes":["#.utf8))
        try list(graph.nodes.count) { range, w in
            graph.nodes.withUnsafeBufferPointer { nodes in for i in range { write(nodes.baseAddress! + i, to: &w) } }
        }
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

    /// Keys in sorted order; optional fields and empty lists omitted.
    static func write(_ node: UnsafePointer<Node>, to w: inout JSONWriter) {
        // Through `pointee`, an address: `node.pointee.title` copies the title, not the node.
        w.beginObject()
        w.field("aliases", node.pointee.aliases)
        w.field("arxiv", node.pointee.arxiv)
        w.field("categories", node.pointee.categories)
        w.field("claimType", node.pointee.claim?.type.rawValue)
        w.field("collection", node.pointee.collection)
        w.field("date", node.pointee.date)
        w.field("id", node.pointee.id.rawValue)
        w.field("kind", node.pointee.kind.rawValue)
        w.field("origin", node.pointee.origin)
        if let quantities = node.pointee.claim?.quantities, !quantities.isEmpty {
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
        w.field("source", node.pointee.path)
        w.field("status", node.pointee.status?.rawValue)
        w.field("statusReasons", node.pointee.statusReasons)
        w.field("summary", node.pointee.kind.isDocument ? node.pointee.summary : nil)
        w.field("tags", node.pointee.tags)
        w.field("text", node.pointee.text)
        w.field("title", node.pointee.title)
        w.field("url", node.pointee.url)
        w.endObject()
    }

    static func write(_ edge: UnsafePointer<Edge>, to w: inout JSONWriter) {
        // A claim's edges would only repeat its sentence, which is the claim node's `text`.
        let aboutClaim = edge.pointee.kind == .asserts || edge.pointee.source.rawValue.hasPrefix("claim/")
        w.beginObject()
        w.field("context", aboutClaim ? nil : edge.pointee.context)
        if edge.pointee.contexts.count > 1 { w.field("contexts", edge.pointee.contexts) }
        w.field("kind", edge.pointee.kind.rawValue)
        w.field("line", edge.pointee.location?.line)
        w.field("reason", edge.pointee.reason)
        w.field("score", edge.pointee.score)
        w.field("source", edge.pointee.source.rawValue)
        w.field("target", edge.pointee.target.rawValue)
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
