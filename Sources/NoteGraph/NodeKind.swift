import NoteParsing

/// The kinds of node in the typed graph: the four kinds of note file, plus what analysis extracts.
public enum NodeKind: String, Sendable, Hashable, CaseIterable, Codable {
    case inquiry, note, hub, paper, concept, claim

    public init(_ kind: NoteKind) {
        switch kind {
        case .inquiry: self = .inquiry
        case .note: self = .note
        case .hub: self = .hub
        case .paper: self = .paper
        }
    }

    /// Whether nodes of this kind come from a note file (as opposed to being extracted by analysis).
    public var isDocument: Bool {
        switch self {
        case .inquiry, .note, .hub, .paper: return true
        case .concept, .claim: return false
        }
    }
}
