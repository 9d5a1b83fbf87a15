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
        var text = text
        return text.withUTF8 { bytes in
            var collector = WordCollector()
            func transform(_ word: String) -> String { folded ? fold(word) : word }
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): collector.current.append(b); i += 1
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): collector.current.append(b + 32); i += 1
                case 0..<0x80: collector.flush(transform); i += 1
                default:
                    let (scalar, length) = UTF8Scalars.decode(bytes, at: i)
                    if scalar.properties.isAlphabetic { collector.appendLowercased(scalar) } else { collector.flush(transform) }
                    i += length
                }
            }
            collector.flush(transform)
            return collector.words
        }
    }

    /// Words without stopwords and one-letter tokens, plural-folded: the terms used for ranking. The same as
    /// filtering `words(text, folded: false)` and folding, in one pass: ASCII words (nearly all) are checked and
    /// folded on their bytes and become a String once, with no String made for the stopwords they drop.
    public static func terms(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var terms: [String] = []
            var current: [UInt8] = []
            current.reserveCapacity(32)
            var ascii = true
            func flush() {
                defer { current.removeAll(keepingCapacity: true); ascii = true }
                guard current.count > 1 else { return }
                guard ascii else {
                    // Stopwords are ASCII, so a word with other letters is never one.
                    let word = String(decoding: current, as: UTF8.self)
                    if word.count > 1 { terms.append(fold(word)) }
                    return
                }
                if current.count <= 8, stopwordKeys.contains(packed(current)) { return }
                foldASCII(&current)
                terms.append(String(decoding: current, as: UTF8.self))
            }
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(b); i += 1
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(b + 32); i += 1
                case 0..<0x80: flush(); i += 1
                default:
                    let (scalar, length) = UTF8Scalars.decode(bytes, at: i)
                    if scalar.properties.isAlphabetic {
                        current.append(contentsOf: String(scalar.properties.lowercaseMapping).utf8)
                        ascii = false
                    } else {
                        flush()
                    }
                    i += length
                }
            }
            flush()
            return terms
        }
    }

    /// The stopwords (all ASCII, at most 8 letters) packed into integers, so checking a word hashes no String.
    private static let stopwordKeys: Set<UInt64> = {
        precondition(stopwords.allSatisfy { $0.utf8.count <= 8 && $0.utf8.allSatisfy { $0 < 0x80 } })
        return Set(stopwords.map { packed(Array($0.utf8)) })
    }()

    private static func packed(_ bytes: [UInt8]) -> UInt64 {
        var key: UInt64 = 0
        for b in bytes { key = key << 8 | UInt64(b) }
        return key
    }

    /// `fold` on an ASCII word that ends `bytes`, starting at `start`, in place: the one spelling of the rule for the
    /// tokenizers that work on bytes.
    static func foldASCII(_ bytes: inout [UInt8], wordStart start: Int = 0) {
        let n = bytes.count
        guard n - start > 3, bytes[n - 1] == UInt8(ascii: "s") else { return }
        let before = bytes[n - 2]
        guard before != UInt8(ascii: "s"), before != UInt8(ascii: "u"), before != UInt8(ascii: "i") else { return }
        if bytes[n - 3] == UInt8(ascii: "i"), before == UInt8(ascii: "e") {
            bytes.removeLast(3)
            bytes.append(UInt8(ascii: "y"))
        } else {
            bytes.removeLast()
        }
    }

    /// "models" → "model", "policies" → "policy"; leaves "loss", "analysis", short words alone.
    public static func fold(_ word: String) -> String {
        let u = word.utf8
        // ASCII words (nearly all) are checked on their bytes; `count` and `hasSuffix` on String walk graphemes.
        if u.count > 3, u.allSatisfy({ $0 < 0x80 }) {
            var bytes = Array(u)
            foldASCII(&bytes)
            return bytes.count == u.count ? word : String(decoding: bytes, as: UTF8.self)
        }
        guard word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") else { return word }
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        return String(word.dropLast())
    }
}
