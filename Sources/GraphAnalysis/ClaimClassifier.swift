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

    /// Cue phrases as word sequences, split once and indexed by their first word.
    private static let limitationPhrases = PhraseIndex(limitationCues)
    private static let methodPhrases = PhraseIndex(methodCues)
    private static let findingPhrases = PhraseIndex(findingCues)
    private static let introducingPhrases = PhraseIndex(["propose", "proposes", "introduce", "introduces"])

    /// Lowercased words split at spaces and `,.;:()—`, from the bytes: splitting by `Character` (grapheme
    /// clusters) was half the time of classifying the corpus.
    private static func words(_ s: String) -> [String] {
        var s = s
        return s.withUTF8 { bytes in
            var collector = WordCollector()
            var i = 0
            while i < bytes.count {
                let (scalar, length) = UTF8Scalars.decode(bytes, at: i)
                switch scalar {
                case " ", ",", ".", ";", ":", "(", ")", "\u{2014}": collector.flush()
                case "A"..."Z": collector.current.append(UInt8(scalar.value) + 32)
                default:
                    if scalar.isASCII { collector.current.append(UInt8(scalar.value)) } else { collector.appendLowercased(scalar) }
                }
                i += length
            }
            collector.flush()
            return collector.words
        }
    }

    /// Cue phrases by first word, so a sentence is checked with one dictionary lookup per word (this runs for
    /// every sentence of the corpus).
    private struct PhraseIndex {
        var byFirstWord: [String: [[String]]] = [:]

        init(_ cues: [String]) {
            for cue in cues {
                let phrase = ClaimClassifier.words(cue)
                if let first = phrase.first { byFirstWord[first, default: []].append(phrase) }
            }
        }

        func occurs(in sentence: [String]) -> Bool {
            for (i, word) in sentence.enumerated() {
                guard let phrases = byFirstWord[word] else { continue }
                for phrase in phrases where i + phrase.count <= sentence.count {
                    var k = 1
                    while k < phrase.count && sentence[i + k] == phrase[k] { k += 1 }
                    if k == phrase.count { return true }
                }
            }
            return false
        }
    }

    private static func has(_ phrases: PhraseIndex, in sentence: [String]) -> Bool {
        phrases.occurs(in: sentence)
    }

    /// The claim type of `sentence`, or nil when it states nothing checkable (a question, a heading-like fragment).
    public static func classify(_ sentence: String, quantities: [Quantity]) -> ClaimType? {
        guard !sentence.hasSuffix("?") else { return nil }
        let w = words(sentence)
        guard w.count >= 6 else { return nil }
        if quantities.contains(where: { $0.unit == .percent || $0.unit == .times || $0.upper != nil }) || (!quantities.isEmpty && has(findingPhrases, in: w)) {
            return .quantitative
        }
        let isMethod = has(methodPhrases, in: w)
        if isMethod && (w.contains("we") || has(introducingPhrases, in: w)) { return .method }
        // Any other sentence of a note or abstract that states a number states a result.
        if !quantities.isEmpty { return .quantitative }
        if has(limitationPhrases, in: w) { return .limitation }
        if isMethod { return .method }
        if has(findingPhrases, in: w) { return .finding }
        return nil
    }
}
