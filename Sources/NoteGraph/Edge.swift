import NoteParsing

/// A typed edge. `cites` edges are merged per (source, target): `context` is the first citing sentence,
/// `contexts` all of them in source order.
public struct Edge: Sendable, Hashable {
    public var source: NodeID
    public var target: NodeID
    public var kind: EdgeKind
    /// The citing sentence (`cites`, `next`, `member`) or the sentence a claim/concept was read from.
    public var context: String?
    public var contexts: [String] = []
    /// Where in the source file the edge was written, if it was.
    public var location: SourceLocation?
    /// `evidence` only: relevance score (higher is more relevant).
    public var score: Double?
    /// `evidence` only: why it was chosen ("cited by the question; shares concepts DPO, SFT").
    public var reason: String?
    /// The heading above the link that gave `context` (used to prefer prose over a Sources list).
    var contextSection: String?

    public init(
        source: NodeID, target: NodeID, kind: EdgeKind, context: String? = nil, contexts: [String] = [],
        location: SourceLocation? = nil, score: Double? = nil, reason: String? = nil
    ) {
        self.source = source
        self.target = target
        self.kind = kind
        self.context = context
        self.contexts = contexts
        self.location = location
        self.score = score
        self.reason = reason
    }
}
