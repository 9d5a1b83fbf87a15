import NoteParsing

/// Builds the document layer of the graph: one node per note file and the `cites` / `next` / `member` edges
/// its links make. Links that name nothing are kept as `UnresolvedReference`s and reported as warnings.
public enum GraphBuilder {
    /// Sections of an inquiring line whose links point to follow-up lines rather than cite evidence.
    static let nextSectionNames: Set<String> = ["next inquiring lines", "next inquiring line", "next"]

    /// Whether a section only lists pages (an inquiring line's Sources or Next inquiring lines) rather than
    /// holding prose: its sentences are list entries, not citing sentences or claims.
    public static func isListing(_ section: String?) -> Bool {
        guard let section = section?.lowercased() else { return false }
        return section == "sources" || section.hasPrefix("sources ") || nextSectionNames.contains(section)
    }

    public static func build(_ documents: [NoteDocument]) -> (graph: Graph, diagnostics: [Diagnostic]) {
        let (graph, diagnostics, _) = build(documents, suggestions: .empty)
        return (graph, diagnostics)
    }

    /// The same, taking "did you mean" answers from `previous` (the last build's) when they were chosen from the
    /// same titles, and returning this build's answers for the next one (see `TitleSuggestions`).
    public static func build(_ documents: [NoteDocument], suggestions previous: TitleSuggestions) -> (graph: Graph, diagnostics: [Diagnostic], suggestions: TitleSuggestions) {
        var diagnostics: [Diagnostic] = documents.flatMap(\.diagnostics)
        // Path order decides every tie (slug collisions, duplicate titles), so output never depends on read order.
        // ("x.md" sorts before "x-2.md", so the first of two same-titled notes keeps the plain name.)
        // Positions are sorted, by keys made once, rather than the documents: comparing substrings made on the fly
        // and moving whole documents around was most of a 30 ms sort at 10,000 notes.
        let paths = documents.map(\.path)
        let stems = paths.map { String($0.dropLast(3)) }
        let docs = documents.indices.sorted { (stems[$0], paths[$0]) < (stems[$1], paths[$1]) }.map { documents[$0] }
        var ids: [NodeID] = []
        var takenIDs: [NodeID: String] = [:]
        var nodes: [Node] = []
        var documentsByID: [NodeID: NoteDocument] = [:]
        var titles: Set<String> = []
        // Sized once: growing a dictionary rehashes every id string at each doubling, which at 100,000 notes
        // (about a million links) was a tenth of this phase.
        ids.reserveCapacity(docs.count)
        takenIDs.reserveCapacity(docs.count)
        nodes.reserveCapacity(docs.count)
        documentsByID.reserveCapacity(docs.count)
        titles.reserveCapacity(docs.count)
        for doc in docs {
            defer { titles.insert(doc.title) }
            let kind = NodeKind(doc.kind)
            let baseSlug = doc.frontMatter.slug.map { Slug.make($0) } ?? Slug.make(doc.title)
            var slug = baseSlug
            var n = 2
            while takenIDs[NodeID("\(kind.rawValue)/\(slug)")] != nil {
                slug = "\(baseSlug)-\(n)"
                n += 1
            }
            let id = NodeID("\(kind.rawValue)/\(slug)")
            // Same-titled notes get one warning, from the resolver; this one is for different titles that slug alike.
            if slug != baseSlug, let other = takenIDs[NodeID("\(kind.rawValue)/\(baseSlug)")], !titles.contains(doc.title) {
                diagnostics.append(.warning(doc.path, at: doc.titleLocation, "page name '\(baseSlug)' is already used by \(other); this note is published as '\(slug)'"))
            }
            takenIDs[id] = doc.path
            ids.append(id)
            documentsByID[id] = doc
            nodes.append(node(for: doc, id: id, kind: kind, slug: slug))
        }

        let resolver = LinkResolver(documents: docs, ids: ids)
        diagnostics += resolver.duplicateTitleDiagnostics

        // "Did you mean" for every distinct unresolved target, on all cores: the one costly part of resolving.
        let targetsByDoc = parallelMap(docs) { doc in doc.links.map { resolver.resolve($0, from: doc) } }
        var missing: [String] = []
        var seenMissing: Set<String> = []
        for (doc, targets) in zip(docs, targetsByDoc) {
            for (link, target) in zip(doc.links, targets) where target == nil && seenMissing.insert(link.targetText).inserted {
                missing.append(link.targetText)
            }
        }
        let titlesHash = TitleSuggestions.hash(of: resolver.suggestable)
        let known = previous.titles == titlesHash ? previous.answers : [:]
        let unknown = missing.filter { known[$0] == nil }
        let suggested = unknown.isEmpty ? [] : TitleSuggester(titles: resolver.suggestable).suggestions(for: unknown)
        let fresh = Dictionary(uniqueKeysWithValues: zip(unknown, suggested))
        let suggestions = Dictionary(uniqueKeysWithValues: missing.map { ($0, known[$0] ?? fresh[$0]!) })

        // Each note's edges, unresolved links and warnings on its own, on all cores: an edge joins its note to a
        // target, so merging repeated links needs only that note's. In note order, each note's in link order.
        let documentIDs = ids
        let perDocument = parallelMap(Array(docs.indices)) { d in
            Self.linksOf(docs[d], id: documentIDs[d], targets: targetsByDoc[d], suggestions: suggestions)
        }
        var edges: [Edge] = []
        var unresolved: [UnresolvedReference] = []
        var linkTargets: [NodeID: [NodeID?]] = [:]
        edges.reserveCapacity(perDocument.reduce(0) { $0 + $1.edges.count })
        unresolved.reserveCapacity(perDocument.reduce(0) { $0 + $1.unresolved.count })
        linkTargets.reserveCapacity(docs.count)
        for (id, targets) in zip(ids, targetsByDoc) { linkTargets[id] = targets }
        for links in perDocument {
            edges += links.edges
            unresolved += links.unresolved
            diagnostics += links.diagnostics
        }
        let graph = Graph(nodes: nodes, edges: edges, unresolved: unresolved, documents: documentsByID, linkTargets: linkTargets)
        return (graph, diagnostics, TitleSuggestions(titles: titlesHash, answers: suggestions))
    }

    /// One note's edges (one per target and kind, in the order of their first link), the links that name nothing,
    /// and a warning for each of those.
    private static func linksOf(
        _ doc: NoteDocument, id: NodeID, targets: [NodeID?], suggestions: [String: String?]
    ) -> (edges: [Edge], unresolved: [UnresolvedReference], diagnostics: [Diagnostic]) {
        var edges: [Edge] = []
        var positions: [EdgeKey: Int] = [:]
        var unresolved: [UnresolvedReference] = []
        var diagnostics: [Diagnostic] = []
        for (link, target) in zip(doc.links, targets) {
            guard let target else {
                let written = link.targetText
                let suggestion = suggestions[written] ?? nil
                unresolved.append(UnresolvedReference(source: id, file: doc.path, location: link.location, target: written, sentence: link.sentence, suggestion: suggestion))
                let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.append(.warning(doc.path, at: link.location, "unresolved link to '\(written)'\(hint)"))
                continue
            }
            if target == id { continue }  // a note linking to itself (or its own headings) is not a citation
            let kind = edgeKind(for: link, in: doc)
            let key = EdgeKey(target: target, kind: kind)
            if let p = positions[key] {
                if !edges[p].contexts.contains(link.sentence) { edges[p].contexts.append(link.sentence) }
                // The prose sentence cites better than a Sources-list entry.
                if isListing(edges[p].contextSection), !isListing(link.section) {
                    edges[p].context = link.sentence
                    edges[p].location = link.location
                    edges[p].contextSection = link.section
                }
            } else {
                positions[key] = edges.count
                edges.append(Edge(
                    source: id, target: target, kind: kind, context: link.sentence, contexts: [link.sentence],
                    location: link.location, score: nil, reason: nil, contextSection: link.section
                ))
            }
        }
        return (edges, unresolved, diagnostics)
    }

    static func edgeKind(for link: NoteLink, in doc: NoteDocument) -> EdgeKind {
        let section = link.section?.lowercased()
        if doc.kind == .inquiry, let section, nextSectionNames.contains(section) { return .next }
        if doc.kind == .hub, link.section != nil { return .member }
        return .cites
    }

    static func node(for doc: NoteDocument, id: NodeID, kind: NodeKind, slug: String) -> Node {
        let fm = doc.frontMatter
        let metadata = Node.Metadata(
            aliases: fm.aliases, tags: fm.tags, date: fm.date, collection: fm.collection, categories: fm.categories,
            arxiv: fm.arxiv, summary: fm.summary, source: fm.source, origin: fm.origin
        )
        return Node(id: id, kind: kind, title: doc.title, url: "\(kind.rawValue)/\(slug).html", path: doc.path, metadata: metadata)
    }

    /// What makes an edge of one note: its target and kind.
    private struct EdgeKey: Hashable {
        var target: NodeID
        var kind: EdgeKind
    }
}

extension NoteLink {
    /// The target as the author wrote it (title or path).
    public var targetText: String {
        switch target {
        case .title(let t): return t
        case .path(let p): return p
        }
    }
}
