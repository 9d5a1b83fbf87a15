import GraphAnalysis
import NoteGraph
import NoteParsing
import Testing

/// Nodes and edges keep their rarely filled fields out of line, analysis consumes the document graph and drops
/// the paragraphs and sentences it alone reads: none of it may show. Fields read back as set, copies stay independent, and the
/// analysed graph is the one built from copies.
@Suite("Compact graph")
struct CompactGraphTests {
    static func documentNode() -> Node {
        var node = Node(id: NodeID("note/a"), kind: .note, title: "A", url: "note/a.html", path: "note/a.md")
        node.aliases = ["Alpha"]
        node.tags = ["t"]
        node.date = "2024-01-02"
        node.collection = "c"
        node.categories = ["cs.CL"]
        node.arxiv = "2401.00001"
        node.summary = "About A."
        node.source = "a.txt"
        node.origin = "sources-list"
        node.status = .open
        node.statusReasons = ["why"]
        return node
    }

    @Test func nodeFieldsReadBackAndCopiesStayIndependent() {
        let node = Self.documentNode()
        #expect(node.aliases == ["Alpha"] && node.tags == ["t"] && node.date == "2024-01-02" && node.collection == "c")
        #expect(node.categories == ["cs.CL"] && node.arxiv == "2401.00001" && node.summary == "About A.")
        #expect(node.source == "a.txt" && node.origin == "sources-list" && node.status == .open && node.statusReasons == ["why"])
        var copy = node
        copy.summary = "Changed."
        copy.aliases.append("A.")
        #expect(node.summary == "About A." && node.aliases == ["Alpha"])
        #expect(copy.summary == "Changed." && copy.aliases == ["Alpha", "A."])
        #expect(copy != node)
    }

    @Test func nodesWithTheSameFieldsAreEqualHoweverTheyWereSet() {
        var emptied = Self.documentNode()
        emptied.aliases = []
        emptied.tags = []
        emptied.date = nil
        emptied.collection = nil
        emptied.categories = []
        emptied.arxiv = nil
        emptied.summary = nil
        emptied.source = nil
        emptied.origin = nil
        emptied.status = nil
        emptied.statusReasons = []
        let plain = Node(id: NodeID("note/a"), kind: .note, title: "A", url: "note/a.html", path: "note/a.md")
        #expect(emptied == plain)
        #expect(Set([emptied, plain]).count == 1)
        var reordered = plain
        reordered.statusReasons = ["why"]
        reordered.status = .open
        reordered.origin = "sources-list"
        reordered.source = "a.txt"
        reordered.summary = "About A."
        reordered.arxiv = "2401.00001"
        reordered.categories = ["cs.CL"]
        reordered.collection = "c"
        reordered.date = "2024-01-02"
        reordered.tags = ["t"]
        reordered.aliases = ["Alpha"]
        #expect(reordered == Self.documentNode())
        #expect(Set([reordered, Self.documentNode()]).count == 1)
    }

    @Test func edgeFieldsReadBackAndCopiesStayIndependent() {
        let edge = Edge(
            source: NodeID("inquiry/q"), target: NodeID("note/a"), kind: .evidence, context: "It says.", contexts: ["It says."],
            location: SourceLocation(line: 3, column: 4), score: 0.5, reason: "cited by the question"
        )
        #expect(edge.contexts == ["It says."] && edge.location == SourceLocation(line: 3, column: 4))
        #expect(edge.score == 0.5 && edge.reason == "cited by the question")
        var copy = edge
        copy.score = nil
        copy.contexts.append("Again.")
        #expect(edge.score == 0.5 && edge.contexts == ["It says."])
        #expect(copy.score == nil && copy.contexts == ["It says.", "Again."])
        copy.contexts = []
        copy.location = nil
        copy.reason = nil
        let plain = Edge(source: NodeID("inquiry/q"), target: NodeID("note/a"), kind: .evidence, context: "It says.")
        #expect(copy == plain && Set([copy, plain]).count == 1)
        #expect(plain.contexts.isEmpty && plain.location == nil && plain.score == nil && plain.reason == nil)
    }

    @Test func addingConsumesOnlyItsOwnGraph() {
        let a = Self.documentNode()
        let b = Node(id: NodeID("note/b"), kind: .note, title: "B", url: "note/b.html")
        let ab = Edge(source: a.id, target: b.id, kind: .cites, context: "See B.", contexts: ["See B."])
        let graph = Graph(nodes: [b, a], edges: [ab], unresolved: [], documents: [:])
        let kept = graph  // shares the arrays that `adding` takes
        let concept = Node(id: NodeID("concept/x"), kind: .concept, title: "X", url: "concept/x.html")
        let mention = Edge(source: b.id, target: concept.id, kind: .mentions, context: "X.")
        var answered = a
        answered.status = .answered
        let added = graph.adding(nodes: [concept], edges: [mention], replacing: [answered])
        #expect(added.nodes.map(\.id) == [concept.id, a.id, b.id])
        #expect(added[a.id] == answered)
        #expect(added.edges == [ab, mention])
        #expect(added.outgoing(b.id, kind: .mentions) == [mention])
        #expect(kept.nodes == [a, b] && kept.edges == [ab])
    }

    /// The analysed graph of a real corpus: its documents keep their blocks, links and first paragraph (the page
    /// description), and lose the other paragraphs and all sentences, with their plain text unchanged.
    @Test func analysisKeepsWhatPagesAndSearchRead() throws {
        let parsed = try CorpusFixture.documents("corpus-everything")
        let graph = try CorpusFixture.graph("corpus-everything").graph
        #expect(graph.documents.count == parsed.count)
        for document in parsed {
            let kept = try #require(graph.documents.values.first { $0.path == document.path })
            #expect(kept.paragraphs.map(\.text) == document.paragraphs.prefix(1).map(\.text))
            #expect(kept.paragraphs.allSatisfy { $0.sentences.isEmpty })
            #expect(kept.blocks == document.blocks && kept.links == document.links && kept.frontMatter == document.frontMatter)
            #expect(kept.plainText == document.plainText)
        }
        #expect(parsed.contains { $0.paragraphs.count > 1 })
    }

    /// `plainText` reads the blocks: it must be the parsed paragraphs' text, on every fixture corpus (lists,
    /// quotes, tables, headings, code, blank and hostile paragraphs among them).
    @Test(arguments: ["corpus-everything", "corpus-faults", "corpus-hostile-xss", "corpus-invalid", "eval-corpus", "eval-corpus-independent"])
    func plainTextFromBlocksIsTheParagraphsText(corpus: String) throws {
        let documents = try CorpusFixture.documents(corpus)
        #expect(!documents.isEmpty)
        for document in documents {
            #expect(document.plainText == document.paragraphs.map(\.text).joined(separator: "\n\n"), "\(document.path)")
        }
    }

    /// Before the graph is built, every paragraph's text but the first is emptied: sentences, sections, places
    /// and the plain text (read from the blocks) stay as parsed.
    @Test(arguments: ["corpus-everything", "corpus-faults", "eval-corpus"])
    func unreadParagraphTextsAreDroppedAndTheRestKept(corpus: String) throws {
        let parsed = try CorpusFixture.documents(corpus)
        #expect(parsed.contains { $0.paragraphs.count > 1 })
        for document in parsed {
            var dropped = document
            dropped.dropUnreadParagraphTexts()
            #expect(dropped.paragraphs.map(\.text) == document.paragraphs.indices.map { $0 == 0 ? document.paragraphs[0].text : "" })
            #expect(dropped.paragraphs.map(\.sentences) == document.paragraphs.map(\.sentences))
            #expect(dropped.paragraphs.map(\.section) == document.paragraphs.map(\.section))
            #expect(dropped.paragraphs.map(\.location) == document.paragraphs.map(\.location))
            #expect(dropped.plainText == document.plainText && dropped.blocks == document.blocks && dropped.links == document.links)
        }
    }

    /// A node on another node's page keeps that page's url and its fragment apart; it reads, compares and hashes as
    /// the whole url, and setting the url replaces both.
    @Test func anAnchoredURLIsTheWholeURL() {
        let page = "note/a.html"
        let anchored = Node(id: NodeID("claim/a/1a2b3c4d"), kind: .claim, title: "A claim.", url: page, fragment: "claim-1a2b3c4d", path: "note/a.md")
        let whole = Node(id: NodeID("claim/a/1a2b3c4d"), kind: .claim, title: "A claim.", url: "note/a.html#claim-1a2b3c4d", path: "note/a.md")
        #expect(anchored.url == "note/a.html#claim-1a2b3c4d")
        #expect(anchored == whole && Set([anchored, whole]).count == 1)
        var moved = anchored
        moved.url = "note/b.html#claim-1a2b3c4d"
        #expect(moved.url == "note/b.html#claim-1a2b3c4d" && moved != anchored)
        moved.url = "note/a.html"
        #expect(moved.url == "note/a.html" && moved != anchored)
    }

    /// Claims of the analysed graph are anchors on the page of the note that states them.
    @Test func claimURLsAreTheirNotesPageAndTheirHash() throws {
        let graph = try CorpusFixture.graph("corpus-everything").graph
        let claims = graph.nodes.filter { $0.kind == .claim }
        #expect(!claims.isEmpty)
        for claim in claims {
            let source = try #require(graph.incoming(claim.id, kind: .asserts).first?.source)
            let hash = claim.id.rawValue.split(separator: "/").last.map(String.init) ?? ""
            #expect(claim.url == (graph[source]?.url ?? "") + "#claim-" + hash)
        }
    }
}
