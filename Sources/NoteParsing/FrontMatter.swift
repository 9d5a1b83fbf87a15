/// The YAML front matter fields notegraph understands. Unknown keys are kept in `extra` as strings.
public struct FrontMatter: Sendable, Hashable {
    public var title: String?
    public var kind: NoteKind?
    public var aliases: [String] = []
    public var tags: [String] = []
    /// ISO date (`2024-05-01`) as written.
    public var date: String?
    public var collection: String?
    public var categories: [String] = []
    public var arxiv: String?
    /// Where the note came from: a URL or the name of the raw export it was imported from.
    public var source: String?
    /// How the note is known: `sources-list` when it was made from an inquiring line's Sources entry only.
    public var origin: String?
    /// A one-paragraph summary (a paper's one-line summary, a note's subtitle).
    public var summary: String?
    /// Overrides the slug derived from the title (a stable key such as the source URL's last segment).
    public var slug: String?
    /// Other scalar keys, in source order of their names, sorted for determinism.
    public var extra: [String: String] = [:]

    public init() {}
}
