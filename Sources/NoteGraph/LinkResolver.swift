import NoteParsing

/// Resolves links to node ids: `[[Title]]` by exact title, then alias, then case-insensitively;
/// `[x](path.md)` relative to the linking file. Fuzzy matching only ever *suggests*, never resolves.
struct LinkResolver: Sendable {
    private var byTitle: [String: NodeID] = [:]
    private var byAlias: [String: NodeID] = [:]
    private var byFolded: [String: NodeID] = [:]
    private var byPath: [String: NodeID] = [:]
    private var byStem: [String: NodeID] = [:]
    /// Every distinct title, in path order: what "did you mean" may suggest (see `TitleSuggester`).
    private(set) var suggestable: [String] = []
    private(set) var duplicateTitleDiagnostics: [Diagnostic] = []

    init(documents: [NoteDocument], ids: [NodeID]) {
        var firstPathForTitle: [String: String] = [:]
        // Sized once, not grown by doubling (each doubling rehashes every key string).
        byTitle.reserveCapacity(documents.count)
        byFolded.reserveCapacity(documents.count)
        byPath.reserveCapacity(documents.count)
        byStem.reserveCapacity(documents.count)
        firstPathForTitle.reserveCapacity(documents.count)
        suggestable.reserveCapacity(documents.count)
        for (doc, id) in zip(documents, ids) {
            if let existing = byTitle[doc.title] {
                let other = firstPathForTitle[doc.title] ?? existing.rawValue
                duplicateTitleDiagnostics.append(.warning(doc.path, at: doc.titleLocation, "another note has the same title: \(other); both are published, and links to this title go to \(other)"))
            } else {
                byTitle[doc.title] = id
                firstPathForTitle[doc.title] = doc.path
                suggestable.append(doc.title)
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
