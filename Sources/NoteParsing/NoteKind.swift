/// What a note file is, from its front matter `kind:` (default `note`).
public enum NoteKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A research question answered in prose, citing notes inline.
    case inquiry
    /// A note titled by a research question, with a summary of a finding.
    case note
    /// A topic hub: titled sections listing member notes.
    case hub
    /// A paper: title, abstract, arXiv id, tags.
    case paper
}
