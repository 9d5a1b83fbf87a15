/// The kinds of edge in the typed graph.
public enum EdgeKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A note links to another in its prose; carries the citing sentence.
    case cites
    /// An inquiring line points to a follow-up line (its `Next inquiring lines` section).
    case next
    /// A hub lists a note in one of its sections.
    case member
    /// A note mentions a concept.
    case mentions
    /// A note or paper states a claim.
    case asserts
    /// A note or paper is evidence for an open or partial question; carries a score and a reason.
    case evidence
}
