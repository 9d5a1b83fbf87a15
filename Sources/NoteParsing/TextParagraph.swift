/// A paragraph or list item's text as a reader sees it, split into sentences.
///
/// Analysis works on these (claims, concepts, term statistics) rather than on the Markdown tree.
public struct TextParagraph: Sendable, Hashable {
    public var text: String
    public var sentences: [String]
    /// The nearest heading above the paragraph, if any.
    public var section: String?
    public var location: SourceLocation

    public init(text: String, sentences: [String], section: String?, location: SourceLocation) {
        self.text = text
        self.sentences = sentences
        self.section = section
        self.location = location
    }
}
