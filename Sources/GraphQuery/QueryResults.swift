import NoteGraph

/// A node as query results show it: enough to print a line or link to its page.
public struct NodeSummary: Codable, Sendable, Hashable {
    public var id: String
    public var kind: String
    public var title: String
    public var url: String
    public var path: String?
    public var status: String?

    public init(id: String, kind: String, title: String, url: String, path: String?, status: String?) {
        self.id = id
        self.kind = kind
        self.title = title
        self.url = url
        self.path = path
        self.status = status
    }

    public init(_ node: Node) {
        id = node.id.rawValue
        kind = node.kind.rawValue
        title = node.title
        url = node.url
        path = node.path
        status = node.status?.rawValue
    }
}

/// One piece of evidence for a question.
public struct EvidenceItem: Codable, Sendable, Hashable {
    public var node: NodeSummary
    public var score: Double
    public var reason: String
    public var cited: Bool
    /// The sentence of the question that cites it (cited evidence only).
    public var citingSentence: String?
    /// What the evidence itself says that bears on the question.
    public var excerpt: String?
}

/// An open or partial question with its evidence, best first.
public struct OpenQuestion: Codable, Sendable, Hashable {
    public var question: NodeSummary
    public var status: String
    public var reasons: [String]
    public var evidence: [EvidenceItem]
}

/// An edge as seen from one end.
public struct EdgeView: Codable, Sendable, Hashable {
    public var kind: String
    public var node: NodeSummary
    public var context: String?
    public var score: Double?
    public var reason: String?
}

/// Everything about one node.
public struct NodeDetail: Codable, Sendable, Hashable {
    public var node: NodeSummary
    public var aliases: [String]
    public var tags: [String]
    public var summary: String?
    public var reasons: [String]
    public var outgoing: [EdgeView]
    public var incoming: [EdgeView]
    public var unresolved: [String]
}

public struct SearchHit: Codable, Sendable, Hashable {
    public var node: NodeSummary
    public var score: Double
    public var matchedTerms: [String]
}

public struct Neighbor: Codable, Sendable, Hashable {
    public var node: NodeSummary
    public var depth: Int
    /// Edge kind and direction by which it was first reached ("cites →", "← cites").
    public var via: String
    /// The node it was reached from (the start node for depth 1).
    public var from: String
}

/// The first neighbours of a node, and whether there are more (`neighbors(of:depth:kinds:limit:)`).
public struct Neighborhood: Sendable, Hashable {
    public var neighbors: [Neighbor]
    /// False when the walk stopped at its limit with more neighbours left.
    public var complete: Bool
}

public struct PathStep: Codable, Sendable, Hashable {
    public var node: NodeSummary
    /// How this step was reached from the previous one (nil for the first).
    public var via: String?
}
