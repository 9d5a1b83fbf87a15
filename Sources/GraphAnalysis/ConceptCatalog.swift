/// The corpus's concepts: acronym definitions merged by acronym, with every expansion as an alias, and a
/// matcher that finds mentions of any concept (acronym or alias) in a text in one pass over its words.
public struct ConceptCatalog: Sendable {
    public struct Concept: Sendable, Hashable {
        public var acronym: String
        /// Expansions, one per case-insensitive form, sorted.
        public var aliases: [String]
        /// The first sentence that defined it.
        public var definition: String
    }

    public let concepts: [Concept]
    /// Folded alias words → (concept, phrase words), keyed by the phrase's first word.
    private let phrasesByFirstWord: [String: [(concept: Int, words: [String])]]
    private let conceptByAcronym: [String: Int]
    /// Every acronym has an upper-case letter or a digit, so words without one need no lookup (most words).
    private let acronymsHaveCapitals: Bool
    private let matcher: ConceptMatcher

    public init(definitions: [ConceptDefinition]) {
        var expansionsByAcronym: [String: [String: [String]]] = [:]  // acronym → folded expansion → spellings
        var definitionByAcronym: [String: String] = [:]
        for d in definitions {
            expansionsByAcronym[d.acronym, default: [:]][d.expansion.lowercased(), default: []].append(d.expansion)
            if definitionByAcronym[d.acronym] == nil { definitionByAcronym[d.acronym] = d.sentence }
        }
        var concepts: [Concept] = []
        for acronym in expansionsByAcronym.keys.sorted() {
            let aliases = expansionsByAcronym[acronym]!.values.map(ConceptCatalog.preferredSpelling).sorted()
            concepts.append(Concept(acronym: acronym, aliases: aliases, definition: definitionByAcronym[acronym] ?? ""))
        }
        self.concepts = concepts
        var phrases: [String: [(Int, [String])]] = [:]
        var byAcronym: [String: Int] = [:]
        for (i, concept) in concepts.enumerated() {
            byAcronym[concept.acronym] = i
            for alias in concept.aliases {
                let words = TextTokens.words(alias)
                guard let first = words.first else { continue }
                phrases[first, default: []].append((i, words))
            }
        }
        let byFirstWord = phrases.mapValues { $0.sorted { $0.1.count > $1.1.count } }
        self.phrasesByFirstWord = byFirstWord
        self.conceptByAcronym = byAcronym
        self.acronymsHaveCapitals = byAcronym.keys.allSatisfy { $0.unicodeScalars.contains { ("A"..."Z").contains($0) || ("0"..."9").contains($0) } }
        self.matcher = ConceptMatcher(
            acronyms: concepts.map(\.acronym),
            phrases: byFirstWord.keys.sorted().flatMap { byFirstWord[$0]! }.map { ($0.0, $0.1) },
            onlyWithCapitals: acronymsHaveCapitals
        )
    }

    /// The capitalised spelling if any ("Supervised Fine-Tuning" over "supervised fine-tuning").
    static func preferredSpelling(_ spellings: [String]) -> String {
        spellings.max { a, b in
            let ca = a.filter(\.isUppercase).count, cb = b.filter(\.isUppercase).count
            return ca != cb ? ca < cb : a > b
        } ?? ""
    }

    /// Indexes of the concepts mentioned in `text`: the acronym as a word (case-sensitive, plural allowed)
    /// or any alias (case-insensitive, plural-folded words).
    public func mentions(in text: String) -> Set<Int> {
        matcher.mentions(in: text) ?? mentionsByWords(in: text)
    }

    /// `mentions(in:)` by splitting `text` into String words: the definition the byte-level `ConceptMatcher`
    /// follows, and the path for text with letters or digits beyond ASCII.
    func mentionsByWords(in text: String) -> Set<Int> {
        var found: Set<Int> = []
        if !conceptByAcronym.isEmpty {
            for word in ConceptCatalog.caseKeptWords(text, onlyWithCapitals: acronymsHaveCapitals) {
                if let i = conceptByAcronym[word] {
                    found.insert(i)
                } else if word.count > 2, word.hasSuffix("s"), let i = conceptByAcronym[String(word.dropLast())] {
                    found.insert(i)
                }
            }
        }
        let words = TextTokens.words(text)
        for (k, word) in words.enumerated() {
            guard let candidates = phrasesByFirstWord[word] else { continue }
            for (concept, phrase) in candidates where !found.contains(concept) {
                if k + phrase.count <= words.count, Array(words[k..<(k + phrase.count)]) == phrase {
                    found.insert(concept)
                }
            }
        }
        return found
    }

    /// Letter/digit runs with their case, for acronym lookup ("DPO's" gives "DPO"). Works on Unicode scalars with
    /// an ASCII fast path: this runs over every sentence of the corpus.
    static func caseKeptWords(_ text: String, onlyWithCapitals: Bool = false) -> [String] {
        if onlyWithCapitals { return wordsWithCapitals(text) }
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let isWordScalar: Bool
            if scalar.isASCII {
                let v = scalar.value
                isWordScalar = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
            } else {
                isWordScalar = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            }
            if isWordScalar {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// The fast path of `caseKeptWords` for catalogs whose acronyms all hold a capital or digit: only words that
    /// could be an acronym become strings (ASCII words without a capital or digit are skipped; other words are kept).
    private static func wordsWithCapitals(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var collector = WordCollector()
            var hasCapital = false
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    let isDigit = b >= 0x30 && b <= 0x39, isUpper = b >= 0x41 && b <= 0x5A
                    if isDigit || isUpper || (b >= 0x61 && b <= 0x7A) {
                        collector.current.append(b)
                        hasCapital = hasCapital || isDigit || isUpper
                    } else {
                        if hasCapital { collector.flush() } else { collector.current.removeAll(keepingCapacity: true) }
                        hasCapital = false
                    }
                    i += 1
                    continue
                }
                let (scalar, length) = UTF8Scalars.decode(bytes, at: i)
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    collector.current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]))
                    hasCapital = true
                } else {
                    if hasCapital { collector.flush() } else { collector.current.removeAll(keepingCapacity: true) }
                    hasCapital = false
                }
                i += length
            }
            if hasCapital { collector.flush() }
            return collector.words
        }
    }
}
