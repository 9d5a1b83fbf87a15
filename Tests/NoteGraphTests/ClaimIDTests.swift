import Foundation
@testable import GraphAnalysis
import GraphStore
import NoteGraph
import NoteParsing
import Testing

/// Claim ids are 8 hex digits of the sentence's hash: two claims of one note that share them must still get two ids.
@Suite("Claim ids")
struct ClaimIDTests {
    /// Two different claim sentences whose hashes share their first 8 hex digits, found by trying numbers.
    static func collidingSentences() -> (String, String) {
        var byHash: [String: String] = [:]
        for n in 0... {
            let sentence = "With \(n) examples, SFT reaches 40% accuracy on math benchmarks."
            let hash = CorpusAnalyzer.claimHash(sentence)
            if let other = byHash[hash] { return (other, sentence) }
            byHash[hash] = sentence
        }
        fatalError("unreachable")
    }

    @Test func collidingClaimsOfOneNoteGetDistinctStableIDs() throws {
        let (a, b) = Self.collidingSentences()
        #expect(a != b && CorpusAnalyzer.claimHash(a) == CorpusAnalyzer.claimHash(b))
        let note = NoteParser.parse(SourceFile(path: "note/big.md", text: "# A note with colliding claims\n\n\(a) \(b)\n"))
        let graph = CorpusAnalyzer.analyze(GraphBuilder.build([note]).graph)
        let claims = graph.nodes.filter { $0.kind == .claim }
        #expect(claims.compactMap(\.text).sorted() == [a, b].sorted())
        #expect(Set(claims.map(\.id)).count == 2)
        let hash = CorpusAnalyzer.claimHash(a)
        #expect(Set(claims.map { $0.id.rawValue.split(separator: "/").last.map(String.init) ?? "" }) == [hash, "\(hash)-2"])
        // The sentence written first keeps the plain id, whatever else is in the note.
        #expect(claims.first { $0.text == a }?.id.rawValue.hasSuffix("/\(hash)") == true)
        // The store (ids are a primary key there) accepts the graph.
        let file = NSTemporaryDirectory() + "notegraph-claim-ids-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try StoredGraph.write(graph, toNewFileAt: file)
        #expect(try StoredGraph(path: file).node(claims[0].id)?.title == claims[0].title)
    }
}
