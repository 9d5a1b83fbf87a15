import NoteGraph

/// Decides whether a sentence states a claim, and which kind. Word lists, not a model: every decision can be
/// explained, and the corpus's claims are written in a small set of patterns ("X achieves 43%", "we propose").
public enum ClaimClassifier {
    static let limitationCues = [
        "fail", "fails", "failing", "limitation", "cannot", "can't", "does not", "doesn't", "do not", "don't", "unable",
        "degrade", "degrades", "corrupt", "corrupts", "collapse", "collapses", "brittle", "ignore", "ignores", "hurt",
        "hurts", "worse", "no better", "not improve", "without making", "only look", "forgetting", "struggle", "struggles",
    ]
    static let methodCues = [
        "we propose", "we introduce", "we present", "we derive", "we extend", "we develop", "proposes", "introduces",
        "propose a", "present a", "approach", "framework", "objective", "algorithm", "by keeping", "delegating", "applies",
    ]
    static let findingCues = [
        "show", "shows", "showed", "shown", "demonstrate", "demonstrates", "reveal", "reveals", "find", "finds", "found",
        "suggest", "suggests", "indicate", "indicates", "achieve", "achieves", "achieving", "outperform", "outperforms",
        "improve", "improves", "improvement", "close", "closes", "surpass", "surpasses", "activate", "activates", "avoid",
        "avoids", "maintain", "maintains", "makes", "appear", "appears", "emerge", "emerges", "yield", "yields", "reduce",
        "reduces", "increase", "increases", "enable", "enables", "transfer", "transfers", "generate", "generates",
        "operate", "operates", "learn", "learns", "matches", "comparable", "irrelevant", "more", "less", "than", "because",
    ]

    /// The claim type of `sentence`, or nil when it states nothing checkable (a question, a heading-like fragment).
    public static func classify(_ sentence: String, quantities: [Quantity]) -> ClaimType? {
        let words = sentence.split(separator: " ")
        guard words.count >= 6, !sentence.hasSuffix("?") else { return nil }
        let lower = " " + sentence.lowercased() + " "
        func has(_ cues: [String]) -> Bool {
            cues.contains { lower.contains(" " + $0 + " ") || lower.contains(" " + $0 + ",") || lower.contains(" " + $0 + ".") }
        }
        if !quantities.isEmpty, quantities.contains(where: { $0.unit == .percent || $0.unit == .times || $0.upper != nil }) || has(findingCues) {
            return .quantitative
        }
        if has(methodCues) && (lower.contains(" we ") || lower.hasPrefix(" we ") || has(["propose", "proposes", "introduce", "introduces"])) {
            return .method
        }
        if has(limitationCues) { return .limitation }
        if has(methodCues) { return .method }
        if has(findingCues) { return .finding }
        return nil
    }
}
