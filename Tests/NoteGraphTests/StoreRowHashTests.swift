import Foundation
@testable import GraphQuery
@testable import GraphStore
import NoteGraph
import Testing

/// A copy of a store finds its changed rows by hashing every node without making its stored parts
/// (`StoredGraph.Parts.hashes(of:…)`): those hashes must be the parts' own, or a changed row would be missed.
@Suite struct StoreRowHashTests {
    static func partsHashes(_ graph: Graph, layout: StoreLayout) -> [StoreLedger.Hashes] {
        let ends = EdgeEnds(graph)
        var hasher = RowHasher()
        return graph.nodes.indices.map { StoredGraph.Parts(of: $0, in: graph, ends: ends, layout: layout).hashes(&hasher) }
    }

    static func directHashes(_ graph: Graph, layout: StoreLayout) -> [StoreLedger.Hashes] {
        let ends = EdgeEnds(graph)
        var hasher = RowHasher()
        return graph.nodes.indices.map { StoredGraph.Parts.hashes(of: $0, in: graph, ends: ends, layout: layout, into: &hasher) }
    }

    @Test(arguments: ["corpus-everything", "corpus-hostile-xss", "corpus-invalid"])
    func everyNodeHashesAsItsParts(_ corpus: String) throws {
        let graph = try CorpusFixture.graph(corpus).graph
        if corpus == "corpus-everything" { #expect(graph.count(ofKind: .claim) > 0) }
        let layout = StoreLayout(fresh: graph.nodes.count)
        #expect(Self.directHashes(graph, layout: layout) == Self.partsHashes(graph, layout: layout))
    }

    /// Claims whose url is not simply their owner's page and a fragment: a url kept whole that holds a `#`, one on
    /// another page, one on a path of its own, and a note with aliases, tags and status reasons.
    @Test func unusualURLsAndListsHashAsTheirParts() {
        var note = Node(id: NodeID("note/a"), kind: .note, title: "A", url: "note/a.html", path: "note/a.md")
        note.aliases = ["α", "a longer alias than eight bytes"]
        note.tags = ["t"]
        note.statusReasons = ["one reason", "two"]
        var wholeURL = Node(id: NodeID("claim/a/1"), kind: .claim, title: "One.", url: "note/a.html", fragment: "claim-1", path: "note/a.md")
        wholeURL.url = "note/a.html#claim-1"  // kept as one string, `#` and all
        let otherPage = Node(id: NodeID("claim/a/2"), kind: .claim, title: "Two.", url: "note/b.html", fragment: "claim-2", path: "note/a.md")
        let otherPath = Node(id: NodeID("claim/a/3"), kind: .claim, title: "Three.", url: "note/a.html", fragment: "claim-3", path: "note/b.md")
        let usual = Node(id: NodeID("claim/a/4"), kind: .claim, title: "Four: it rises by 4%.", url: "note/a.html", fragment: "claim-4", path: "note/a.md")
        let claims = [wholeURL, otherPage, otherPath, usual]
        let edges = claims.map { Edge(source: note.id, target: $0.id, kind: .asserts, context: $0.title) }
            + [Edge(source: note.id, target: usual.id, kind: .asserts, context: "Another sentence.")]
        let graph = Graph(nodes: [note] + claims, edges: edges, unresolved: [], documents: [:])
        let layout = StoreLayout(fresh: graph.nodes.count)
        #expect(Self.directHashes(graph, layout: layout) == Self.partsHashes(graph, layout: layout))
    }

    @Test func streamedTextHashesAsTheJoinedString() {
        for list in [[], [""], ["a"], ["abcdefgh"], ["abc", "défghij", "kl"], ["", "", ""], ["ünïcödé text longer than sixteen bytes", "x"]] {
            for separator in ["\u{1F}", ", "] {
                var a = RowHasher(), b = RowHasher()
                a.add(list.joined(separator: separator))
                b.add(joining: list, separator)
                #expect(a.finish() == b.finish(), "\(list)")
            }
        }
        for (page, fragment) in [("note/a.html", "claim-1a2b3c4d"), ("p", nil), ("note/ü.html", "x")] as [(String, String?)] {
            let url = fragment.map { page + "#" + $0 } ?? page
            for start in url.unicodeScalars.indices + [url.endIndex] {
                let dropping = url.utf8.distance(from: url.startIndex, to: start)
                var a = RowHasher(), b = RowHasher()
                a.add(String(url.unicodeScalars[start...]))
                b.add(suffixOf: page, "#", fragment, dropping: dropping)
                #expect(a.finish() == b.finish(), "\(url) \(dropping)")
            }
        }
    }
}
