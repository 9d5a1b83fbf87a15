import NoteGraph
import NoteParsing

/// Tag, collection and category pages: which notes each lists, and each one's page path. Names that slug
/// alike ("RL", "rl") share one page, named after the first spelling in sorted order.
struct Taxonomy: Sendable {
    struct List: Sendable {
        var heading: String
        var name: String
        var path: String
        /// Indexes into `graph.nodes`, by title.
        var nodes: [Int]
    }

    private(set) var lists: [List] = []
    private var pathByKey: [String: String] = [:]

    init(graph: Graph) {
        var groups: [String: (heading: String, name: String, nodes: [Int])] = [:]
        // By position: `enumerated()` copied every node, the hundred thousand claims skipped here included.
        for index in graph.nodes.indices where graph.nodes[index].kind.isDocument {
            let node = graph.nodes[index]
            func add(_ folder: String, _ heading: String, _ name: String) {
                let key = "\(folder)\u{0}\(name)"
                let path = pathByKey[key] ?? "\(folder)/\(Slug.make(name)).html"
                pathByKey[key] = path
                // Modified in place: copying the group out and back would copy its node list every time.
                if groups[path] == nil { groups[path] = (heading, name, []) }
                if name < groups[path]!.name { groups[path]!.name = name }
                if groups[path]!.nodes.last != index { groups[path]!.nodes.append(index) }  // a tag given twice lists the note once
            }
            for tag in node.tags { add("tag", "Tag", tag) }
            for category in node.categories { add("category", "Category", category) }
            if let collection = node.collection { add("collection", "Collection", collection) }
        }
        let nodes = graph.nodes
        lists = groups.keys.sorted().map { path in
            let g = groups[path]!
            return List(heading: g.heading, name: g.name, path: path, nodes: g.nodes.sorted { (nodes[$0].title, nodes[$0].id) < (nodes[$1].title, nodes[$1].id) })
        }
    }

    func path(_ folder: String, _ name: String) -> String {
        pathByKey["\(folder)\u{0}\(name)"] ?? "\(folder)/\(Slug.make(name)).html"
    }
}
