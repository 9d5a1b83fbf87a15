import NoteGraph

/// Each page's href as seen from a page one folder below the site root (`"../" + HTML.encodeURL(url)`), made
/// once per build: every note page links dozens of others, and each link made it anew (a check of every byte of
/// the URL and a new String).
struct NodeHrefs: Sendable {
    static let root = "../"
    /// By position in `graph.nodes`; empty for claims, whose hrefs are made when asked (they are seldom linked).
    private let hrefs: [String]

    init(_ graph: Graph) {
        hrefs = graph.nodes.indices.map { i in
            graph.nodes[i].kind == .claim ? "" : NodeHrefs.make(graph.nodes[i].url, root: NodeHrefs.root)
        }
    }

    /// The href of the node at position `i`, relative to a page whose way back to the site root is `root`.
    func href(_ i: Int, in graph: Graph, root: String) -> String {
        root == NodeHrefs.root && !hrefs[i].isEmpty ? hrefs[i] : NodeHrefs.make(graph.nodes[i].url, root: root)
    }

    static func make(_ url: String, root: String) -> String {
        root + HTML.encodeURL(url)
    }
}
