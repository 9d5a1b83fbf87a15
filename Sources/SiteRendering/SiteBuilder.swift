import Foundation
import GraphQuery
import NoteGraph
import NoteParsing

/// Turns the analysed graph into the files of the static site, in memory: page models → templates → bytes.
///
/// All URLs are relative, so the site works from `file://` and from any folder of any static host. Output is a
/// pure function of the graph and the templates: same input, same bytes.
public struct SiteBuilder: Sendable {
    public var siteTitle: String
    /// How many entries per kind the index lists before linking to the full list.
    public var indexSectionLimit = 50
    /// How many backlinks, mentions or claims a page lists with their sentences; the rest are counted. A note
    /// cited by thousands would otherwise get a page of megabytes (graph.json and `notegraph query` list them all).
    public var listLimit = 100

    public init(siteTitle: String = "notegraph") {
        self.siteTitle = siteTitle
    }

    /// Every file of the site, sorted by path.
    public func build(_ queries: GraphQueries, templates: TemplateSet) throws -> [OutputFile] {
        var files: [OutputFile] = []
        try build(queries, templates: templates) { files += $0 }
        return files.sorted { $0.path < $1.path }
    }

    /// How many note pages are rendered (on all cores) before they are handed on: bounds the memory a large
    /// site's pages take while staying big enough to keep both cores busy.
    public static let batchSize = 64

    /// Renders the site and hands its files to `emit` in batches as they are made, so a caller that writes them
    /// out never holds the whole site in memory. Which files and their bytes do not depend on the batching.
    ///
    /// With `reuse`, every note's page carries its fingerprint, and a page whose fingerprint is the one `reuse`
    /// recorded for it last time is handed on unrendered (`OutputFile.init(path:unlessUnchanged:fingerprint:render:)`).
    ///
    /// With `graphJSON`, graph.json's chunks that the last build wrote from the same items are copied from its file
    /// (see `GraphJSONChunks`), and the table of this build's chunks is left there.
    public func build(
        _ queries: GraphQueries, templates: TemplateSet, reuse: PageReuse? = nil, graphJSON: GraphJSONReuse? = nil, emit: ([OutputFile]) throws -> Void
    ) throws {
        let library = try templates.library()
        let graph = queries.graph
        let taxonomy = Taxonomy(graph: graph)
        let open = queries.openQuestions()
        let questionsByID = Dictionary(uniqueKeysWithValues: open.map { (NodeID($0.question.id), $0) })
        // Made once for all pages: which nodes each edge joins, and each node's href from a page below the root.
        let ends = EdgeEnds(graph)
        let hrefs = NodeHrefs(graph)
        var files: [OutputFile] = []

        func render(_ model: some TemplateObject, _ template: String, to path: String) {
            files.append(OutputFile(path: path, bytes: library.render(model, template: template)))
        }

        // Each listed kind's nodes by title, sorted once for the index and the full lists.
        let byTitle = Dictionary(uniqueKeysWithValues: Self.kindSections.map { kind, _ in (kind, graph.indicesByTitle(ofKind: kind)) })
        render(indexPage(graph, hrefs: hrefs, byTitle: byTitle, open: open, taxonomy: taxonomy), "index", to: "index.html")
        render(SearchPage(layout: layout("Search", root: ""), items: []), "search", to: "search.html")

        let documents = graph.nodes.indices.filter { graph.nodes[$0].kind.isDocument }
        let seed = reuse.map { pageSeed($0, templates: templates) }
        // Every node's and edge's hash, made once: the note pages' fingerprints and graph.json's chunks read them.
        let itemHashes = ItemHashes(graph)
        // Freed once the note pages are made, before the last pages and graph.json.
        var sharedHashes = reuse.map { _ in PageInputHashes(graph, items: itemHashes) }
        for start in stride(from: 0, to: documents.count, by: Self.batchSize) {
            // Pages are independent: render a batch on all cores, then hand it on.
            let batch = Array(documents[start..<min(start + Self.batchSize, documents.count)])
            let shared = sharedHashes
            try emit(parallelMap(batch) { i -> OutputFile in
                let question = questionsByID[graph.nodes[i].id], path = graph.nodes[i].url
                let render: @Sendable () -> [UInt8] = {
                    library.render(nodePage(i, graph: graph, ends: ends, hrefs: hrefs, question: question, taxonomy: taxonomy), template: "node")
                }
                guard let reuse, let seed, let shared,
                      let fingerprint = pageFingerprint(i, graph: graph, ends: ends, shared: shared, question: question, taxonomy: taxonomy, reuse: reuse, seed: seed)
                else { return OutputFile(path: path, bytes: render()) }
                if let previous = reuse.previous[path], previous.fingerprint == fingerprint {
                    return OutputFile(path: path, unlessUnchanged: previous.size, fingerprint: fingerprint, render: render)
                }
                var file = OutputFile(path: path, bytes: render())
                file.fingerprint = fingerprint
                return file
            })
        }
        sharedHashes = nil
        // The rest: a few dozen pages and the corpus-wide files, side by side. One after another they left a core
        // idle at the end of every build (a concept page walks every claim that mentions it). A round of them at a
        // time, each handed on before the next is made: all at once, they held 15 MB of finished files at 10,000
        // notes until the last was done.
        var jobs: [@Sendable () -> OutputFile] = graph.nodes.indices.filter { graph.nodes[$0].kind == .concept }.map { concept in
            { OutputFile(path: graph.nodes[concept].url, bytes: library.render(conceptPage(concept, graph: graph, ends: ends, hrefs: hrefs), template: "concept")) }
        }
        jobs += taxonomy.lists.map { list in
            {
                let root = "../"
                let items = list.nodes.map { link($0, graph: graph, hrefs: hrefs, root: root) }
                let page = ListPage(layout: layout("\(list.heading): \(list.name)", root: root), heading: list.heading, title: list.name, items: items)
                return OutputFile(path: list.path, bytes: library.render(page, template: "list"))
            }
        }
        jobs += Self.kindSections.map { kind, heading in
            {
                let root = "../"
                let items = byTitle[kind]!.map { link($0, graph: graph, hrefs: hrefs, root: root) }
                let page = ListPage(layout: layout("All \(heading.lowercased())", root: root), heading: "All", title: heading, items: items)
                return OutputFile(path: "all/\(kind.rawValue).html", bytes: library.render(page, template: "list"))
            }
        }
        jobs.append { OutputFile(path: "search-index.js", bytes: SearchIndexScript.script(graph)) }
        for start in stride(from: 0, to: jobs.count, by: Self.jobsPerRound) {
            try emit(parallelMap(Array(jobs[start..<min(start + Self.jobsPerRound, jobs.count)]), serialUpTo: 1) { $0() })
        }
        for (path, bytes) in templates.assets {
            files.append(OutputFile(path: "assets/\(path)", bytes: bytes))
        }
        try emit(files)
        files = []
        // Encoded as it is written, by whoever writes it (see `OutputFile.init(path:chunks:)`), last and on its own,
        // once every rendered file has been handed on and freed.
        try emit([OutputFile(path: "graph.json", chunks: { sink in try GraphJSON.write(graph, reusing: graphJSON, into: sink, hashes: itemHashes) })])
    }

    /// How many of the last pages and corpus-wide files are made side by side before they are handed on.
    static let jobsPerRound = 8

    /// "… and 1,234 more", or nil when nothing was left out.
    static func more(_ hidden: Int) -> String? {
        guard hidden > 0 else { return nil }
        var digits = String(hidden)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return "… and \(digits + grouped) more (all are listed in graph.json and by notegraph query show)"
    }

    static let kindSections: [(NodeKind, String)] = [
        (.inquiry, "Inquiring lines"), (.note, "Notes"), (.paper, "Papers"), (.hub, "Topic hubs"), (.concept, "Concepts"),
    ]

    // MARK: - Pages

    private func indexPage(_ graph: Graph, hrefs: NodeHrefs, byTitle: [NodeKind: [Int]], open: [OpenQuestion], taxonomy: Taxonomy) -> IndexPage {
        let root = ""
        let questions = open.map { questionView($0, graph: graph, hrefs: hrefs, root: root) }
        let openIDs = Set(open.map(\.question.id))
        var sections: [IndexSection] = []
        for (kind, heading) in Self.kindSections {
            let nodes = byTitle[kind]!.filter { !openIDs.contains(graph.nodes[$0].id.rawValue) }
            guard !nodes.isEmpty else { continue }
            sections.append(IndexSection(
                heading: kind == .inquiry && !open.isEmpty ? "Answered inquiring lines" : heading,
                anchor: kind.rawValue, count: nodes.count,
                items: nodes.prefix(indexSectionLimit).map { link($0, graph: graph, hrefs: hrefs, root: root) },
                moreHref: nodes.count > indexSectionLimit ? "\(root)all/\(kind.rawValue).html" : nil
            ))
        }
        let tags = taxonomy.lists.filter { $0.heading == "Tag" }.map { CountedLink(name: $0.name, href: root + HTML.encodeURL($0.path), count: $0.nodes.count) }
        let collections = taxonomy.lists.filter { $0.heading == "Collection" }.map { CountedLink(name: $0.name, href: root + HTML.encodeURL($0.path), count: $0.nodes.count) }
        return IndexPage(
            layout: layout(siteTitle, root: root), noteCount: graph.nodes.reduce(0) { $1.kind.isDocument ? $0 + 1 : $0 },
            openCount: open.filter { $0.status == QuestionStatus.open.rawValue }.count,
            questions: questions, hasQuestions: !questions.isEmpty, sections: sections,
            tags: tags, hasTags: !tags.isEmpty, collections: collections, hasCollections: !collections.isEmpty
        )
    }

    /// The page of the document node at position `n`. Nodes and edges are read by position, field by field:
    /// copying a node or an edge to read two of its fields retained every one of its strings.
    private func nodePage(_ n: Int, graph: Graph, ends: EdgeEnds, hrefs: NodeHrefs, question: OpenQuestion?, taxonomy: Taxonomy) -> NodePage {
        let root = NodeHrefs.root
        let node = graph.nodes[n]
        let document = graph.documents[node.id]
        let targets = graph.linkTargets[node.id] ?? []
        let writer = MarkdownHTMLWriter { index in
            guard index < targets.count, let id = targets[index], let target = graph.index(of: id) else { return nil }
            var href = hrefs.href(target, in: graph, root: root)
            if let fragment = document?.links[index].fragment, !fragment.isEmpty { href += "#" + Slug.anchor(fragment) }
            return .init(href: href, title: graph.nodes[target].title, kind: graph.nodes[target].kind.rawValue)
        }
        let edges = graph.edges
        let leaving = graph.outgoingEdgeIndices(node.id)
        let claims = leaving.compactMap { e in edges[e].kind == .asserts ? ends.target(e) : nil }
            .map { claimView($0, graph: graph, ends: ends, hrefs: hrefs, root: root, withSource: false) }
        let concepts = leaving.compactMap { e in edges[e].kind == .mentions ? ends.target(e) : nil }.map { link($0, graph: graph, hrefs: hrefs, root: root) }
        let outgoing = leaving.filter { [.cites, .next, .member].contains(edges[$0].kind) }.compactMap { e in
            ends.target(e).map { EdgeView(kindLabel: Self.edgeLabel(edges[e].kind, outgoing: true), link: link($0, graph: graph, hrefs: hrefs, root: root), sentence: edges[e].context) }
        }
        let incoming = graph.incomingEdgeIndices(node.id).filter { [.cites, .next, .member, .evidence].contains(edges[$0].kind) }
        let backlinks = incoming.prefix(listLimit).compactMap { e -> EdgeView? in
            let kind = edges[e].kind
            return ends.source(e).map { i in
                EdgeView(kindLabel: Self.edgeLabel(kind, outgoing: false), link: link(i, graph: graph, hrefs: hrefs, root: root), sentence: kind == .evidence ? edges[e].reason : edges[e].context)
            }
        }
        let unresolved = graph.unresolved(from: node.id).map { UnresolvedView(target: $0.target, line: $0.location.line, suggestion: $0.suggestion) }
        let meta = metaRows(node, taxonomy: taxonomy, root: root)
        return NodePage(
            layout: layout(node.title, root: root, description: node.summary ?? document?.paragraphs.first?.text ?? ""),
            title: node.title, kind: node.kind.rawValue, kindLabel: Self.kindLabel(node.kind),
            status: node.status?.rawValue, statusLabel: node.status.map(Self.statusLabel), reasons: node.statusReasons,
            meta: meta, hasMeta: !meta.isEmpty, summary: node.summary, knownOnlyFromSources: node.origin == "sources-list",
            bodyHTML: writer.html(document?.blocks ?? []), claims: claims, hasClaims: !claims.isEmpty,
            concepts: concepts, hasConcepts: !concepts.isEmpty,
            question: question.map { questionView($0, graph: graph, hrefs: hrefs, root: root) },
            outgoing: outgoing, hasOutgoing: !outgoing.isEmpty, backlinks: backlinks, hasBacklinks: !backlinks.isEmpty,
            moreBacklinks: Self.more(incoming.count - backlinks.count),
            unresolved: unresolved, hasUnresolved: !unresolved.isEmpty,
            graphSVG: LocalGraphSVG.svg(center: n, neighbours: LocalGraphSVG.neighbours(of: n, in: graph, ends: ends), graph: graph, hrefs: hrefs, root: root)
        )
    }

    private func conceptPage(_ c: Int, graph: Graph, ends: EdgeEnds, hrefs: NodeHrefs) -> ConceptPage {
        let root = NodeHrefs.root
        let concept = graph.nodes[c]
        var questions: [EdgeView] = []
        var notes: [EdgeView] = []
        var claims: [ClaimView] = []
        var counts = (questions: 0, notes: 0, claims: 0)
        for e in graph.incomingEdgeIndices(concept.id) {
            guard graph.edges[e].kind == .mentions, let i = ends.source(e) else { continue }
            // Count everything, build views only for what the page shows.
            switch graph.nodes[i].kind {
            case .inquiry:
                counts.questions += 1
                if questions.count < listLimit { questions.append(EdgeView(kindLabel: Self.kindLabel(.inquiry), link: link(i, graph: graph, hrefs: hrefs, root: root), sentence: graph.edges[e].context)) }
            case .claim:
                counts.claims += 1
                if claims.count < listLimit { claims.append(claimView(i, graph: graph, ends: ends, hrefs: hrefs, root: root, withSource: true)) }
            default:
                counts.notes += 1
                if notes.count < listLimit { notes.append(EdgeView(kindLabel: Self.kindLabel(graph.nodes[i].kind), link: link(i, graph: graph, hrefs: hrefs, root: root), sentence: graph.edges[e].context)) }
            }
        }
        return ConceptPage(
            layout: layout("\(concept.title) (concept)", root: root, description: concept.aliases.joined(separator: "; ")),
            acronym: concept.title, aliases: concept.aliases, hasAliases: !concept.aliases.isEmpty, definition: concept.summary,
            questions: questions, hasQuestions: !questions.isEmpty, moreQuestions: Self.more(counts.questions - questions.count),
            notes: notes, hasNotes: !notes.isEmpty, moreNotes: Self.more(counts.notes - notes.count),
            claims: claims, hasClaims: !claims.isEmpty, moreClaims: Self.more(counts.claims - claims.count),
            graphSVG: LocalGraphSVG.svg(center: c, neighbours: LocalGraphSVG.neighbours(of: c, in: graph, ends: ends), graph: graph, hrefs: hrefs, root: root)
        )
    }

    // MARK: - Parts

    private func questionView(_ q: OpenQuestion, graph: Graph, hrefs: NodeHrefs, root: String) -> QuestionView {
        let n = graph.index(of: NodeID(q.question.id))!
        var cited: [EvidenceView] = []
        var uncited: [EvidenceView] = []
        for (i, e) in q.evidence.enumerated() {
            guard let target = graph.index(of: NodeID(e.node.id)) else { continue }
            let view = EvidenceView(
                rank: i + 1, link: link(target, graph: graph, hrefs: hrefs, root: root), score: String(format: "%.2f", e.score), reason: e.reason,
                sentence: e.cited ? e.citingSentence : e.excerpt, cited: e.cited
            )
            if e.cited { cited.append(view) } else { uncited.append(view) }
        }
        return QuestionView(
            link: link(n, graph: graph, hrefs: hrefs, root: root), status: q.status, statusLabel: Self.statusLabel(graph.nodes[n].status ?? .open), reasons: q.reasons,
            cited: cited, uncited: uncited, hasCited: !cited.isEmpty, hasUncited: !uncited.isEmpty
        )
    }

    private func claimView(_ c: Int, graph: Graph, ends: EdgeEnds, hrefs: NodeHrefs, root: String, withSource: Bool) -> ClaimView {
        let url = graph.nodes[c].url
        // The fragment after the last `#`, found on the bytes (a Character split cost a tenth of page rendering).
        let anchor = url.utf8.lastIndex(of: UInt8(ascii: "#")).map { String(url[url.utf8.index(after: $0)...]) } ?? url
        let info = graph.nodes[c].claim
        let numbers = info?.quantities.map(\.text).joined(separator: ", ")
        let source = withSource
            ? graph.incomingEdgeIndices(graph.nodes[c].id).first { graph.edges[$0].kind == .asserts }.flatMap { ends.source($0) }.map { link($0, graph: graph, hrefs: hrefs, root: root) }
            : nil
        return ClaimView(anchor: anchor, text: graph.nodes[c].text ?? graph.nodes[c].title, type: info?.type.rawValue ?? "finding", numbers: numbers?.isEmpty == false ? numbers : nil, source: source)
    }

    private func metaRows(_ node: Node, taxonomy: Taxonomy, root: String) -> [MetaRow] {
        var rows: [MetaRow] = []
        if let date = node.date { rows.append(MetaRow(label: "Date", values: [MetaValue(text: date)])) }
        if let c = node.collection { rows.append(MetaRow(label: "Collection", values: [MetaValue(text: c, href: root + HTML.encodeURL(taxonomy.path("collection", c)))])) }
        if !node.categories.isEmpty {
            rows.append(MetaRow(label: "Categories", values: node.categories.map { MetaValue(text: $0, href: root + HTML.encodeURL(taxonomy.path("category", $0))) }))
        }
        if !node.tags.isEmpty {
            rows.append(MetaRow(label: "Tags", values: node.tags.map { MetaValue(text: "#" + $0, href: root + HTML.encodeURL(taxonomy.path("tag", $0))) }))
        }
        if let arxiv = node.arxiv {
            let safe = arxiv.filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "/" || $0 == "-" }
            rows.append(MetaRow(label: "arXiv", values: [MetaValue(text: arxiv, href: "https://arxiv.org/abs/" + safe)]))
        }
        if !node.aliases.isEmpty { rows.append(MetaRow(label: "Also called", values: node.aliases.map { MetaValue(text: $0) })) }
        if let source = node.source { rows.append(MetaRow(label: "Source", values: [MetaValue(text: source)])) }
        if let path = node.path { rows.append(MetaRow(label: "File", values: [MetaValue(text: path)])) }
        return rows
    }

    /// A link to the node at position `i`, from a page whose way back to the site root is `root`.
    func link(_ i: Int, graph: Graph, hrefs: NodeHrefs, root: String) -> LinkView {
        let kind = graph.nodes[i].kind
        return LinkView(title: graph.nodes[i].title, href: hrefs.href(i, in: graph, root: root), kind: kind.rawValue, kindLabel: Self.kindLabel(kind))
    }

    private func layout(_ title: String, root: String, description: String = "") -> Layout {
        // A text of at most 200 bytes has at most 200 characters: kept whole without walking its characters.
        Layout(pageTitle: title, siteTitle: siteTitle, root: root, description: description.utf8.count <= 200 ? description : String(description.prefix(200)))
    }

    static func kindLabel(_ kind: NodeKind) -> String {
        switch kind {
        case .inquiry: return "Inquiring line"
        case .note: return "Note"
        case .hub: return "Topic hub"
        case .paper: return "Paper"
        case .concept: return "Concept"
        case .claim: return "Claim"
        }
    }

    static func statusLabel(_ status: QuestionStatus) -> String {
        switch status {
        case .open: return "Open question"
        case .partial: return "Partly answered"
        case .answered: return "Answered"
        }
    }

    static func edgeLabel(_ kind: EdgeKind, outgoing: Bool) -> String {
        switch (kind, outgoing) {
        case (.cites, true): return "cites"
        case (.cites, false): return "cited by"
        case (.next, true): return "next line"
        case (.next, false): return "follows from"
        case (.member, true): return "lists"
        case (.member, false): return "listed in hub"
        case (.evidence, false): return "evidence for"
        case (.evidence, true): return "evidence"
        case (.mentions, _): return "mentions"
        case (.asserts, _): return "states"
        }
    }
}
