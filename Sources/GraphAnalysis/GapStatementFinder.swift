/// Finds sentences in which an inquiring line says the corpus lacks the answer ("the collection doesn't contain a
/// note that directly …", "I can't hand you the mechanism", "where the corpus runs thin").
///
/// A gap is the corpus as subject followed closely by a negation, or one of a few fixed admissions. Requiring the
/// corpus as subject keeps ordinary negative findings ("the corpus shows that SFT doesn't …") out.
public enum GapStatementFinder {
    static let corpusWords: Set<String> = ["corpus", "collection", "notes", "sources", "library", "literature"]
    static let negations: [[String]] = [
        ["doesn't"], ["does", "not"], ["didn't"], ["never"], ["can't"], ["cannot"], ["has", "no"], ["have", "no"],
        ["lacks"], ["is", "silent"], ["are", "silent"], ["runs", "thin"], ["run", "thin"], ["is", "thin"], ["are", "thin"],
        ["contains", "no"], ["offers", "no"], ["gives", "no"], ["says", "nothing"], ["has", "nothing"], ["is", "missing"],
        ["isn't"], ["aren't"], ["don't"], ["only", "touches"], ["stops", "short"],
    ]
    static let admissions: [[String]] = [
        ["can't", "hand", "you"], ["cannot", "hand", "you"], ["can't", "give", "you"], ["cannot", "give", "you"],
        ["no", "direct", "answer"], ["no", "note", "that", "directly"], ["not", "addressed", "head-on"],
        ["doesn't", "address"], ["does", "not", "address"], ["head-on"], ["runs", "thin"], ["nothing", "in", "the", "corpus"],
        ["no", "note", "addresses"], ["no", "note", "directly"], ["can't", "answer"], ["cannot", "answer"],
    ]

    /// Sentences that state a gap, in order.
    public static func gapSentences(_ sentences: [String]) -> [String] {
        sentences.filter(statesGap)
    }

    public static func statesGap(_ sentence: String) -> Bool {
        guard mayStateGap(sentence) else { return false }
        let words = String(sentence.lowercased().map { $0 == "\u{2019}" ? "'" : $0 })
            .split { $0 == " " || $0 == "," || $0 == ";" || $0 == ":" || $0 == "(" || $0 == ")" || $0 == "\u{2014}" || $0 == "." }
            .map(String.init)
        for phrase in admissions where contains(words, phrase, from: 0) != nil { return true }
        for (i, w) in words.enumerated() where corpusWords.contains(w) {
            // The corpus, then up to two words ("itself", "simply"), then a negation.
            for offset in 1...3 {
                for negation in negations where contains(words, negation, from: i + offset) == i + offset { return true }
            }
        }
        return false
    }

    /// Every admission and every corpus word contains one of these: a sentence with none of them (ASCII case
    /// folded) states no gap, which spares splitting and lowercasing nearly every sentence of the corpus.
    static let cues: [[UInt8]] = ["corpus", "collection", "notes", "sources", "library", "literature", "hand", "give", "direct", "head-on", "address", "thin", "answer"].map { Array($0.utf8) }

    static func mayStateGap(_ sentence: String) -> Bool {
        var lowered = Array(sentence.utf8)
        for i in lowered.indices where lowered[i] >= UInt8(ascii: "A") && lowered[i] <= UInt8(ascii: "Z") { lowered[i] |= 0x20 }
        return cues.contains { cue in
            guard lowered.count >= cue.count else { return false }
            return (0...(lowered.count - cue.count)).contains { start in
                lowered[start] == cue[0] && lowered[start..<(start + cue.count)].elementsEqual(cue)
            }
        }
    }

    private static func contains(_ words: [String], _ phrase: [String], from start: Int) -> Int? {
        guard start >= 0, phrase.count <= words.count else { return nil }
        var i = start
        while i + phrase.count <= words.count {
            if Array(words[i..<(i + phrase.count)]) == phrase { return i }
            if start > 0 { return nil }  // anchored search
            i += 1
        }
        return nil
    }
}

