import NoteParsing

/// A typed edge. `cites` edges are merged per (source, target): `context` is the first citing sentence,
/// `contexts` all of them in source order.
public struct Edge: Sendable, Hashable {
    public var source: NodeID
    public var target: NodeID
    public var kind: EdgeKind
    /// The citing sentence (`cites`, `next`, `member`) or the sentence a claim/concept was read from.
    public var context: String?
    /// What only citations and evidence carry, out of line: most edges are mentions and claims, which have
    /// none of it, and inline it was half of every edge (see `Sidecar`).
    @usableFromInline var details = Sidecar<Details>()

    @usableFromInline
    struct Details: SidecarFields {
        @usableFromInline var contexts: [String] = []
        @usableFromInline var location: SourceLocation?
        @usableFromInline var score: Double?
        @usableFromInline var reason: String?
        @usableFromInline var contextSection: String?
    }

    /// Whether the edge carries a citation's or evidence's details: when false, `contexts`, `location`, `score` and
    /// `reason` are all empty (as for mentions and a claim's edges), and a reader of all of them can skip them.
    @inlinable public var hasDetails: Bool { !details.isEmpty }

    public var contexts: [String] {
        @inlinable get { details.box?.fields.contexts ?? [] }
        set { details.set(\.contexts, to: newValue) }
    }

    /// Where in the source file the edge was written, if it was.
    public var location: SourceLocation? {
        @inlinable get { details.box?.fields.location }
        set { details.set(\.location, to: newValue) }
    }

    /// `evidence` only: relevance score (higher is more relevant).
    public var score: Double? {
        @inlinable get { details.box?.fields.score }
        set { details.set(\.score, to: newValue) }
    }

    /// `evidence` only: why it was chosen ("cited by the question; shares concepts DPO, SFT").
    public var reason: String? {
        @inlinable get { details.box?.fields.reason }
        set { details.set(\.reason, to: newValue) }
    }

    /// The heading above the link that gave `context` (used to prefer prose over a Sources list).
    var contextSection: String? {
        @inlinable get { details.box?.fields.contextSection }
        set { details.set(\.contextSection, to: newValue) }
    }

    public init(
        source: NodeID, target: NodeID, kind: EdgeKind, context: String? = nil, contexts: [String] = [],
        location: SourceLocation? = nil, score: Double? = nil, reason: String? = nil
    ) {
        self.init(source: source, target: target, kind: kind, context: context, contexts: contexts, location: location, score: score, reason: reason, contextSection: nil)
    }

    /// With the section too, so that a citation's details are boxed once rather than once per field.
    init(
        source: NodeID, target: NodeID, kind: EdgeKind, context: String?, contexts: [String],
        location: SourceLocation?, score: Double?, reason: String?, contextSection: String?
    ) {
        self.source = source
        self.target = target
        self.kind = kind
        self.context = context
        self.details = Sidecar(Details(contexts: contexts, location: location, score: score, reason: reason, contextSection: contextSection))
    }
}

extension Edge.Details {
    @usableFromInline static var empty: Self { Self() }
}
