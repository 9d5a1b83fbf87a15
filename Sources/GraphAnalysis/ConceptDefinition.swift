/// An acronym defined in a sentence, in either order: "Direct Preference Optimization (DPO)" or
/// "KTO (Kahneman-Tversky Optimization)".
public struct ConceptDefinition: Sendable, Hashable {
    /// The acronym in its singular form ("PRM" for "PRMs").
    public var acronym: String
    /// The expansion in its singular form ("Process Reward Model").
    public var expansion: String
    public var sentence: String

    public init(acronym: String, expansion: String, sentence: String) {
        self.acronym = acronym
        self.expansion = expansion
        self.sentence = sentence
    }
}

/// Finds acronym definitions by matching the acronym's capital letters against the initials of the
/// neighbouring words (hyphenated parts count as words; "of", "from", "the"… may be skipped).
///
/// Hand-written: the rule is specific to how this corpus introduces terms, and no listed package does it.
public enum ConceptDefinitionFinder {
    static let skippable: Set<String> = ["of", "the", "and", "for", "to", "a", "an", "in", "with", "on", "from", "by", "via", "at", "&"]

    public static func definitions(in sentence: String) -> [ConceptDefinition] {
        // Most sentences have no parenthesis: one byte scan spares walking their characters.
        guard sentence.utf8.contains(UInt8(ascii: "(")) else { return [] }
        var result: [ConceptDefinition] = []
        var searchStart = sentence.startIndex
        while let open = sentence[searchStart...].firstIndex(of: "("),
              let close = sentence[open...].firstIndex(of: ")") {
            defer { searchStart = sentence.index(after: open) }
            let inner = sentence[sentence.index(after: open)..<close].trimmingWhitespace()
            let before = sentence[..<open]
            if let acronym = acronymForm(inner) {
                // "Expansion (ACR)"
                let words = trailingWords(before, limit: acronym.letters.count + 4)
                if let expansion = match(letters: acronym.letters, words: words, in: before) {
                    result.append(ConceptDefinition(acronym: acronym.singular, expansion: singular(String(expansion), plural: acronym.plural), sentence: sentence))
                }
            } else if let lastWord = trailingWords(before, limit: 1).last.map(\.text), let acronym = acronymForm(lastWord) {
                // "ACR (Expansion)": every word of the parenthesis must be accounted for.
                let innerText = Substring(inner)
                let words = splitWords(innerText)
                if words.count >= acronym.letters.count, words.count <= acronym.letters.count + 4,
                   let expansion = match(letters: acronym.letters, words: words, in: innerText),
                   expansion.count == innerText.count {
                    result.append(ConceptDefinition(acronym: acronym.singular, expansion: singular(String(expansion), plural: acronym.plural), sentence: sentence))
                }
            }
        }
        return result
    }

    struct Acronym {
        var singular: String
        var letters: [Character]
        var plural: Bool
    }

    /// "DPO", "LoRA", "MoE", "PRMs", "CoT": starts with a capital, has ≥ 2 capitals, no spaces, ≤ 10 characters.
    static func acronymForm(_ s: some StringProtocol) -> Acronym? {
        let text = String(s)
        guard text.count >= 2, text.count <= 10, let first = text.first, first.isUppercase, first.isLetter,
              text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return nil }
        var core = text
        var plural = false
        if core.hasSuffix("s"), core.dropLast().last?.isUppercase == true {
            core.removeLast()
            plural = true
        }
        let capitals = core.filter { $0.isUppercase }
        guard capitals.count >= 2, capitals.count >= core.filter({ $0.isLowercase }).count else { return nil }
        return Acronym(singular: core, letters: Array(capitals), plural: plural)
    }

    struct Word {
        var text: String
        /// Offset of the word's first character from the start of the examined text.
        var range: Range<String.Index>
    }

    static func splitWords(_ s: Substring) -> [Word] {
        var words: [Word] = []
        var i = s.startIndex
        while i < s.endIndex {
            if s[i].isLetter || s[i].isNumber {
                var j = i
                while j < s.endIndex, s[j].isLetter || s[j].isNumber || s[j] == "'" { j = s.index(after: j) }
                words.append(Word(text: String(s[i..<j]), range: i..<j))
                i = j
            } else {
                i = s.index(after: i)
            }
        }
        return words
    }

    /// The last `limit` words before the parenthesis, stopping at clause punctuation.
    static func trailingWords(_ before: Substring, limit: Int) -> [Word] {
        var start = before.endIndex
        var count = 0
        var i = before.endIndex
        while i > before.startIndex {
            let j = before.index(before: i)
            let c = before[j]
            if c == "," || c == ";" || c == ":" || c == "." || c == "(" || c == ")" || c == "\u{2014}" || c == "\"" { break }
            if c == " " {
                if i < before.endIndex, before[i] != " " { count += 1 }
                if count >= limit { break }
            }
            start = j
            i = j
        }
        return splitWords(before[start...])
    }

    /// Matches the acronym's letters right to left against word initials; returns the expansion as written
    /// in `text` (the string the words were split from), hyphens included.
    static func match(letters: [Character], words: [Word], in text: Substring) -> Substring? {
        var li = letters.count - 1
        var wi = words.count - 1
        var firstMatched: Int?
        while li >= 0, wi >= 0 {
            let word = words[wi].text
            guard let initial = word.first else { return nil }
            if initial.lowercased() == String(letters[li]).lowercased() {
                li -= 1
                firstMatched = wi
                wi -= 1
            } else if skippable.contains(word.lowercased()) {
                wi -= 1
            } else {
                break
            }
        }
        guard li < 0, let firstMatched, let last = words.last else {
            return looseMatch(letters: letters, words: words, in: text)
        }
        return text[words[firstMatched].range.lowerBound..<last.range.upperBound]
    }

    /// Fallback for acronyms that take letters from inside words ("Self-Play Fine-Tuning (SPIN)": S, P, fIne,
    /// tuNing), after Schwartz & Hearst (2003): scanning backwards, each acronym letter is found in order in the
    /// candidate text, and the first letter must start a word; the expansion starts at that word.
    static func looseMatch(letters: [Character], words: [Word], in text: Substring) -> Substring? {
        guard let firstWord = words.first, let lastWord = words.last else { return nil }
        let region = text[firstWord.range.lowerBound..<lastWord.range.upperBound]
        let chars = Array(region.lowercased())
        let wanted = letters.map { Character($0.lowercased()) }
        var l = chars.count - 1
        var s = wanted.count - 1
        while s >= 0 {
            let c = wanted[s]
            // The first acronym letter must begin a word; the others may sit anywhere.
            while l >= 0 && (chars[l] != c || (s == 0 && l > 0 && (chars[l - 1].isLetter || chars[l - 1].isNumber))) { l -= 1 }
            guard l >= 0 else { return nil }
            l -= 1
            s -= 1
        }
        let start = region.index(region.startIndex, offsetBy: l + 1)
        let expansion = region[start...]
        guard let first = splitWords(expansion).first, !skippable.contains(first.text.lowercased()),
              splitWords(expansion).count <= min(letters.count + 5, letters.count * 2) else { return nil }
        return expansion
    }

    /// "Process Reward Models" → "Process Reward Model" when the acronym was plural ("PRMs").
    static func singular(_ expansion: String, plural: Bool) -> String {
        guard plural, let lastSpace = expansion.lastIndex(where: { $0 == " " || $0 == "-" }) ?? Optional(expansion.startIndex) else { return expansion }
        let head = expansion[..<lastSpace]
        let last = expansion[lastSpace...]
        let folded = TextTokens.fold(last.lowercased().trimmingWhitespace())
        guard folded != last.lowercased().trimmingWhitespace() else { return expansion }
        // Keep the author's capitalisation: drop "s" or turn "ies" into "y".
        let singularLast = last.hasSuffix("ies") ? String(last.dropLast(3)) + "y" : String(last.dropLast())
        return String(head) + singularLast
    }
}
