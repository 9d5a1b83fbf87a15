/// Words of a text for term statistics and concept matching: lowercased letter/digit runs, with a light
/// plural fold ("models" → "model") so singular and plural forms count as one term.
public enum TextTokens {
    /// Common English words that carry no topic; left out of term statistics.
    public static let stopwords: Set<String> = [
        "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "between", "both", "but", "by", "can", "cannot", "could", "did", "do",
        "does", "doing", "down", "during", "each", "even", "few", "for", "from", "further", "had", "has", "have",
        "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "itself", "just", "may", "me", "might", "more", "most", "much", "must", "my", "no", "nor", "not", "now", "of",
        "off", "on", "once", "one", "only", "or", "other", "our", "out", "over", "own", "s", "same", "she", "should",
        "so", "some", "such", "t", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
        "those", "through", "to", "too", "under", "until", "up", "us", "very", "was", "we", "were", "what", "when",
        "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yet", "via", "whether",
        "actually", "really", "without", "within", "rather", "instead", "get", "make", "many", "way", "like",
    ]

    /// Lowercased words, in order, including stopwords; plural-folded unless `folded` is false.
    public static func words(_ text: String, folded: Bool = true) -> [String] {
        // Byte by byte (every sentence of the corpus passes through here), decoding only non-ASCII scalars.
        var words: [String] = []
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty {
                let word = String(decoding: current, as: UTF8.self)
                words.append(folded ? fold(word) : word)
                current.removeAll(keepingCapacity: true)
            }
        }
        UTF8Scalars.forEach(in: text) { scalar, bytes in
            if scalar.isASCII {
                let v = UInt8(scalar.value)
                switch v {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(v)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(v + 32)
                default: flush()
                }
            } else if scalar.properties.isAlphabetic {
                current.append(contentsOf: String(scalar.properties.lowercaseMapping).utf8)
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    /// Words without stopwords and one-letter tokens: the terms used for ranking.
    public static func terms(_ text: String) -> [String] {
        words(text, folded: false).filter { $0.count > 1 && !stopwords.contains($0) }.map(fold)
    }

    /// "models" → "model", "policies" → "policy"; leaves "loss", "analysis", short words alone.
    public static func fold(_ word: String) -> String {
        guard word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") else { return word }
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        return String(word.dropLast())
    }
}
