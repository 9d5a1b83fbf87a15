import NoteParsing

/// One raw export file: its name and contents (a text page export, or arXiv Atom XML).
public struct RawExport: Sendable, Hashable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// A note already in the notes folder: its titles let imported pages cite it, and it is never duplicated.
public struct ExistingNote: Sendable, Hashable {
    public var title: String
    public var aliases: [String]
    public var path: String
    /// `sources-list` for a note that an earlier import made from a Sources entry: a later import may refresh it.
    public var origin: String?

    public init(title: String, aliases: [String], path: String, origin: String? = nil) {
        self.title = title
        self.aliases = aliases
        self.path = path
        self.origin = origin
    }
}

/// A note produced by an import: where it goes in the notes folder and its Markdown.
public struct ImportedNote: Sendable, Hashable {
    /// `<kind>/<slug>.md`, relative to the notes folder.
    public var path: String
    public var title: String
    public var kind: NoteKind
    public var markdown: String
}

public struct ImportResult: Sendable {
    /// Sorted by path.
    public var notes: [ImportedNote]
    public var diagnostics: [Diagnostic]
}

/// What to do with an imported note given the file already at its path.
public enum WriteDecision: Sendable, Equatable {
    case create
    case update
    case unchanged
    /// A person edited the note since its import: left alone unless forced.
    case keepEdited
}
