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
            let stem = String((doc.path.split(separator: "/").last.map(String.init) ?? doc.path).lowercased().dropLast(3))
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
            let directory = doc.path.split(separator: "/").dropLast().joined(separator: "/")
            if let joined = LinkResolver.normalize(directory.isEmpty ? path : directory + "/" + path), let id = byPath[TextKey(joined)] {
                return id
            }
            return LinkResolver.normalize(path).flatMap { byPath[TextKey($0)] }
        }
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
