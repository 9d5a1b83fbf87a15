import NoteParsing

/// A node of the typed graph. Document nodes carry their note's metadata; concept and claim nodes carry
/// what analysis extracted. Fields that do not apply to a kind stay empty.
public struct Node: Sendable, Hashable {
    public var id: NodeID
    public var kind: NodeKind
    public var title: String
    /// The page that shows this node, relative to the site root (`note/slug.html`, `note/slug.html#claim-…`).
    public var url: String
    /// Source file relative to the notes folder: the note itself, or for a claim, the note that states it.
    public var path: String?
    public var aliases: [String] = []
    public var tags: [String] = []
    public var date: String?
    public var collection: String?
    public var categories: [String] = []
    public var arxiv: String?
    public var summary: String?
    /// Where the note came from (front matter `source`: an export file name or a URL).
    public var source: String?
    /// `sources-list` for notes known only from an inquiring line's Sources list.
    public var origin: String?
    /// Inquiring lines only.
    public var status: QuestionStatus?
    /// Why the status was given, one sentence per reason.
    public var statusReasons: [String] = []
    /// Claims only: the sentence.
    public var text: String?
    public var claim: ClaimInfo?

    public init(id: NodeID, kind: NodeKind, title: String, url: String, path: String? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.url = url
        self.path = path
    }
}
