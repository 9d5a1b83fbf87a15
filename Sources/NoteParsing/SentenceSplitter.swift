/// Splits prose into sentences without breaking inside protected spans (link labels such as cited titles,
/// which end in `?` and are followed by more of the sentence).
///
/// Hand-written because no listed package segments sentences; Foundation's `NSLinguisticTagger` is not
/// available on Linux, and it would split at every `?` of a cited title anyway.
public enum SentenceSplitter {
    /// Abbreviations after which a period does not end a sentence (lowercased, without the period).
    static let abbreviations: Set<String> = [
        "e.g", "i.e", "vs", "al", "etc", "fig", "figs", "eq", "eqs", "cf", "approx", "no", "vol", "dr", "mr", "ms",
        "sec", "ch", "resp", "incl", "ca", "ref", "refs", "st", "jr", "sr", "viz", "ibid", "et",
    ]

    /// Bytes in the longest abbreviation (all are ASCII).
    static let longestAbbreviation = abbreviations.map(\.utf8.count).max() ?? 0

    /// Splits `text`; `protected` are UTF-8 byte ranges that never contain a boundary.
    public static func split(_ text: String, protected: [Range<Int>] = []) -> [String] {
        let bytes = Array(text.utf8)
        var sentences: [String] = []
        var start = 0
        var protectedIndex = 0
        var i = 0
        while i < bytes.count {
            while protectedIndex < protected.count && protected[protectedIndex].upperBound <= i { protectedIndex += 1 }
            if protectedIndex < protected.count && protected[protectedIndex].contains(i) {
                i = protected[protectedIndex].upperBound
                continue
            }
            let b = bytes[i]
            if isTerminator(b), !(b == UInt8(ascii: ".") && isAbbreviationOrDecimal(at: i, in: bytes)),
               let next = boundary(after: i, in: bytes) {
                append(bytes[start..<next.end], to: &sentences)
                start = next.nextStart
                i = next.nextStart
                continue
            }
            i += 1
        }
        append(bytes[start..<bytes.count], to: &sentences)
        return sentences
    }

    private static func isTerminator(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?")
    }

    /// If a sentence ends at the terminator at `i`, returns where it ends (after closing quotes/brackets)
    /// and where the next one starts.
    private static func boundary(after i: Int, in bytes: [UInt8]) -> (end: Int, nextStart: Int)? {
        var j = i + 1
        // Further terminators ("?!", "...") and closing quotes or brackets belong to this sentence.
        while j < bytes.count {
            let b = bytes[j]
            if isTerminator(b) || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "*") || b == UInt8(ascii: "_") {
                j += 1
            } else if b == 0xE2, j + 2 < bytes.count, bytes[j + 1] == 0x80, bytes[j + 2] == 0x99 || bytes[j + 2] == 0x9D {
                j += 3  // ’ or ”
            } else {
                break
            }
        }
        let end = j
        guard j < bytes.count else { return (end, j) }
        guard bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\n") || bytes[j] == UInt8(ascii: "\t") else { return nil }
        while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\n") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
        guard j < bytes.count else { return (end, j) }
        let n = bytes[j]
        let startsSentence = (n >= UInt8(ascii: "A") && n <= UInt8(ascii: "Z")) || (n >= UInt8(ascii: "0") && n <= UInt8(ascii: "9"))
            || n == UInt8(ascii: "\"") || n == UInt8(ascii: "'") || n == UInt8(ascii: "(") || n == UInt8(ascii: "[")
            || n == UInt8(ascii: "*") || n == UInt8(ascii: "_") || (n >= 0xC0 && startsWithLetterOrQuote(bytes, at: j))
        return startsSentence ? (end, j) : nil
    }

    /// A non-ASCII character that can open a sentence: a letter that is not lowercase, or an opening quote
    /// (so a spaced em dash after a cited title does not start a new sentence).
    private static func startsWithLetterOrQuote(_ bytes: [UInt8], at j: Int) -> Bool {
        let end = min(j + 4, bytes.count)
        guard let scalar = String(decoding: bytes[j..<end], as: UTF8.self).unicodeScalars.first else { return false }
        if scalar == "\u{201C}" || scalar == "\u{2018}" || scalar == "\u{00AB}" { return true }
        return scalar.properties.isAlphabetic && !scalar.properties.isLowercase
    }

    /// A period after a known abbreviation, a single letter (an initial) or inside a number is not a boundary.
    private static func isAbbreviationOrDecimal(at i: Int, in bytes: [UInt8]) -> Bool {
        if i + 1 < bytes.count, bytes[i + 1] >= UInt8(ascii: "0"), bytes[i + 1] <= UInt8(ascii: "9"), i > 0,
           bytes[i - 1] >= UInt8(ascii: "0"), bytes[i - 1] <= UInt8(ascii: "9") {
            return true
        }
        // Looking back no further than the longest abbreviation: a longer word is none, and walking back over
        // all of it at every dot made "www.www.www…" quadratic.
        let cap = longestAbbreviation + 1
        var k = i
        while k > 0, i - k < cap {
            let c = bytes[k - 1]
            let isWordByte = (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c == UInt8(ascii: ".")
            if !isWordByte { break }
            k -= 1
        }
        guard k < i, i - k < cap else { return false }
        let word = String(decoding: bytes[k..<i], as: UTF8.self).lowercased()
        if word.count == 1, let c = word.first, c.isLetter, bytes[k] >= UInt8(ascii: "A"), bytes[k] <= UInt8(ascii: "Z") { return true }
        return abbreviations.contains(word)
    }

    private static func append(_ slice: ArraySlice<UInt8>, to sentences: inout [String]) {
        let s = String(decoding: slice, as: UTF8.self).trimmingWhitespace()
        if !s.isEmpty { sentences.append(s) }
    }
}
