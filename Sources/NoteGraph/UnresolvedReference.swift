import NoteParsing

/// A link that names no note in the corpus. Kept as a fact of the graph and reported as a warning.
public struct UnresolvedReference: Sendable, Hashable {
    public var source: NodeID
    public var file: String
    public var location: SourceLocation
    /// The title or path as written.
    public var target: String
    public var sentence: String
    /// A close title, offered as "did you mean"; never used to resolve.
    public var suggestion: String?

    public init(source: NodeID, file: String, location: SourceLocation, target: String, sentence: String, suggestion: String?) {
        self.source = source
        self.file = file
        self.location = location
        self.target = target
        self.sentence = sentence
        self.suggestion = suggestion
    }
}
