import NoteParsing

/// Resolves links to node ids: `[[Title]]` by exact title, then alias, then case-insensitively;
/// `[x](path.md)` relative to the linking file. Fuzzy matching only ever *suggests*, never resolves.
struct LinkResolver: Sendable {
    private var byTitle: [TextKey: NodeID] = [:]
    private var byAlias: [TextKey: NodeID] = [:]
    private var byFolded: [TextKey: NodeID] = [:]
    private var byPath: [TextKey: NodeID] = [:]
    private var byStem: [TextKey: NodeID] = [:]
    /// Every distinct title, in path order: what "did you mean" may suggest (see `TitleSuggester`).
    private(set) var suggestable: [String] = []
    private(set) var duplicateTitleDiagnostics: [Diagnostic] = []

    init(documents: [NoteDocument], ids: [NodeID]) {
        var firstPathForTitle: [TextKey: String] = [:]
        // Sized once, not grown by doubling (each doubling rehashes every key string).
        byTitle.reserveCapacity(documents.count)
        byFolded.reserveCapacity(documents.count)
        byPath.reserveCapacity(documents.count)
        byStem.reserveCapacity(documents.count)
        firstPathForTitle.reserveCapacity(documents.count)
        suggestable.reserveCapacity(documents.count)
        // What each note is looked up by, made on all cores; the tables are filled in path order, first one wins.
        let keys = parallelMap(documents) { doc in
            let stem = String(SourceFile.fileName(of: doc.path).lowercased().dropLast(3))
            return (folded: TextKey(doc.title.lowercased()), aliases: doc.frontMatter.aliases.map { (TextKey($0), TextKey($0.lowercased())) }, stem: TextKey(stem))
        }
        for ((doc, id), keys) in zip(zip(documents, ids), keys) {
            let title = TextKey(doc.title)
            if let existing = byTitle[title] {
                let other = firstPathForTitle[title] ?? existing.rawValue
                duplicateTitleDiagnostics.append(.warning(doc.path, at: doc.titleLocation, "another note has the same title: \(other); both are published, and links to this title go to \(other)"))
            } else {
                byTitle[title] = id
                firstPathForTitle[title] = doc.path
                suggestable.append(doc.title)
            }
            if byFolded[keys.folded] == nil { byFolded[keys.folded] = id }
            for (alias, folded) in keys.aliases where byAlias[alias] == nil {
                byAlias[alias] = id
                if byFolded[folded] == nil { byFolded[folded] = id }
            }
            byPath[TextKey(doc.path)] = id
            if byStem[keys.stem] == nil { byStem[keys.stem] = id }
        }
    }

    func resolve(_ link: NoteLink, from doc: NoteDocument) -> NodeID? {
        switch link.target {
        case .title(let title):
            if title.isEmpty { return byPath[TextKey(doc.path)] }  // [[#Heading]] within the same note
            let key = TextKey(title)
            if let id = byTitle[key] ?? byAlias[key] { return id }
            let folded = TextKey(title.lowercased())
            return byFolded[folded] ?? byStem[folded]  // Obsidian also resolves [[file-name]]
        case .path(let path):
            // The linking note's folder: everything before its last "/" (empty parts are dropped by `normalize`).
            let directory = doc.path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(doc.path[..<$0]) } ?? ""
            if let joined = LinkResolver.normalize(directory.isEmpty ? path : directory + "/" + path), let id = byPath[TextKey(joined)] {
                return id
            }
            return LinkResolver.normalize(path).flatMap { byPath[TextKey($0)] }
        }
    }

    /// Collapses `.` and `..` and drops empty parts; nil when the path climbs above the notes folder.
    // On the bytes, into one buffer: every path link of every note goes through here on every build, and splitting
    // into Substrings and joining them again was a third of link resolution's time.
    static func normalize(_ path: String) -> String? {
        var path = path
        return path.withUTF8 { bytes -> String? in
            let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var starts: [Int] = []  // where each kept part begins in `out`, its "/" included
            var i = 0
            while i <= bytes.count {
                var j = i
                while j < bytes.count, bytes[j] != slash { j += 1 }
                let length = j - i
                if length == 0 || (length == 1 && bytes[i] == dot) {
                    // "" or ".": nothing
                } else if length == 2, bytes[i] == dot, bytes[i + 1] == dot {
                    guard let start = starts.popLast() else { return nil }
                    out.removeSubrange(start...)
                } else {
                    starts.append(out.count)
                    if !out.isEmpty { out.append(slash) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                }
                i = j + 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
