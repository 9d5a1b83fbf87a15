import GraphQuery
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

    /// The neighbours of the node at position `center` along every edge but `asserts`, claims left out, each once
    /// (its first edge). Edges are read field by field and their ends by position (`ends`), none copied or hashed.
    static func neighbours(of center: Int, in graph: Graph, ends: EdgeEnds) -> [Neighbour] {
        var seen: Set<Int> = []
        var result: [Neighbour] = []
        let id = graph.nodes[center].id
        for (edgeIndices, outgoing) in [(graph.outgoingEdgeIndices(id), true), (graph.incomingEdgeIndices(id), false)] {
            for e in edgeIndices {
                let kind = graph.edges[e].kind
                guard kind != .asserts, let i = outgoing ? ends.target(e) : ends.source(e),
                      graph.nodes[i].kind != .claim, seen.insert(i).inserted else { continue }
                result.append(Neighbour(index: i, edgeKind: kind))
            }
        }
        return result
    }

    /// Where a kind goes on the ring: inquiring lines first, claims last.
    private static func rank(_ kind: NodeKind) -> Int {
        switch kind {
        case .inquiry: return 0
        case .hub: return 1
        case .note: return 2
        case .paper: return 3
        case .concept: return 4
        case .claim: return 5
        }
    }

    /// `root` makes hrefs relative to the page the SVG is embedded in. Written into bytes (one String at the end):
    /// every document page has one, and appending interpolated Strings was most of its cost.
    static func svg(center c: Int, neighbours unique: [Neighbour], graph: Graph, hrefs: NodeHrefs, root: String) -> String {
        let nodes = graph.nodes
        let center = (title: nodes[c].title, kind: nodes[c].kind)
        let sorted = unique.sorted {
            let a = rank(nodes[$0.index].kind), b = rank(nodes[$1.index].kind)
            return a != b ? a < b : (nodes[$0.index].title, nodes[$0.index].id) < (nodes[$1.index].title, nodes[$1.index].id)
        }
        let shown = sorted.prefix(maxNeighbours)
        let width = 520.0, height = 300.0, radius = 100.0
        var out = HTMLBytes(capacity: 12_000)
        func put(_ s: StaticString) { out.put(s) }
        func put(_ s: String) { out.put(s) }
        func escaped(_ s: String) { out.escaped(s) }
        func number(_ x: Double) { f(x, into: &out) }
        put("<svg class=\"local-graph\" viewBox=\""); number(-width / 2); put(" "); number(-height / 2); put(" "); number(width); put(" "); number(height)
        put("\" role=\"img\" aria-label=\"Neighbourhood of "); escaped(center.title); put("\" xmlns=\"http://www.w3.org/2000/svg\">\n")
        var positions: [(x: Double, y: Double)] = []
        for i in 0..<shown.count {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(max(shown.count, 1))
            positions.append((radius * cos(angle), radius * sin(angle) * 0.85))
        }
        // One path per edge kind, in the order the kinds first appear on the ring: a line element with its own
        // title per neighbour was a fifth of a note page's bytes (about 2 KB), which a 100,000-note site writes
        // 100,000 times into memory.
        var kinds: [EdgeKind] = []
        for n in shown where !kinds.contains(n.edgeKind) { kinds.append(n.edgeKind) }
        for kind in kinds {
            put("<path class=\"e-"); put(kind.rawValue); put("\" d=\"")
            for (n, p) in zip(shown, positions) where n.edgeKind == kind {
                put("M0 0L"); number(p.x); put(" "); number(p.y)
            }
            put("\"><title>"); put(kind.rawValue); put("</title></path>\n")
        }
        for (n, p) in zip(shown, positions) {
            let kind = nodes[n.index].kind, title = nodes[n.index].title
            let (x, y) = p
            put("<a href=\""); escaped(hrefs.href(n.index, in: graph, root: root)); put("\"><g class=\"n k-"); put(kind.rawValue); put("\">")
            put("<title>"); escaped(kind.rawValue); put(": "); escaped(title); put("</title>")
            put("<circle cx=\""); number(x); put("\" cy=\""); number(y); put("\" r=\"7\"/>")
            let anchor: StaticString = abs(x) < 20 ? "middle" : (x > 0 ? "start" : "end")
            let tx = abs(x) < 20 ? x : x + (x > 0 ? 11 : -11)
            let ty = abs(x) < 20 ? y + (y > 0 ? 20 : -12) : y + 4
            put("<text x=\""); number(tx); put("\" y=\""); number(ty); put("\" text-anchor=\""); put(anchor); put("\">")
            escaped(short(title)); put("</text></g></a>\n")
        }
        put("<g class=\"n center k-"); put(center.kind.rawValue); put("\"><title>"); escaped(center.title); put("</title><circle cx=\"0\" cy=\"0\" r=\"10\"/></g>\n")
        if sorted.count > shown.count {
            put("<text class=\"more\" x=\""); number(width / 2 - 8); put("\" y=\""); number(height / 2 - 8); put("\" text-anchor=\"end\">+")
            put(String(sorted.count - shown.count)); put(" more</text>\n")
        }
        if shown.isEmpty {
            put("<text class=\"more\" x=\"0\" y=\"40\" text-anchor=\"middle\">No links yet</text>\n")
        }
        put("</svg>")
        return out.string
    }

    /// `f(x)` appended to `out` without making a String for it (every page prints about a hundred numbers).
    static func f(_ x: Double, into out: inout HTMLBytes) {
        let tenths = Int((x * 10).rounded())
        if tenths < 0 { out.put("-") }
        out.digits(abs(tenths) / 10)
        out.put(".")
        out.digits(abs(tenths) % 10)
    }

    /// Fixed one-decimal formatting: identical bytes on every platform.
    static func f(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return "\(sign)\(a / 10).\(a % 10)"
    }

    static func short(_ title: String) -> String {
        // No more bytes than that means no more characters: most titles are judged without counting characters.
        title.utf8.count <= 24 || title.count <= 24 ? title : String(title.prefix(22)) + "…"
    }
}
