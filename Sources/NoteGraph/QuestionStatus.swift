/// Whether the corpus answers an inquiring line's question.
public enum QuestionStatus: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// The corpus says it lacks the answer and the question's key concepts are not covered elsewhere.
    case open
    /// Some of the answer is there; the page admits a gap or a key concept is uncovered.
    case partial
    /// Nothing marks the question as unanswered.
    case answered

    private var rank: Int {
        switch self {
        case .open: return 0
        case .partial: return 1
        case .answered: return 2
        }
    }

    public static func < (lhs: QuestionStatus, rhs: QuestionStatus) -> Bool { lhs.rank < rhs.rank }
}
