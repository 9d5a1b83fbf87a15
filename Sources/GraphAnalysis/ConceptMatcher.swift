/// Finds concept mentions in a sentence on its bytes: the same answer as matching `ConceptCatalog`'s word lists,
/// without making a String per word. Every sentence of the corpus goes through here (a third of a million at
/// 10,000 notes), and splitting each into String words twice, to hash them, was the largest part of analysis.
///
/// Words are compared by a 64-bit FNV-1a hash of their bytes and then byte for byte. Only ASCII words are
/// handled here: a sentence with a word holding another letter or digit returns nil, and the catalog matches it
/// by words (case mapping and grapheme counts then decide, as they always have).
struct ConceptMatcher: Sendable {
    /// A table of byte strings found by hash; each entry keeps its bytes to confirm a hit.
    private struct Table: Sendable {
        private var slots: [[(hash: UInt64, bytes: [UInt8], value: Int)]]
        private let mask: Int

        init(_ entries: [([UInt8], Int)]) {
            var size = 64
            while size < entries.count * 4 { size *= 2 }
            mask = size - 1
            slots = Array(repeating: [], count: size)
            for (bytes, value) in entries {
                let h = ConceptMatcher.hash(bytes[...])
                slots[Int(truncatingIfNeeded: h) & mask].append((h, bytes, value))
            }
        }

        func values(_ bytes: ArraySlice<UInt8>) -> [Int] {
            let h = ConceptMatcher.hash(bytes)
            var found: [Int] = []
            for entry in slots[Int(truncatingIfNeeded: h) & mask] where entry.hash == h && entry.bytes.elementsEqual(bytes) {
                found.append(entry.value)
            }
            return found
        }
    }

    private let acronyms: Table
    private let onlyWithCapitals: Bool
    /// Alias phrases by their first word; values index `phrases`.
    private let firstWords: Table
    private let phrases: [(concept: Int, words: [[UInt8]])]

    /// `acronyms[i]` names concept i; `phrases` are each alias's folded words, longest phrase first for each first
    /// word (the order the catalog tries them in).
    init(acronyms: [String], phrases: [(concept: Int, words: [String])], onlyWithCapitals: Bool) {
        self.acronyms = Table(acronyms.enumerated().map { (Array($1.utf8), $0) })
        self.onlyWithCapitals = onlyWithCapitals
        self.phrases = phrases.map { ($0.concept, $0.words.map { Array($0.utf8) }) }
        self.firstWords = Table(self.phrases.enumerated().compactMap { i, p in p.words.first.map { ($0, i) } })
    }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// The concepts `text` mentions, or nil when it has a non-ASCII letter or digit (see the type's comment).
    func mentions(in text: String) -> Set<Int>? {
        var text = text
        return text.withUTF8 { bytes -> Set<Int>? in
            var found: Set<Int> = []
            // Case-kept words for acronyms, and folded lowercase words (offsets into `folded`) for alias phrases.
            var word: [UInt8] = []
            word.reserveCapacity(32)
            var hasCapital = false
            var folded: [UInt8] = []
            folded.reserveCapacity(bytes.count)
            var bounds: [(start: Int, end: Int)] = []
            var wordStart = 0

            func endWord() {
                if !word.isEmpty, hasCapital || !onlyWithCapitals {
                    var hits = acronyms.values(word[...])
                    if hits.isEmpty, word.count > 2, word.last == UInt8(ascii: "s") { hits = acronyms.values(word.dropLast()) }
                    found.formUnion(hits)
                }
                word.removeAll(keepingCapacity: true)
                hasCapital = false
                guard folded.count > wordStart else { return }
                TextTokens.foldASCII(&folded, wordStart: wordStart)
                bounds.append((wordStart, folded.count))
                wordStart = folded.count
            }

            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b >= 0x80 {
                    let (scalar, length) = UTF8Scalars.decode(bytes, at: i)
                    // A letter or digit beyond ASCII: let the word-based matcher decide.
                    if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { return nil }
                    endWord()
                    i += length
                    continue
                }
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"):
                    word.append(b); folded.append(b)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    word.append(b); folded.append(b | 0x20); hasCapital = true
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    word.append(b); folded.append(b); hasCapital = true
                default:
                    endWord()
                }
                i += 1
            }
            endWord()

            for (k, bound) in bounds.enumerated() {
                for p in firstWords.values(folded[bound.start..<bound.end]) {
                    let (concept, phrase) = phrases[p]
                    guard !found.contains(concept), k + phrase.count <= bounds.count else { continue }
                    var matches = true
                    for (offset, expected) in phrase.enumerated().dropFirst() {
                        let w = bounds[k + offset]
                        if !folded[w.start..<w.end].elementsEqual(expected) { matches = false; break }
                    }
                    if matches { found.insert(concept) }
                }
            }
            return found
        }
    }
}
