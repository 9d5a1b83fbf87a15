import Dispatch
import NoteGraph

/// One 64-bit hash of every node and every edge of a graph, made once per build on all cores and read by
/// everything that must tell a changed item from an unchanged one: graph.json's chunks (`GraphJSON.write`) and the
/// site's page fingerprints. Each consumer hashed the items itself before, so a note page's edges were hashed once
/// for their source's page, once for their target's and once for graph.json.
///
/// A node's hash is that of its graph.json encoding (every field a node has). An edge's is that of its graph.json
/// encoding with its sentence always in, even where graph.json leaves it out (a claim's edges, whose sentence is
/// the claim's text): a page shows it. Equal hashes therefore mean equal graph.json items, and for edges equal
/// sentences too (to 64 bits).
public struct ItemHashes: Sendable {
    /// By position in `graph.nodes`.
    public let nodes: [UInt64]
    /// By position in `graph.edges`.
    public let edges: [UInt64]

    public init(_ graph: Graph) {
        // Items read by pointer (`pointee`): a buffer's subscript copies the item, retaining and releasing each string.
        edges = Self.hashes(graph.edges) { edge, h in GraphJSON.write(edge.pointee, to: &h, keepingClaimContext: true) }
        nodes = Self.hashes(graph.nodes) { node, h in GraphJSON.write(node.pointee, to: &h) }
    }

    /// `hash` of every item, 4,096 at a time on all cores.
    private static func hashes<T: Sendable>(_ items: [T], _ hash: @escaping @Sendable (UnsafePointer<T>, inout JSONCallHasher) -> Void) -> [UInt64] {
        let parts = stride(from: 0, to: items.count, by: 4_096).map { $0..<min($0 + 4_096, items.count) }
        return [UInt64](unsafeUninitializedCapacity: items.count) { out, initialized in
            nonisolated(unsafe) let out = out
            items.withUnsafeBufferPointer { buffer in
                nonisolated(unsafe) let buffer = buffer
                DispatchQueue.concurrentPerform(iterations: parts.count) { p in
                    for i in parts[p] {
                        var h = JSONCallHasher()
                        hash(buffer.baseAddress! + i, &h)
                        (out.baseAddress! + i).initialize(to: h.value)
                    }
                }
            }
            initialized = items.count
        }
    }
}
