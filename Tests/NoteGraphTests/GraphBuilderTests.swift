import NoteGraph
import NoteParsing
import Testing

@Suite("GraphBuilder")
struct GraphBuilderTests {
    let graph: Graph
    let diagnostics: [Diagnostic]

    init() throws {
        (graph, diagnostics) = try CorpusFixture.graph("corpus-everything")
    }

    static let kto = "Why does KTO skip supervised fine-tuning while DPO cannot?"
    static let sft = "Does supervised fine-tuning improve reasoning?"
    static let format = "Does instruction tuning teach format?"

    @Test func oneNodePerNoteWithKindAndURL() {
        #expect(graph.nodes(ofKind: .inquiry).count == 3)
        #expect(graph.nodes(ofKind: .hub).count == 1)
        #expect(graph.nodes(ofKind: .paper).count == 1)
        #expect(graph.nodes(ofKind: .note).count == 5)
        let kto = graph.node(titled: Self.kto)!
        #expect(kto.id.rawValue == "inquiry/why-does-kto-skip-supervised-fine-tuning-while-dpo-cannot")
        #expect(kto.url == "inquiry/why-does-kto-skip-supervised-fine-tuning-while-dpo-cannot.html")
        #expect(kto.tags == ["alignment", "preference-learning"])
    }

    @Test func citesEdgesMergePerTargetAndPreferProseOverSourcesList() throws {
        let cites = graph.outgoing(graph.id(Self.kto), kind: .cites)
        #expect(Set(cites.map(\.target)) == [graph.id(Self.sft), graph.id(Self.format), graph.id("Process reward hub")])
        let toSFT = try #require(cites.first { $0.target == graph.id(Self.sft) })
        #expect(toSFT.context == "SFT improves format, not feasibility Does supervised fine-tuning improve reasoning?.")
        #expect(toSFT.contexts.count == 2)  // prose + Sources entry
        #expect(toSFT.location?.line == 9)
    }

    @Test func nextAndMemberEdgesComeFromSections() {
        let next = graph.outgoing(graph.id(Self.kto), kind: .next)
        #expect(next.map(\.target) == [graph.id("How do process reward models score steps?")])
        let members = graph.outgoing(graph.id("Process reward hub"), kind: .member)
        #expect(Set(members.map(\.target)) == [graph.id("Do PRMs beat outcome rewards?"), graph.id(Self.sft)])
    }

    @Test func aliasesMarkdownPathsAndFragmentsResolve() {
        let format = graph.id(Self.format)
        #expect(graph.outgoing(format, kind: .cites).map(\.target) == [graph.id(Self.sft)])  // via alias
        let sftOut = graph.outgoing(graph.id(Self.sft), kind: .cites).map(\.target)
        #expect(sftOut.contains(graph.id("Do PRMs beat outcome rewards?")))  // via ../note/prm-outcome.md#results
        #expect(!graph.outgoing(format).contains { $0.target == format })  // [[#Details]] is not a self-citation
    }

    @Test func unresolvedLinksAreKeptAsFactsAndWarned() throws {
        let u = try #require(graph.unresolved.first)
        #expect(graph.unresolved.count == 1)
        #expect(u.target == "A note nobody wrote?")
        #expect(u.file == "inquiry/why-does-kto-skip-sft.md")
        #expect(u.location.line == 9)
        #expect(diagnostics.contains { $0.severity == .warning && $0.message.contains("unresolved link to 'A note nobody wrote?'") })
    }

    @Test func duplicateTitlesAreDisambiguatedDeterministicallyAndReported() {
        let dupes = graph.nodes.filter { $0.title == "Is the same title allowed twice?" }.map(\.id.rawValue)
        #expect(dupes == ["note/is-the-same-title-allowed-twice", "note/is-the-same-title-allowed-twice-2"])
        #expect(graph["note/is-the-same-title-allowed-twice-2"]?.path == "note/duplicate-b.md")
        #expect(diagnostics.contains { $0.file == "note/duplicate-b.md" && $0.message.contains("note/duplicate-a.md") })
    }

    @Test func didYouMeanSuggestsButNeverResolves() {
        let docs = [
            NoteParser.parse(SourceFile(path: "a.md", text: "# Does instruction tuning teach format?\n")),
            NoteParser.parse(SourceFile(path: "b.md", text: "# B\n\nSee [[Does instruction tuning teach formats?]].\n")),
        ]
        let (g, d) = GraphBuilder.build(docs)
        #expect(g.edges.isEmpty)
        #expect(g.unresolved.first?.suggestion == "Does instruction tuning teach format?")
        #expect(d.first?.message.contains("did you mean 'Does instruction tuning teach format?'") == true)
    }

    /// Each way a link may name a note: exact title in either normal form, alias, any case, file name, path.
    @Test func linksResolveByTitleAliasCaseFileNameAndPath() throws {
        let docs = [
            NoteParser.parse(SourceFile(path: "notes/caf\u{E9}.md", text: "---\ntitle: \"Caf\u{E9} na\u{EF}ve\"\naliases: [\"Bistro\"]\n---\nText.\n")),
            NoteParser.parse(SourceFile(path: "b.md", text: """
            # B

            [[Cafe\u{301} nai\u{308}ve]], [[Bistro]], [[CAF\u{C9} NA\u{CF}VE]], [[bistro]], [[caf\u{E9}]], [x](notes/caf\u{E9}.md), [[Nothing]].

            """)),
        ]
        let (g, _) = GraphBuilder.build(docs)
        let targets = try #require(g.linkTargets[NodeID("note/b")])
        #expect(targets.count == 7)
        #expect(targets.prefix(6).allSatisfy { $0 == NodeID("note/cafe-naive") }, "\(targets)")
        #expect(targets.last == .some(nil))
    }

    @Test func buildIsIndependentOfInputOrder() throws {
        let docs = try CorpusFixture.documents("corpus-everything")
        let a = GraphBuilder.build(docs).graph
        let b = GraphBuilder.build(docs.reversed()).graph
        #expect(a.nodes == b.nodes)
        #expect(a.edges == b.edges)
    }
}

extension NodeID: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(value) }
}
