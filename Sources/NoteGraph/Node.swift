import NoteParsing

/// A node of the typed graph. Document nodes carry their note's metadata; concept and claim nodes carry
/// what analysis extracted. Fields that do not apply to a kind stay empty.
public struct Node: Sendable, Hashable {
    public var id: NodeID
    public var kind: NodeKind
    public var title: String
    /// The page that shows this node, relative to the site root (`note/slug.html`, `note/slug.html#claim-…`).
    public var url: String {
        @inlinable get { storedURL.string }
        set { storedURL = NodeURL(newValue) }
    }
    // `url` and `urlParts` are inlinable, with what they read, so that readers in other modules read them in place:
    // a getter called on a node in an array or buffer (`nodes[i].url`) copied the whole node first, retaining every
    // string in it.
    @usableFromInline var storedURL: NodeURL
    /// `url` as it is kept: the page, and for a node shown on another node's page the fragment after `#`.
    /// Writers of every node's url (graph.json) write the two without joining them into a new string.
    @inlinable public var urlParts: (page: String, fragment: String?) { storedURL.parts }
    /// Source file relative to the notes folder: the note itself, or for a claim, the note that states it.
    public var path: String?
    /// Claims only: the sentence.
    public var text: String?
    public var claim: ClaimInfo?
    /// The metadata of documents, concepts and inquiring lines, out of line: nine in ten nodes are claims, which
    /// have none of it, and inline it was more than half of every node (see `Sidecar`).
    @usableFromInline var metadata = Sidecar<Metadata>()

    @usableFromInline
    struct Metadata: SidecarFields {
        @usableFromInline var aliases: [String] = []
        @usableFromInline var tags: [String] = []
        @usableFromInline var date: String?
        @usableFromInline var collection: String?
        @usableFromInline var categories: [String] = []
        @usableFromInline var arxiv: String?
        @usableFromInline var summary: String?
        @usableFromInline var source: String?
        @usableFromInline var origin: String?
        @usableFromInline var status: QuestionStatus?
        @usableFromInline var statusReasons: [String] = []
    }

    /// Whether any metadata field is set: false for claims, so that a reader of all of them can skip them at once.
    @inlinable public var hasMetadata: Bool { !metadata.isEmpty }

    public var aliases: [String] {
        @inlinable get { metadata.box?.fields.aliases ?? [] }
        set { metadata.set(\.aliases, to: newValue) }
    }

    public var tags: [String] {
        @inlinable get { metadata.box?.fields.tags ?? [] }
        set { metadata.set(\.tags, to: newValue) }
    }

    public var date: String? {
        @inlinable get { metadata.box?.fields.date }
        set { metadata.set(\.date, to: newValue) }
    }

    public var collection: String? {
        @inlinable get { metadata.box?.fields.collection }
        set { metadata.set(\.collection, to: newValue) }
    }

    public var categories: [String] {
        @inlinable get { metadata.box?.fields.categories ?? [] }
        set { metadata.set(\.categories, to: newValue) }
    }

    public var arxiv: String? {
        @inlinable get { metadata.box?.fields.arxiv }
        set { metadata.set(\.arxiv, to: newValue) }
    }

    public var summary: String? {
        @inlinable get { metadata.box?.fields.summary }
        set { metadata.set(\.summary, to: newValue) }
    }

    /// Where the note came from (front matter `source`: an export file name or a URL).
    public var source: String? {
        @inlinable get { metadata.box?.fields.source }
        set { metadata.set(\.source, to: newValue) }
    }

    /// `sources-list` for notes known only from an inquiring line's Sources list.
    public var origin: String? {
        @inlinable get { metadata.box?.fields.origin }
        set { metadata.set(\.origin, to: newValue) }
    }

    /// Inquiring lines only.
    public var status: QuestionStatus? {
        @inlinable get { metadata.box?.fields.status }
        set { metadata.set(\.status, to: newValue) }
    }

    /// Why the status was given, one sentence per reason.
    public var statusReasons: [String] {
        @inlinable get { metadata.box?.fields.statusReasons ?? [] }
        set { metadata.set(\.statusReasons, to: newValue) }
    }

    public init(id: NodeID, kind: NodeKind, title: String, url: String, path: String? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.storedURL = NodeURL(url)
        self.path = path
    }

    /// A node shown on another node's page, at `url#fragment`: the page's url string is shared with that node
    /// instead of copied (see `NodeURL`). `url` reads as the whole.
    public init(id: NodeID, kind: NodeKind, title: String, url page: String, fragment: String, path: String?) {
        self.id = id
        self.kind = kind
        self.title = title
        self.storedURL = NodeURL(page: page, fragment: fragment)
        self.path = path
    }

    /// With a document's metadata, boxed once rather than once per field.
    init(id: NodeID, kind: NodeKind, title: String, url: String, path: String?, metadata: Metadata) {
        self.init(id: id, kind: kind, title: title, url: url, path: path)
        self.metadata = Sidecar(metadata)
    }
}

extension Node.Metadata {
    @usableFromInline static var empty: Self { Self() }
}
