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
    /// filtering `words(text, folded: false)` and folding, in one pass: an ASCII word (nearly every word) is judged
    /// where it lies in the text, its stopword key and plural fold computed from its bytes, and becomes a String
    /// once, straight from the text unless it has capitals or ends in "ies"; no String is made for the stopwords it
    /// drops. A word with other letters goes through `current`, a byte at a time. (By hand: no listed library
    /// tokenizes, and this is a twentieth of a build.)
    public static func terms(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var terms: [String] = []
            terms.reserveCapacity(bytes.count / 8)
            var current: [UInt8] = []
            current.reserveCapacity(32)
            let n = bytes.count
            var i = 0
            while i < n {
                let b = bytes[i]
                guard b < 0x80 else {
                    i = slowWord(bytes, from: i, into: &terms, current: &current)
                    continue
                }
                guard isWordByte(b) else { i += 1; continue }
                // An ASCII run of letters and digits; a word only if it ends at an ASCII byte or the end.
                let start = i
                var capitals = false
                while i < n, bytes[i] < 0x80, isWordByte(bytes[i]) {
                    if bytes[i] <= UInt8(ascii: "Z"), bytes[i] >= UInt8(ascii: "A") { capitals = true }
                    i += 1
                }
                if i < n, bytes[i] >= 0x80 {
                    i = slowWord(bytes, from: start, into: &terms, current: &current)
                    continue
                }
                appendASCII(UnsafeBufferPointer(rebasing: bytes[start..<i]), capitals: capitals, to: &terms, scratch: &current)
            }
            return terms
        }
    }

    @inline(__always) private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    /// An ASCII capital lowercased; any other byte as it is.
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b
    }

    /// One ASCII word's term, if it is one: longer than a letter, not a stopword, plural-folded (`foldASCII`).
    private static func appendASCII(_ word: UnsafeBufferPointer<UInt8>, capitals: Bool, to terms: inout [String], scratch: inout [UInt8]) {
        let count = word.count
        guard count > 1 else { return }
        if count <= 8 {
            var key: UInt64 = 0
            for b in word { key = key << 8 | UInt64(lower(b)) }
            if stopwordKeys.contains(key) { return }
        }
        let (keep, y) = pluralCut(count: count) { lower(word[$0]) }
        if !capitals, !y {
            terms.append(String(decoding: UnsafeBufferPointer(rebasing: word[..<keep]), as: UTF8.self))
            return
        }
        scratch.removeAll(keepingCapacity: true)
        for b in word[..<keep] { scratch.append(lower(b)) }
        if y { scratch.append(UInt8(ascii: "y")) }
        terms.append(String(decoding: scratch, as: UTF8.self))
    }

    /// The word starting at `start` (a letter, digit or non-ASCII byte), a byte at a time, for words with letters
    /// beyond ASCII: its term, if any, is appended. Returns where reading goes on.
    private static func slowWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into terms: inout [String], current: inout [UInt8]) -> Int {
        current.removeAll(keepingCapacity: true)
        var ascii = true
        var i = start
        func flush() {
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
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(b); i += 1
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(b + 32); i += 1
            case 0..<0x80:
                flush()
                return i + 1
            default:
                let (scalar, length) = UTF8Scalars.decode(bytes, at: i)
                i += length
                if scalar.properties.isAlphabetic {
                    current.append(contentsOf: String(scalar.properties.lowercaseMapping).utf8)
                    ascii = false
                } else {
                    flush()
                    return i
                }
            }
        }
        flush()
        return i
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
        let count = bytes.count - start
        let (keep, y) = pluralCut(count: count) { bytes[start + $0] }
        bytes.removeLast(count - keep)
        if y { bytes.append(UInt8(ascii: "y")) }
    }

    /// The plural fold of an ASCII word of `count` bytes whose k-th lowercased byte is `letter(k)`: how many of its
    /// bytes stay, and whether a "y" follows them. A plural "s" goes (not after s, u or i: "loss", "bus",
    /// "analysis"), "ies" becomes "y"; words of three letters or fewer stay.
    @inline(__always)
    static func pluralCut(count: Int, _ letter: (Int) -> UInt8) -> (keep: Int, y: Bool) {
        guard count > 3, letter(count - 1) == UInt8(ascii: "s") else { return (count, false) }
        let before = letter(count - 2)
        guard before != UInt8(ascii: "s"), before != UInt8(ascii: "u"), before != UInt8(ascii: "i") else { return (count, false) }
        return letter(count - 3) == UInt8(ascii: "i") && before == UInt8(ascii: "e") ? (count - 3, true) : (count - 1, false)
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
