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
        for phrase in admissions where contains(words, phrase, from: 0) != nil { return true }
        for (i, w) in words.enumerated() where corpusWords.contains(String(w)) {
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

    /// The cues by their first byte: one pass over a sentence looks only at the cues its byte can start (most
    /// bytes start none), where trying every cue at every place was a percent of an edit's CPU.
    static let cuesByFirstByte: [[[UInt8]]] = (0..<256).map { byte in cues.filter { $0.first == UInt8(byte) } }

    static func mayStateGap(_ sentence: String) -> Bool {
        var sentence = sentence
        return sentence.withUTF8 { utf8 in
            for start in utf8.indices {
                for cue in cuesByFirstByte[Int(TextTokens.lower(utf8[start]))] where start + cue.count <= utf8.count {
                    if (1..<cue.count).allSatisfy({ TextTokens.lower(utf8[start + $0]) == cue[$0] }) { return true }
                }
            }
            return false
        }
    }

    /// Where `phrase` starts in `words`: at `start` only, when `start` is past the first word (anchored), or
    /// anywhere from the first. Compared in place: copying each window of words into an array to compare it made an
    /// allocation per word and phrase, most of an edit's question assessment.
    private static func contains(_ words: [Substring], _ phrase: [String], from start: Int) -> Int? {
        guard start >= 0, phrase.count <= words.count else { return nil }
        var i = start
        while i + phrase.count <= words.count {
            if words[i..<(i + phrase.count)].elementsEqual(phrase, by: { $0 == $1 }) { return i }
            if start > 0 { return nil }  // anchored search
            i += 1
        }
        return nil
    }
}

