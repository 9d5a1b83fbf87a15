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

    /// Every cue phrase as a word sequence, indexed by its first word, with the lists it belongs to: one pass over
    /// a sentence answers all four lists (this runs for every sentence of the corpus).
    private static let cues = PhraseIndex([
        (limitationCues, .limitation), (methodCues, .method), (findingCues, .finding),
        (["propose", "proposes", "introduce", "introduces"], .introducing),
    ])

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

    /// Which cue lists a sentence has a phrase of.
    private struct CueLists: OptionSet {
        let rawValue: UInt8
        static let limitation = CueLists(rawValue: 1)
        static let method = CueLists(rawValue: 2)
        static let finding = CueLists(rawValue: 4)
        static let introducing = CueLists(rawValue: 8)
    }

    /// Cue phrases by first word, so a sentence is checked with one dictionary lookup per word.
    private struct PhraseIndex {
        var byFirstWord: [String: [(phrase: [String], lists: CueLists)]] = [:]

        init(_ lists: [([String], CueLists)]) {
            for (cues, list) in lists {
                for cue in cues {
                    let phrase = ClaimClassifier.words(cue)
                    guard let first = phrase.first else { continue }
                    // A phrase in two lists is one entry marked with both.
                    if let i = byFirstWord[first]?.firstIndex(where: { $0.phrase == phrase }) {
                        byFirstWord[first]![i].lists.insert(list)
                    } else {
                        byFirstWord[first, default: []].append((phrase, list))
                    }
                }
            }
        }

        /// The lists with a phrase that occurs in `sentence` (its words).
        func lists(in sentence: [String]) -> CueLists {
            var found: CueLists = []
            for (i, word) in sentence.enumerated() {
                guard let entries = byFirstWord[word] else { continue }
                for entry in entries where i + entry.phrase.count <= sentence.count && !found.isSuperset(of: entry.lists) {
                    var k = 1
                    while k < entry.phrase.count && sentence[i + k] == entry.phrase[k] { k += 1 }
                    if k == entry.phrase.count { found.formUnion(entry.lists) }
                }
            }
            return found
        }
    }

    /// The claim type of `sentence`, or nil when it states nothing checkable (a question, a heading-like fragment).
    public static func classify(_ sentence: String, quantities: [Quantity]) -> ClaimType? {
        guard !sentence.hasSuffix("?") else { return nil }
        let w = words(sentence)
        guard w.count >= 6 else { return nil }
        let found = cues.lists(in: w)
        if quantities.contains(where: { $0.unit == .percent || $0.unit == .times || $0.upper != nil }) || (!quantities.isEmpty && found.contains(.finding)) {
            return .quantitative
        }
        let isMethod = found.contains(.method)
        if isMethod && (w.contains("we") || found.contains(.introducing)) { return .method }
        // Any other sentence of a note or abstract that states a number states a result.
        if !quantities.isEmpty { return .quantitative }
        if found.contains(.limitation) { return .limitation }
        if isMethod { return .method }
        if found.contains(.finding) { return .finding }
        return nil
    }
}
