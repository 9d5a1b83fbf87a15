import NoteParsing

/// Resolves links to node ids: `[[Title]]` by exact title, then alias, then case-insensitively;
/// `[x](path.md)` relative to the linking file. Fuzzy matching only ever *suggests*, never resolves.
struct LinkResolver: Sendable {
    private var byTitle: [String: NodeID] = [:]
    private var byAlias: [String: NodeID] = [:]
    private var byFolded: [String: NodeID] = [:]
    private var byPath: [String: NodeID] = [:]
    private var byStem: [String: NodeID] = [:]
    /// Title words → indexes into `suggestable`, for "did you mean" suggestions without comparing every title.
    private var titlesByWord: [String: [Int]] = [:]
    private var suggestable: [String] = []
    /// Each title word's number, and each suggestable title's word numbers, sorted: comparing two titles is a
    /// merge of two short integer arrays instead of a set intersection of strings.
    private var wordNumbers: [String: Int32] = [:]
    private var suggestableWords: [[Int32]] = []
    private(set) var duplicateTitleDiagnostics: [Diagnostic] = []

    init(documents: [NoteDocument], ids: [NodeID]) {
        var firstPathForTitle: [String: String] = [:]
        for (doc, id) in zip(documents, ids) {
            if let existing = byTitle[doc.title] {
                let other = firstPathForTitle[doc.title] ?? existing.rawValue
                duplicateTitleDiagnostics.append(.warning(doc.path, at: doc.titleLocation, "another note has the same title: \(other); both are published, and links to this title go to \(other)"))
            } else {
                byTitle[doc.title] = id
                firstPathForTitle[doc.title] = doc.path
                let words = Set(LinkResolver.words(doc.title))
                for word in words { titlesByWord[word, default: []].append(suggestable.count) }
                suggestable.append(doc.title)
                suggestableWords.append(words.map { word in
                    if let n = wordNumbers[word] { return n }
                    let n = Int32(wordNumbers.count)
                    wordNumbers[word] = n
                    return n
                }.sorted())
            }
            byFolded[doc.title.lowercased()] = byFolded[doc.title.lowercased()] ?? id
            for alias in doc.frontMatter.aliases where byAlias[alias] == nil {
                byAlias[alias] = id
                byFolded[alias.lowercased()] = byFolded[alias.lowercased()] ?? id
            }
            byPath[doc.path] = id
            let stem = (doc.path.split(separator: "/").last.map(String.init) ?? doc.path).lowercased()
            byStem[String(stem.dropLast(3))] = byStem[String(stem.dropLast(3))] ?? id
        }
    }

    func resolve(_ link: NoteLink, from doc: NoteDocument) -> NodeID? {
        switch link.target {
        case .title(let title):
            if title.isEmpty { return byPath[doc.path] }  // [[#Heading]] within the same note
            return byTitle[title] ?? byAlias[title] ?? byFolded[title.lowercased()]
                ?? byStem[title.lowercased()]  // Obsidian also resolves [[file-name]]
        case .path(let path):
            let directory = doc.path.split(separator: "/").dropLast().joined(separator: "/")
            if let joined = LinkResolver.normalize(directory.isEmpty ? path : directory + "/" + path), let id = byPath[joined] {
                return id
            }
            return LinkResolver.normalize(path).flatMap { byPath[$0] }
        }
    }

    /// How many title entries one suggestion may gather candidates from. Without a cap the work per unresolved
    /// link grows with the corpus (a word in 1% of titles lists 1,000 of 100,000), making suggestions quadratic.
    static let candidateBudget = 2_048

    /// `suggestion(for:)` for many written titles, on all cores; each worker reuses one counting array.
    func suggestions(for written: [String]) -> [String?] {
        // Enough chunks for parallelMap to spread them (it runs 32 items or fewer serially).
        let size = max(8, written.count / 64)
        let chunks = stride(from: 0, to: written.count, by: size).map { $0..<min($0 + size, written.count) }
        return parallelMap(chunks) { range in
            var scratch = Scratch(count: suggestable.count)
            return written[range].map { suggestion(for: $0, scratch: &scratch) }
        }.flatMap { $0 }
    }

    /// The most similar known title (Jaccard similarity of title words ≥ 0.5), if any.
    func suggestion(for written: String) -> String? {
        var scratch = Scratch(count: suggestable.count)
        return suggestion(for: written, scratch: &scratch)
    }

    /// Shared-word counts per title, zeroed after each use (only the touched entries), so one allocation serves a
    /// whole chunk of suggestions.
    private struct Scratch {
        var shared: [UInt16]
        var touched: [Int] = []
        init(count: Int) { shared = Array(repeating: 0, count: count) }
    }

    /// Candidates are gathered from the written title's rarest words first; words found in more than a tenth of all
    /// titles ("does", "the"), and words past the candidate budget, are not gathered from but still count in the
    /// similarity.
    private func suggestion(for written: String, scratch: inout Scratch) -> String? {
        let words = Set(LinkResolver.words(written))
        guard !words.isEmpty else { return nil }
        let writtenNumbers = words.compactMap { wordNumbers[$0] }.sorted()
        let common = max(50, suggestable.count / 10)
        var commonWords = 0
        var gathered = 0
        let lists = words.compactMap { word in titlesByWord[word].map { (word, $0) } }.sorted { ($0.1.count, $0.0) < ($1.1.count, $1.0) }
        for (_, list) in lists {
            guard list.count <= common, gathered + list.count <= Self.candidateBudget else { commonWords += 1; continue }
            gathered += list.count
            for i in list {
                if scratch.shared[i] == 0 { scratch.touched.append(i) }
                scratch.shared[i] += 1
            }
        }
        defer {
            for i in scratch.touched { scratch.shared[i] = 0 }
            scratch.touched.removeAll(keepingCapacity: true)
        }
        var best: (title: String, score: Double)?
        for i in scratch.touched {
            // Skip the exact comparison when even sharing every common word could not reach the threshold.
            let candidateWords = suggestableWords[i]
            let most = Int(scratch.shared[i]) + commonWords
            guard Double(most) / Double(candidateWords.count + words.count - most) >= 0.5 else { continue }
            let title = suggestable[i]
            let both = Self.sharedCount(candidateWords, writtenNumbers)
            let score = Double(both) / Double(candidateWords.count + words.count - both)
            if best == nil || score > best!.score || (score == best!.score && title < best!.title) {
                best = (title, score)
            }
        }
        guard let best, best.score >= 0.5 else { return nil }
        return best.title
    }

    /// How many numbers two sorted arrays share.
    private static func sharedCount(_ a: [Int32], _ b: [Int32]) -> Int {
        var i = 0, j = 0, n = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { n += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return n
    }

    static func words(_ s: String) -> [String] {
        s.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Collapses `.` and `..`; nil when the path climbs above the notes folder.
    static func normalize(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                if parts.isEmpty { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}
