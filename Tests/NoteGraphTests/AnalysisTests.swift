import GraphAnalysis
import NoteGraph
import Testing

@Suite("Concepts")
struct ConceptTests {
    @Test(arguments: [
        ("Direct Preference Optimization (DPO) needs pairs.", "DPO", "Direct Preference Optimization"),
        ("KTO (Kahneman-Tversky Optimization) does not.", "KTO", "Kahneman-Tversky Optimization"),
        ("We train Process Reward Models (PRMs) on steps.", "PRM", "Process Reward Model"),
        ("Mixture of Experts (MoE) layers route tokens.", "MoE", "Mixture of Experts"),
        ("why one skips supervised fine-tuning (SFT) and", "SFT", "supervised fine-tuning"),
        ("Reinforcement Learning from Human Feedback (RLHF) is common.", "RLHF", "Reinforcement Learning from Human Feedback"),
        ("Low-Rank Adaptation (LoRA) adds adapters.", "LoRA", "Low-Rank Adaptation"),
        ("whether Self-Play Fine-Tuning (SPIN) keeps improving", "SPIN", "Self-Play Fine-Tuning"),
        ("Chain-of-thought (CoT) prompting helps", "CoT", "Chain-of-thought"),
    ])
    func definitionsInBothOrders(sentence: String, acronym: String, expansion: String) {
        let defs = ConceptDefinitionFinder.definitions(in: sentence)
        #expect(defs.map(\.acronym) == [acronym])
        #expect(defs.map(\.expansion) == [expansion])
    }

    @Test(arguments: ["It improved (see Table 2) a lot.", "The result (43%) held.", "Costs rose (from GPT-4) sharply.", "Some Random Words (XYZ) here."])
    func parenthesesThatDefineNothing(sentence: String) {
        #expect(ConceptDefinitionFinder.definitions(in: sentence).isEmpty)
    }

    @Test func conceptsMergeAcrossTheCorpusWithAliases() throws {
        let (graph, _) = try CorpusFixture.graph("corpus-everything")
        let concepts = Dictionary(uniqueKeysWithValues: graph.nodes(ofKind: .concept).map { ($0.title, $0.aliases) })
        #expect(concepts["KTO"] == ["Kahneman-Tversky Optimization"])
        #expect(concepts["DPO"] == ["Direct Preference Optimization"])
        #expect(concepts["SFT"] == ["Supervised Fine-Tuning"])  // capitalised spelling wins over "supervised fine-tuning"
        #expect(concepts["PRM"] == ["Process Reward Model"])
        #expect(concepts["MoE"] == ["Mixture of Experts"])
    }

    @Test func mentionsMatchAcronymsAndExpansionsCaseInsensitively() throws {
        let (graph, _) = try CorpusFixture.graph("corpus-everything")
        let sft = graph.node(titled: "SFT")!.id
        let mentioning = Set(graph.incoming(sft, kind: .mentions).compactMap { graph[$0.source]?.title })
        #expect(mentioning.contains("Does supervised fine-tuning improve reasoning?"))  // "Supervised fine-tuning (SFT)"
        #expect(mentioning.contains("Implicit Reward as the Bridge: A Unified View of SFT and DPO Connections"))
        let kto = graph.node(titled: "KTO")!.id
        #expect(graph.incoming(kto, kind: .mentions).compactMap { graph[$0.source]?.kind }.allSatisfy { $0 == .inquiry })
    }
}

@Suite("Claims")
struct ClaimTests {
    @Test(arguments: [
        ("closes 88–91% of the gap", [Quantity(value: 88, upper: 91, unit: .percent, text: "88–91%")]),
        ("closes 88-91% of the gap", [Quantity(value: 88, upper: 91, unit: .percent, text: "88-91%")]),
        ("achieve 43% vs random 42.6%", [Quantity(value: 43, unit: .percent, text: "43%"), Quantity(value: 42.6, unit: .percent, text: "42.6%")]),
        ("1,000 curated examples", [Quantity(value: 1000, unit: .count, text: "1,000")]),
        ("improves efficiency by 7.5× overall", [Quantity(value: 7.5, unit: .times, text: "7.5×")]),
        ("dropped from 0.94 to 0.31 after", [Quantity(value: 0.94, upper: 0.31, unit: .plain, text: "from 0.94 to 0.31")]),
        ("GPT-4 and Llama-2 with 7B params in 2023", []),
        ("with 0.5 times the compute", [Quantity(value: 0.5, unit: .times, text: "0.5 times")]),
        ("rose by 25 percent", [Quantity(value: 25, unit: .percent, text: "25 percent")]),
        // Unit words and "from" in any case; a longer word is not one of them.
        ("fell From 0.94 to 0.31", [Quantity(value: 0.94, upper: 0.31, unit: .plain, text: "From 0.94 to 0.31")]),
        ("rose by 25 PERCENT and 3 Times", [Quantity(value: 25, unit: .percent, text: "25 PERCENT"), Quantity(value: 3, unit: .times, text: "3 Times")]),
        ("rose by 25 percentage points", [Quantity(value: 25, unit: .count, text: "25")]),
        ("no numbers – here, only “quotes” and ×", []),
        ("Note 1 2 and (3 4", [Quantity(value: 1, unit: .count, text: "1"), Quantity(value: 2, unit: .count, text: "2"), Quantity(value: 3, unit: .count, text: "3"), Quantity(value: 4, unit: .count, text: "4")]),
    ])
    func quantitiesInEveryForm(sentence: String, expected: [Quantity]) {
        #expect(QuantityParser.quantities(in: sentence) == expected)
    }

    @Test func claimsAreTypedAndAnchoredOnTheirNote() throws {
        let (graph, _) = try CorpusFixture.graph("corpus-everything")
        let prm = graph.node(titled: "Do PRMs beat outcome rewards?")!
        let claims = graph.outgoing(prm.id, kind: .asserts).compactMap { graph[$0.target] }
        #expect(claims.map { $0.claim!.type } == [.quantitative, .method])
        let first = claims[0]
        #expect(first.url.hasPrefix(prm.url + "#claim-"))
        #expect(first.claim!.quantities.map(\.text) == ["7.5×"])
        // Inquiring lines ask; their sentences are not claims.
        #expect(graph.outgoing(graph.id("How do process reward models score steps?"), kind: .asserts).isEmpty)
    }
}

@Suite("Question status and evidence")
struct QuestionTests {
    @Test(arguments: [
        ("Why does KTO skip supervised fine-tuning while DPO cannot?", QuestionStatus.open),
        ("How do process reward models score steps?", .answered),
        ("Does MoE routing collapse without auxiliary losses?", .open),
    ])
    func statusFromGapStatementsAndConceptCoverage(title: String, status: QuestionStatus) throws {
        let (graph, _) = try CorpusFixture.graph("corpus-everything")
        #expect(graph.node(titled: title)?.status == status)
    }

    @Test(arguments: [
        ("the collection doesn't contain a note that directly compares KTO and DPO.", true),
        ("So I can't hand you the mechanism you're asking for.", true),
        ("Where the corpus runs thin is the loss-free setting.", true),
        ("The corpus itself does not address this head-on.", true),
        ("The corpus shows that SFT doesn't teach reasoning.", false),
        ("Models cannot recover from this.", false),
        // The cue filter: a cue in capitals, one that ends the sentence, a curly apostrophe, and text cut off one
        // byte short of a cue.
        ("THE CORPUS DOESN'T COVER IT", true),
        ("It was met head-on", true),
        ("The notes don\u{2019}t say.", true),
        ("It runs thi", false),
        ("Thin", false),
    ])
    func gapStatements(sentence: String, gap: Bool) {
        #expect(GapStatementFinder.statesGap(sentence) == gap)
    }

    @Test func openQuestionReasonsNameTheGapAndTheUncoveredConcept() throws {
        let (graph, _) = try CorpusFixture.graph("corpus-everything")
        let kto = graph.node(titled: "Why does KTO skip supervised fine-tuning while DPO cannot?")!
        #expect(kto.statusReasons.contains { $0.contains("doesn't contain a note that directly compares") })
        #expect(kto.statusReasons.contains("KTO appears in no note or paper of the corpus."))
    }

    @Test func uncitedPaperRanksFirstAndCitedNotesAreAllEvidence() throws {
        let (graph, _) = try CorpusFixture.graph("corpus-everything")
        let kto = graph.id("Why does KTO skip supervised fine-tuning while DPO cannot?")
        let evidence = graph.outgoing(kto, kind: .evidence)
        let paper = graph.id("Implicit Reward as the Bridge: A Unified View of SFT and DPO Connections")
        #expect(evidence.first?.target == paper)
        #expect(evidence.first?.reason?.contains("not cited; shares concepts DPO, SFT") == true)
        let scores = evidence.compactMap(\.score)
        #expect(scores == scores.sorted(by: >))
        let cited = Set(graph.outgoing(kto, kind: .cites).map(\.target)).filter { graph[$0]?.kind == .note || graph[$0]?.kind == .paper }
        #expect(cited.isSubset(of: Set(evidence.map(\.target))))
        #expect(graph.outgoing(graph.id("How do process reward models score steps?"), kind: .evidence).isEmpty)
    }
}
