import Foundation

/// The four note kinds of the notegraph contract; each lives in `notes/<kind>/<slug>.md`.
enum NoteKind: String, CaseIterable, Sendable {
    case inquiry, note, hub, paper
}

/// How links are written in a generated corpus.
///
/// `wiki` is notegraph's native input: mostly `[[Exact Title]]` / `[[Exact Title|label]]`, with a
/// minority of relative Markdown links (the contract accepts both). `markdown` is the same content
/// with every link as a relative `[label](../kind/slug.md)` link, which is what Hugo understands.
enum LinkStyle: String, CaseIterable, Sendable {
    case wiki, markdown
}

/// Everything about a note that other notes need to know before any body is written:
/// identity, file location and front matter.
struct PlannedNote: Sendable {
    let index: Int
    let kind: NoteKind
    let title: String
    let slug: String
    let tags: [String]
    let date: String
    let collection: String?
    /// Only papers carry an arXiv id.
    let arxiv: String?

    /// Path relative to the notes root (or Hugo's `content/`).
    var relativePath: String { "\(kind.rawValue)/\(slug).md" }
}

/// The corpus before bodies are rendered: all titles, slugs and front matter, plus the link
/// popularity distribution. Bodies are produced per note on demand (see `CorpusGenerator`) so a
/// 100k-note corpus never has to sit in memory as one object graph.
struct CorpusPlan: Sendable {
    let seed: UInt64
    let notes: [PlannedNote]
    /// Note indices ordered from most to least linked; rank r gets weight 1/(r + offset).
    let popularityOrder: [Int]
    /// Cumulative weights for `popularityOrder` (Zipf–Mandelbrot with s = 1).
    let cumulativeWeights: [Double]
    /// Titles that exist, for keeping unresolved link titles distinct from real ones.
    let titleSet: Set<String>

    /// The most linked note: a realistic worst case for `query neighbors`.
    var mostLinkedTitle: String { notes[popularityOrder[0]].title }

    /// Indices of plain notes, in file order: the candidates for the one-note-edit benchmark.
    var editableNoteIndices: [Int] { notes.filter { $0.kind == .note }.map(\.index) }

    /// Draws a link target with Zipf-like popularity. Uses only IEEE-exact operations
    /// (exact scaling of 53 random bits, a fixed-order prefix sum, comparisons), so the result is
    /// the same on every platform, unlike anything built on `pow`/`log` from the C library.
    func sampleTarget(_ rng: inout SplitMix64) -> Int {
        let total = cumulativeWeights[cumulativeWeights.count - 1]
        let u = Double(rng.next() >> 11) * 0x1p-53 * total
        var lo = 0, hi = cumulativeWeights.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulativeWeights[mid] <= u { lo = mid + 1 } else { hi = mid }
        }
        return popularityOrder[lo]
    }

    // MARK: Planning

    /// Builds the plan for `count` notes. Kind shares follow the brief: ~75% notes, ~10% inquiries,
    /// ~5% hubs, ~10% papers.
    init(count: Int, seed: UInt64) {
        precondition(count >= 20, "need at least 20 notes for every kind to appear")
        self.seed = seed
        var master = SplitMix64(seed: seed)
        var kindRNG = master.fork()
        var titleRNG = master.fork()
        var metaRNG = master.fork()
        var popularityRNG = master.fork()

        let papers = count / 10, inquiries = count / 10, hubs = max(1, count / 20)
        var kinds = Array(repeating: NoteKind.paper, count: papers)
            + Array(repeating: .inquiry, count: inquiries)
            + Array(repeating: .hub, count: hubs)
        kinds += Array(repeating: .note, count: count - kinds.count)
        // Interleave kinds so file order does not group them (closer to a real, grown folder).
        kindRNG.shuffle(&kinds)

        var titles = Set<String>()
        var slugs = Set<String>()
        var planned: [PlannedNote] = []
        planned.reserveCapacity(count)
        for (index, kind) in kinds.enumerated() {
            let title = Self.uniqueTitle(kind: kind, rng: &titleRNG, taken: &titles)
            let slug = Self.uniqueSlug(for: title, taken: &slugs)
            let date = Self.date(daysAfter2022: metaRNG.below(1100))
            var tags: [String] = []
            if !metaRNG.chance(15) {
                let wanted = metaRNG.int(in: 1...4)
                while tags.count < wanted {
                    let tag = metaRNG.pick(Vocabulary.tags)
                    if !tags.contains(tag) { tags.append(tag) }
                }
            }
            // Skewed collection sizes: the first collections are the big ones.
            let collection: String? = metaRNG.chance(12) ? nil
                : Vocabulary.collections[min(metaRNG.below(Vocabulary.collections.count), metaRNG.below(Vocabulary.collections.count))]
            var arxiv: String? = nil
            if kind == .paper {
                let yymm = date.dropFirst(2).prefix(5).replacingOccurrences(of: "-", with: "")
                arxiv = "\(yymm).\(Self.padded(metaRNG.below(100_000), width: 5))"
            }
            planned.append(PlannedNote(index: index, kind: kind, title: title, slug: slug, tags: tags,
                                       date: date, collection: collection, arxiv: arxiv))
        }

        var order = Array(0..<count)
        popularityRNG.shuffle(&order)
        // Offset 5 softens the head (pure 1/r would send ~10% of all links to one note).
        var running = 0.0
        var cumulative: [Double] = []
        cumulative.reserveCapacity(count)
        for rank in 0..<count {
            running += 1.0 / Double(rank + 5)
            cumulative.append(running)
        }
        notes = planned
        popularityOrder = order
        cumulativeWeights = cumulative
        titleSet = titles
    }

    /// A question title that is not in `taken` (and records it). Papers get statement titles,
    /// hubs "What do we know about …?" titles, everything else questions from the templates.
    static func uniqueTitle(kind: NoteKind, rng: inout SplitMix64, taken: inout Set<String>) -> String {
        for attempt in 0..<64 {
            var title: String
            switch kind {
            case .paper:
                title = capitalized("\(rng.pick(Vocabulary.methods)) \(rng.pick(Vocabulary.verbs)) \(rng.pick(Vocabulary.properties)) in \(rng.pick(Vocabulary.settings))")
            case .hub:
                title = "What do we know about \(rng.pick(Vocabulary.methods)) and \(rng.pick(Vocabulary.properties))?"
            case .inquiry, .note:
                title = question(&rng)
            }
            // After many collisions (only plausible for huge corpora), disambiguate deterministically.
            if attempt >= 48 { title += " (\(attempt - 47))" }
            if taken.insert(title).inserted { return title }
        }
        fatalError("could not find a unique title")
    }

    /// One question from the templates.
    static func question(_ rng: inout SplitMix64) -> String {
        let template = rng.pick(Vocabulary.questionTemplates)
        let m = rng.pick(Vocabulary.methods)
        var m2 = rng.pick(Vocabulary.methods)
        if m2 == m { m2 = Vocabulary.methods[(Vocabulary.methods.firstIndex(of: m)! + 1) % Vocabulary.methods.count] }
        let text = template
            .replacingOccurrences(of: "{m2}", with: m2)
            .replacingOccurrences(of: "{m}", with: m)
            .replacingOccurrences(of: "{p}", with: rng.pick(Vocabulary.properties))
            .replacingOccurrences(of: "{s}", with: rng.pick(Vocabulary.settings))
        return capitalized(text)
    }

    static func capitalized(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }

    /// Lowercase ASCII slug, at most 80 characters, unique within the corpus.
    static func uniqueSlug(for title: String, taken: inout Set<String>) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in title.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                pendingDash = true
            }
        }
        if slug.count > 80 { slug = String(slug.prefix(80)) }
        while slug.hasSuffix("-") { slug.removeLast() }
        var candidate = slug
        var n = 2
        while !taken.insert(candidate).inserted {
            candidate = "\(slug)-\(n)"
            n += 1
        }
        return candidate
    }

    /// `YYYY-MM-DD` for 2022-01-01 + `days`, by hand (no Foundation calendars: locale/time-zone free).
    static func date(daysAfter2022 days: Int) -> String {
        var year = 2022, remaining = days
        func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
        while remaining >= (isLeap(year) ? 366 : 365) {
            remaining -= isLeap(year) ? 366 : 365
            year += 1
        }
        let monthLengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var month = 0
        while remaining >= monthLengths[month] {
            remaining -= monthLengths[month]
            month += 1
        }
        return "\(year)-\(padded(month + 1, width: 2))-\(padded(remaining + 1, width: 2))"
    }

    static func padded(_ n: Int, width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
