@testable import NoteGraph
import NoteParsing
import Testing

/// The suggestion index must choose exactly what comparing the written title with every title chooses.
@Suite("TitleSuggester")
struct TitleSuggesterTests {
    /// The rule, straight: the title with the highest Jaccard similarity of lowercased word sets, at least 0.5;
    /// of equally similar titles the one that sorts first.
    static func straightforward(_ written: String, among titles: [(title: String, words: Set<String>)]) -> String? {
        let x = words(written)
        var best: (title: String, score: Double)?
        for (title, y) in titles {
            let shared = x.intersection(y).count
            let score = Double(shared) / Double(x.union(y).count)
            guard shared > 0, score >= 0.5 else { continue }
            if best == nil || score > best!.score || (score == best!.score && title < best!.title) { best = (title, score) }
        }
        return best?.title
    }

    static func words(_ s: String) -> Set<String> {
        Set(s.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init))
    }

    /// Checks every written title against the straightforward rule, one by one and in one parallel batch; returns
    /// how many got a suggestion.
    static func expectSameChoices(titles: [String], written: [String]) -> Int {
        let suggester = TitleSuggester(titles: titles)
        let sets = titles.map { ($0, words($0)) }
        let expected = written.map { straightforward($0, among: sets) }
        let one = written.map { suggester.suggestion(for: $0) }
        let batch = suggester.suggestions(for: written)
        let wrong = written.indices.filter { one[$0] != expected[$0] || batch[$0] != expected[$0] }
        #expect(wrong.isEmpty, "\(wrong.count) differ, e.g. \(wrong.prefix(3).map { (written[$0].prefix(90), one[$0]?.prefix(90), expected[$0]?.prefix(90)) })")
        return expected.compactMap { $0 }.count
    }

    /// Link texts as writers get them wrong: a word dropped at either end, a word added, two titles' halves joined.
    static func misspellings(of titles: [String]) -> [String] {
        titles.enumerated().flatMap { i, title in
            let words = title.split(separator: " ")
            let other = titles[(i * 7 + 3) % titles.count].split(separator: " ")
            return [
                words.dropLast().joined(separator: " "), words.dropFirst().joined(separator: " "), title + " again",
                (words.prefix(words.count / 2) + other.suffix(other.count / 2)).joined(separator: " "),
            ]
        }
    }

    @Test func sameChoiceAsComparingEveryTitleOnTheFixtures() throws {
        // corpus-faults brings 1,000-character titles (compared directly, not through triples), Unicode
        // normalisation twins and titles differing only in case.
        let documents = try CorpusFixture.documents("corpus-everything") + CorpusFixture.documents("corpus-faults")
        var seen: Set<String> = []
        let titles = documents.map(\.title).filter { seen.insert($0).inserted }
        let written = documents.flatMap { $0.links.map(\.targetText) } + Self.misspellings(of: titles)
        let suggested = Self.expectSameChoices(titles: titles, written: written)
        #expect(suggested > titles.count && suggested < written.count)
    }

    @Test func sameChoiceAsComparingEveryTitleOnGeneratedTitles() {
        // A fixed vocabulary with multi-word phrases, as in the benchmark corpus (where every word's list grows with
        // the corpus); titles of one to four words (similar with one or two shared words), titles of 34 to 40 words
        // (not listed under triples), and titles that are the same words in another order (equally similar: the one
        // that sorts first must win).
        var rng = SeededGenerator(seed: 7)
        let subjects = ["Monte Carlo tree search", "process reward models", "DPO", "length penalties", "off-policy data",
                        "tool use", "state space models", "reward model ensembles", "KL regularization", "RLHF"]
        let properties = ["calibration", "reward hacking", "training stability", "win rate", "length generalization"]
        let templates = ["Does {a} improve {p} with {b}?", "How does {a} interact with {b} in {p}?",
                         "What explains the {p} gap between {a} and {b}?", "Can {a} replace {b}?", "{a} {p}"]
        func question() -> String {
            templates.randomElement(using: &rng)!
                .replacingOccurrences(of: "{a}", with: subjects.randomElement(using: &rng)!)
                .replacingOccurrences(of: "{b}", with: subjects.randomElement(using: &rng)!)
                .replacingOccurrences(of: "{p}", with: properties.randomElement(using: &rng)!)
        }
        let terms = (0..<60).map { "term\($0)" }
        func long() -> [String] { Array(terms.shuffled(using: &rng).prefix(Int.random(in: 34...40, using: &rng))) }
        func short() -> String {
            (0..<Int.random(in: 1...2, using: &rng)).map { _ in properties.randomElement(using: &rng)! }.joined(separator: " ")
        }
        let longTitles = (0..<20).map { _ in long() }
        var titles = (0..<700).map { _ in question() } + (0..<30).map { _ in short() } + longTitles.map { $0.joined(separator: " ") }
        titles += titles.prefix(60).map { $0.split(separator: " ").reversed().joined(separator: " ") }
        var seen: Set<String> = []
        titles = titles.filter { seen.insert($0).inserted }
        let shortTitles = titles.filter { $0.split(separator: " ").count <= 2 }
        let written = (0..<250).map { _ in question() }
            + shortTitles.flatMap { ["\($0) zzq", "\($0) zzq yyq"] }
            + longTitles.map { $0.shuffled(using: &rng).prefix(Int.random(in: 17...24, using: &rng)).joined(separator: " ") }
            + (0..<20).map { "Is calibration one of \($0) unrelated words?" }
            + Self.misspellings(of: Array(titles.suffix(100)))
        let suggested = Self.expectSameChoices(titles: titles, written: written)
        #expect(suggested > written.count / 2 && suggested < written.count)
    }

    @Test func wordsOnlyInWrittenTitlesCountAgainstTheSimilarity() {
        let suggester = TitleSuggester(titles: ["Does DPO improve calibration?"])
        #expect(suggester.suggestion(for: "does dpo improve calibration now") == "Does DPO improve calibration?")  // 4/5
        #expect(suggester.suggestion(for: "Does DPO improve calibration in small code models?") != nil)  // 4/8
        #expect(suggester.suggestion(for: "Does DPO improve calibration in small and large models?") == nil)  // 4/9
        #expect(suggester.suggestion(for: "") == nil)
    }
}

/// A 64-bit linear congruential generator (Knuth's MMIX constants, high bits folded down): the same titles every
/// run, so a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 29)
    }
}
