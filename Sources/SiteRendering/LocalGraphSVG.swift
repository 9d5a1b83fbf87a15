import NoteGraph
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A node's neighbourhood as an inline SVG, laid out at build time so it reads without JavaScript: the node at
/// the centre, its neighbours on a ring in a fixed order (kind, then title). Same graph, same bytes.
enum LocalGraphSVG {
    static let maxNeighbours = 24

    /// A neighbour by its position in `graph.nodes` (a node's hub can have thousands; none is copied).
    struct Neighbour {
        var index: Int
        var edgeKind: EdgeKind
    }

    /// The neighbours of `id` along every edge but `asserts`, claims left out, each once (its first edge).
    static func neighbours(of id: NodeID, in graph: Graph) -> [Neighbour] {
        var seen: Set<Int> = []
        var result: [Neighbour] = []
        for (edgeIndices, outgoing) in [(graph.outgoingEdgeIndices(id), true), (graph.incomingEdgeIndices(id), false)] {
            for e in edgeIndices {
                let edge = graph.edges[e]
                guard edge.kind != .asserts, let i = graph.index(of: outgoing ? edge.target : edge.source),
                      graph.nodes[i].kind != .claim, seen.insert(i).inserted else { continue }
                result.append(Neighbour(index: i, edgeKind: edge.kind))
            }
        }
        return result
    }

    /// `root` makes hrefs relative to the page the SVG is embedded in.
    static func svg(center: Node, neighbours unique: [Neighbour], graph: Graph, root: String) -> String {
        let kindOrder: [NodeKind] = [.inquiry, .hub, .note, .paper, .concept, .claim]
        let nodes = graph.nodes
        let sorted = unique.sorted {
            let a = kindOrder.firstIndex(of: nodes[$0.index].kind)!, b = kindOrder.firstIndex(of: nodes[$1.index].kind)!
            return a != b ? a < b : (nodes[$0.index].title, nodes[$0.index].id) < (nodes[$1.index].title, nodes[$1.index].id)
        }
        let shown = sorted.prefix(maxNeighbours).map { (node: nodes[$0.index], edgeKind: $0.edgeKind) }
        let width = 520.0, height = 300.0, radius = 100.0
        var out = "<svg class=\"local-graph\" viewBox=\"\(f(-width / 2)) \(f(-height / 2)) \(f(width)) \(f(height))\" role=\"img\" aria-label=\"Neighbourhood of \(HTML.escape(center.title))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        var positions: [(Double, Double)] = []
        for i in shown.indices {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(max(shown.count, 1))
            positions.append((radius * cos(angle), radius * sin(angle) * 0.85))
        }
        for (n, (x, y)) in zip(shown, positions) {
            out += "<line class=\"e-\(n.edgeKind.rawValue)\" x1=\"0\" y1=\"0\" x2=\"\(f(x))\" y2=\"\(f(y))\"><title>\(n.edgeKind.rawValue)</title></line>\n"
        }
        for (n, (x, y)) in zip(shown, positions) {
            out += "<a href=\"\(HTML.escape(root + HTML.encodeURL(n.node.url)))\"><g class=\"n k-\(n.node.kind.rawValue)\">"
            out += "<title>\(HTML.escape(n.node.kind.rawValue)): \(HTML.escape(n.node.title))</title>"
            out += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"7\"/>"
            let anchor = abs(x) < 20 ? "middle" : (x > 0 ? "start" : "end")
            let tx = abs(x) < 20 ? x : x + (x > 0 ? 11 : -11)
            let ty = abs(x) < 20 ? y + (y > 0 ? 20 : -12) : y + 4
            out += "<text x=\"\(f(tx))\" y=\"\(f(ty))\" text-anchor=\"\(anchor)\">\(HTML.escape(short(n.node.title)))</text></g></a>\n"
        }
        out += "<g class=\"n center k-\(center.kind.rawValue)\"><title>\(HTML.escape(center.title))</title><circle cx=\"0\" cy=\"0\" r=\"10\"/></g>\n"
        if sorted.count > shown.count {
            out += "<text class=\"more\" x=\"\(f(width / 2 - 8))\" y=\"\(f(height / 2 - 8))\" text-anchor=\"end\">+\(sorted.count - shown.count) more</text>\n"
        }
        if shown.isEmpty {
            out += "<text class=\"more\" x=\"0\" y=\"40\" text-anchor=\"middle\">No links yet</text>\n"
        }
        return out + "</svg>"
    }

    /// Fixed one-decimal formatting: identical bytes on every platform.
    static func f(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return "\(sign)\(a / 10).\(a % 10)"
    }

    static func short(_ title: String) -> String {
        title.count <= 24 ? title : String(title.prefix(22)) + "…"
    }
}
