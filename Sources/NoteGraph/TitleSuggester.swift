import NoteParsing

/// "Did you mean" for links that name no note: the known title whose words are most like the written ones
/// (Jaccard similarity of the two sets of lowercased words, at least 0.5; of equally similar titles, the one that
/// sorts first), or nil.
///
/// The answer is exactly that of comparing every title, but a written title only reads titles that share three of
/// its rarest words. Why that finds them all (prefix filtering): order all words once, rarest first. A title `y`
/// with similarity ≥ 0.5 to `x` shares `o ≥ |y|/2` words with it, so the third shared word is among the first
/// `|y| − ⌈|y|/2⌉ + 3` words of `y`, and among the first `k − o + 3` known words of `x`. Each title is listed under
/// every triple of its first words; `x` reads the lists of the triples of its own first words, and stops as soon as
/// the best similarity found so far demands more shared words than a later title could have. Single words would
/// not do: in a corpus with a fixed vocabulary (the benchmark's) every word's list grows with the corpus, so each
/// lookup would too; triple lists stay short. Titles sharing one or two words can only be that similar when both
/// titles are short, and long titles only to long ones; both have small lists of their own.
struct TitleSuggester: Sendable {
    /// Titles with more words are not listed under triples (a title of n words has about (n/2)³/6 of them); they are
    /// compared directly, and only with written titles of at least half their length.
    static let indexedWordLimit = 32

    private let titles: [String]
    /// Each word's place in the global order: 0 is the word in fewest titles.
    private let rankOfWord: [String: Int32]
    /// Title `i`'s word ranks, ascending, are `titleWords[wordStart[i]..<wordStart[i + 1]]`.
    private let wordStart: [Int32]
    private let titleWords: [Int32]
    /// The lists, split by the rarest word's rank (`rank % shards.count`), so that they are built on all cores and
    /// each key is still looked up in one table.
    private let shards: [Shard]
    /// Ranks are packed 21 bits each into a key, and title numbers 25 bits into a list item; with more distinct words
    /// or titles than that, every title is compared.
    private let exhaustive: Bool

    init(titles: [String]) {
        self.titles = titles
        var numberOfWord: [String: Int32] = [:]
        var titleCount: [Int32] = []
        let numbered: [[Int32]] = parallelMap(titles) { Self.words($0) }.map { words in
            words.map { word in
                if let n = numberOfWord[word] {
                    titleCount[Int(n)] += 1
                    return n
                }
                numberOfWord[word] = Int32(titleCount.count)
                titleCount.append(1)
                return Int32(titleCount.count - 1)
            }
        }
        // Ties in frequency go to the word seen first, so the order (and the work, not just the answer) is the
        // same every run.
        var rank = [Int32](repeating: 0, count: titleCount.count)
        for (r, n) in titleCount.indices.sorted(by: { (titleCount[$0], $0) < (titleCount[$1], $1) }).enumerated() {
            rank[n] = Int32(r)
        }
        rankOfWord = numberOfWord.mapValues { rank[Int($0)] }
        var wordStart: [Int32] = [0]
        var titleWords: [Int32] = []
        for numbers in numbered {
            titleWords += numbers.map { rank[Int($0)] }.sorted()
            wordStart.append(Int32(titleWords.count))
        }
        self.wordStart = wordStart
        self.titleWords = titleWords
        exhaustive = titleCount.count >= 1 << 21 || titles.count >= 1 << 25
        // One shard for a small corpus: there, threads cost more than they give.
        let count = exhaustive ? 0 : titles.count < 16_384 ? 1 : 4
        let (words, starts) = (titleWords, wordStart)
        shards = parallelMap(Array(0..<count), serialUpTo: 1) { Shard(titleWords: words, wordStart: starts, shard: $0, of: count) }
    }

    /// Titles of one or two words under each word, of two to four words under each pair, of three to
    /// `indexedWordLimit` words under each triple of their first words, for the keys whose first (rarest) word
    /// falls to this shard; longer titles on their own, in shard 0.
    private struct Shard: Sendable {
        let singles: PostingTable
        let pairs: PostingTable
        let triples: PostingTable
        let longTitles: [Int32]

        init(titleWords: [Int32], wordStart: [Int32], shard: Int, of count: Int) {
            var singles = PostingTable.Builder(), pairs = PostingTable.Builder(), triples = PostingTable.Builder()
            var longTitles: [Int32] = []
            for i in 0..<(wordStart.count - 1) {
                let words = titleWords[Int(wordStart[i])..<Int(wordStart[i + 1])].map(UInt64.init)
                if words.count > indexedWordLimit {
                    if shard == 0 { longTitles.append(Int32(i)) }
                    continue
                }
                let item = TitleSuggester.item(i, count: words.count)
                // A title this similar shares at least half its words, so its third shared word is among these.
                let first = min(words.count, words.count - (words.count + 1) / 2 + 3)
                for a in 0..<first where Int(words[a]) % count == shard {
                    if words.count <= 2 { singles.add(words[a], item) }
                    if (2...4).contains(words.count) {
                        for b in (a + 1)..<words.count { pairs.add(words[a] << 21 | words[b], item) }
                    }
                    guard first >= 3 else { continue }
                    for b in (a + 1)..<first {
                        for c in (b + 1)..<first { triples.add(words[a] << 42 | words[b] << 21 | words[c], item) }
                    }
                }
            }
            self.singles = singles.build()
            self.pairs = pairs.build()
            self.triples = triples.build()
            self.longTitles = longTitles
        }
    }

    /// `suggestion(for:)` for many written titles, on all cores; each worker reuses one marking array.
    func suggestions(for written: [String]) -> [String?] {
        // Enough chunks for parallelMap to spread them (it runs 32 items or fewer serially).
        let size = max(8, written.count / 64)
        let chunks = stride(from: 0, to: written.count, by: size).map { $0..<min($0 + size, written.count) }
        return parallelMap(chunks) { range in
            var scratch = Scratch(titles: titles.count, words: rankOfWord.count)
            return written[range].map { suggestion(for: $0, scratch: &scratch) }
        }.flatMap { $0 }
    }

    func suggestion(for written: String) -> String? {
        var scratch = Scratch(titles: titles.count, words: rankOfWord.count)
        return suggestion(for: written, scratch: &scratch)
    }

    /// Which titles this written title has already compared with (`seen[i] == round`) and which words it has
    /// (`has[rank] == round`), so one allocation serves a whole chunk of suggestions without clearing.
    private struct Scratch {
        var seen: [UInt32]
        var has: [UInt32]
        var round: UInt32 = 0
        init(titles: Int, words: Int) {
            seen = Array(repeating: 0, count: titles)
            has = Array(repeating: 0, count: words)
        }
    }

    /// The best title so far: its number, shared words and union of words (the similarity is shared / union).
    private struct Best {
        var title: Int
        var shared: Int
        var union: Int
        var score: Double
    }

    private func suggestion(for written: String, scratch: inout Scratch) -> String? {
        let words = Self.words(written)
        let x = words.count
        let known = words.compactMap { rankOfWord[$0] }.sorted()
        let k = known.count
        // Shared words a title needs to be as similar as the best so far (at first: 0.5), as o/|x| bounds o/union.
        var best: Best?
        func needed() -> Int { best.map { ($0.shared * x + $0.union - 1) / $0.union } ?? (x + 1) / 2 }
        guard x > 0, needed() <= k else { return nil }
        scratch.round += 1
        for a in known { scratch.has[Int(a)] = scratch.round }
        // Title `i` of `count` words, which can share at most `most` of them.
        func consider(_ i: Int, count: Int, most: Int = k) {
            // Skip the comparison when even sharing every possible word could not reach 0.5 or the best so far;
            // decided before reading anything of the title (which, in a large corpus, is a cache miss or three).
            let most = min(count, most)
            let mostUnion = count + x - most
            guard 2 * most >= mostUnion else { return }
            if let best, most * best.union < best.shared * mostUnion { return }
            guard scratch.seen[i] != scratch.round else { return }
            scratch.seen[i] = scratch.round
            let start = Int(wordStart[i])
            var shared = 0
            for j in start..<(start + count) where scratch.has[Int(titleWords[j])] == scratch.round { shared += 1 }
            let union = count + x - shared
            guard 2 * shared >= union else { return }
            let score = Double(shared) / Double(union)
            if let best, score < best.score || (score == best.score && titles[i] >= titles[best.title]) { return }
            best = Best(title: i, shared: shared, union: union, score: score)
        }

        let firstWords = min(k, k - needed() + 3)
        if exhaustive || firstWords >= 3 && Self.tripleCount(firstWords) > titles.count {
            // A written title of hundreds of words would read more triple lists than there are titles.
            for i in titles.indices { consider(i, count: Int(wordStart[i + 1] - wordStart[i])) }
        } else {
            func shard(_ a: Int32) -> Shard { shards[Int(a) % shards.count] }
            if x <= 2 { for a in known { for item in shard(a).singles.list(UInt64(a)) { consider(Self.title(item), count: Self.count(item)) } } }
            if x <= 4 {
                for b in known.indices {
                    for a in 0..<b {
                        for item in shard(known[a]).pairs.list(UInt64(known[a]) << 21 | UInt64(known[b])) {
                            consider(Self.title(item), count: Self.count(item))
                        }
                    }
                }
            }
            if 2 * x > Self.indexedWordLimit {
                for i in shards[0].longTitles { consider(Int(i), count: Int(wordStart[Int(i) + 1] - wordStart[Int(i)])) }
            }
            var c = 2
            while c < k && c < k - needed() + 3 {
                // A title first met here has its third shared word at c (it was in no list of an earlier triple),
                // so it shares none of the words before c beyond two, and at most all after.
                for b in 1..<c {
                    for a in 0..<b {
                        for item in shard(known[a]).triples.list(UInt64(known[a]) << 42 | UInt64(known[b]) << 21 | UInt64(known[c])) {
                            consider(Self.title(item), count: Self.count(item), most: k - c + 2)
                        }
                    }
                }
                c += 1
            }
        }
        return best.map { titles[$0.title] }
    }

    /// A listed title: its number and (at most `indexedWordLimit`, so 6 bits) how many words it has, so that
    /// most titles are ruled out without reading them.
    private static func item(_ title: Int, count: Int) -> Int32 { Int32(title << 6 | count) }
    private static func title(_ item: Int32) -> Int { Int(item >> 6) }
    private static func count(_ item: Int32) -> Int { Int(item & 63) }

    /// How many triples `n` words have.
    private static func tripleCount(_ n: Int) -> Int { n * (n - 1) * (n - 2) / 6 }

    /// A title's distinct lowercased words (runs of letters and digits), in order of first appearance.
    static func words(_ s: String) -> [String] {
        var seen: Set<String> = []
        if let ascii = s.utf8.withContiguousStorageIfAvailable({ asciiWords($0) }), let ascii {
            return ascii.filter { seen.insert($0).inserted }
        }
        return s.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init).filter { seen.insert($0).inserted }
    }

    /// The same words of an ASCII title, from its bytes (Character properties cost a table lookup per letter, and
    /// were a third of indexing 100,000 titles); nil if the title is not ASCII.
    private static func asciiWords(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        var words: [String] = []
        var word: [UInt8] = []
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
            default:
                if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }
}
