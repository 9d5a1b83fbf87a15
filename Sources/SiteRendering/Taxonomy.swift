import NoteGraph
import NoteParsing

/// Tag, collection and category pages: which notes each lists, and each one's page path. Names that slug
/// alike ("RL", "rl") share one page, named after the first spelling in sorted order.
struct Taxonomy: Sendable {
    struct List: Sendable {
        var heading: String
        var name: String
        var path: String
        var nodes: [Node]
    }

    private(set) var lists: [List] = []
    private var pathByKey: [String: String] = [:]

    init(graph: Graph) {
        var groups: [String: (heading: String, name: String, nodes: [Node])] = [:]
        for node in graph.nodes where node.kind.isDocument {
            let entries = node.tags.map { ("tag", "Tag", $0) } + node.categories.map { ("category", "Category", $0) }
                + (node.collection.map { [("collection", "Collection", $0)] } ?? [])
            for (folder, heading, name) in entries {
                let path = "\(folder)/\(Slug.make(name)).html"
                var group = groups[path] ?? (heading, name, [])
                if name < group.name { group.name = name }
                if !group.nodes.contains(where: { $0.id == node.id }) { group.nodes.append(node) }
                groups[path] = group
                pathByKey["\(folder)\u{0}\(name)"] = path
            }
        }
        lists = groups.keys.sorted().map { path in
            let g = groups[path]!
            return List(heading: g.heading, name: g.name, path: path, nodes: g.nodes.sorted { ($0.title, $0.id) < ($1.title, $1.id) })
        }
    }

    func path(_ folder: String, _ name: String) -> String {
        pathByKey["\(folder)\u{0}\(name)"] ?? "\(folder)/\(Slug.make(name)).html"
    }
}
