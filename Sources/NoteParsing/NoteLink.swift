/// A reference from one note to another, as written: a `[[wikilink]]` or a Markdown link to a `.md` file.
///
/// Links are facts about the source; whether they resolve is decided by the graph stage.
public struct NoteLink: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        /// `[[Title]]`, matched against titles and aliases.
        case title(String)
        /// `[label](other.md)`, resolved relative to the linking file's folder.
        case path(String)
    }

    public var target: Target
    /// `#Heading` part, if any.
    public var fragment: String?
    /// What the reader sees.
    public var label: String
    /// The whole sentence the link stands in, with every link shown as its label.
    public var sentence: String
    /// The text of the nearest heading above the link (`Sources`, `Next inquiring lines`, a hub section), if any.
    public var section: String?
    public var location: SourceLocation

    public init(target: Target, fragment: String?, label: String, sentence: String, section: String?, location: SourceLocation) {
        self.target = target
        self.fragment = fragment
        self.label = label
        self.sentence = sentence
        self.section = section
        self.location = location
    }
}
