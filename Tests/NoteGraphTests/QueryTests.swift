import GraphQuery
import NoteGraph
import Testing
import Foundation

@Suite("Queries")
struct QueryTests {
    let queries: GraphQueries

    init() throws {
        queries = GraphQueries(graph: try CorpusFixture.graph("corpus-everything").graph)
    }

    @Test func lookupByExactTitleAliasPrefixAndSuggestion() {
        let g = queries.graph
        #expect(TitleLookup.find("Does instruction tuning teach format?", in: g) == .found(g.id("Does instruction tuning teach format?")))
        #expect(TitleLookup.find("SFT and reasoning", in: g) == .found(g.id("Does supervised fine-tuning improve reasoning?")))
        #expect(TitleLookup.find("why does kto", in: g) == .found(g.id("Why does KTO skip supervised fine-tuning while DPO cannot?")))
        if case .ambiguous(let titles) = TitleLookup.find("Does", in: g) { #expect(titles.count >= 3) } else { Issue.record("expected ambiguous") }
        if case .notFound(let suggestions) = TitleLookup.find("outcome rewards beat", in: g) {
            #expect(suggestions.first == "Do PRMs beat outcome rewards?")
        } else {
            Issue.record("expected not found")
        }
    }

    @Test func openListsOpenBeforePartialWithEvidence() {
        let open = queries.openQuestions()
        #expect(open.map(\.status) == open.map(\.status).sorted { QuestionStatus(rawValue: $0)! < QuestionStatus(rawValue: $1)! })
        let kto = open.first { $0.question.title.hasPrefix("Why does KTO") }!
        #expect(kto.evidence.first?.cited == false)
        #expect(kto.evidence.contains { $0.cited && $0.citingSentence?.contains("SFT improves format") == true })
    }

    @Test func searchRanksTitleAndAliasMatchesFirst() {
        let hits = queries.search("process reward")
        // The concept whose expansion is "Process Reward Model" and the hub titled with both words lead.
        #expect(Set(hits.prefix(2).map(\.node.title)) == ["PRM", "Process reward hub"])
        #expect(queries.search("zzzz-nothing").isEmpty)
    }

    @Test func neighborsByDepthAndKind() {
        let hub = queries.graph.id("Process reward hub")
        let direct = queries.neighbors(of: hub, depth: 1, kinds: [.member])
        #expect(Set(direct.map(\.node.title)) == ["Do PRMs beat outcome rewards?", "Does supervised fine-tuning improve reasoning?"])
        #expect(direct.allSatisfy { $0.via == "member →" && $0.depth == 1 })
        let two = queries.neighbors(of: hub, depth: 2, kinds: [.member, .cites])
        #expect(two.contains { $0.depth == 2 })
    }

    @Test func shortestPathBetweenNotes() throws {
        let g = queries.graph
        let steps = try #require(queries.path(from: g.id("Process reward hub"), to: g.id("Does instruction tuning teach format?")))
        #expect(steps.first?.node.title == "Process reward hub")
        #expect(steps.last?.node.title == "Does instruction tuning teach format?")
        #expect(steps.count == 3)
    }

    @Test func graphJSONIsDeterministicAndFollowsTheContract() throws {
        let a = GraphJSON.encode(queries.graph)
        let b = GraphJSON.encode(try CorpusFixture.graph("corpus-everything").graph)
        #expect(a == b)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(a)) as? [String: Any])
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        let kto = try #require(nodes.first { ($0["title"] as? String)?.hasPrefix("Why does KTO") == true })
        #expect(kto["status"] as? String == "open")
        #expect(kto["source"] as? String == "inquiry/why-does-kto-skip-sft.md")
        let edges = try #require(json["edges"] as? [[String: Any]])
        #expect(edges.contains { $0["kind"] as? String == "evidence" && $0["score"] is Double })
        #expect(edges.contains { $0["kind"] as? String == "cites" && $0["context"] is String })
    }
}
