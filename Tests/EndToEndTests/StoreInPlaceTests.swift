import Foundation
import Testing
import TestSupport

/// After a one-note edit the real binary updates the stored graph through a link to the previous site's file (no
/// copy of it), and the committed site holds one finished store: no write-ahead log left beside it, and `query`
/// answers from it with the edit in.
@Suite("Stored graph updated in place by a rebuild", .enabled(if: Faults.executable != nil, "needs the built notegraph executable"))
struct StoreInPlaceTests {
    static func inode(_ path: String) throws -> UInt64 {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64)
    }

    @Test func aRebuildAfterAnEditUpdatesTheStoreItselfAndFinishesIt() throws {
        let tmp = try Faults.temporary("store-in-place")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let notes = tmp.appendingPathComponent("notes")
        try Faults.writeCorpus(notes, count: 60, variant: "alpha")
        try Faults.backdate(notes)
        let build = ["build", "--notes", "notes", "--out", "site", "--templates", Faults.templates.path]
        let first = try Faults.run(build, in: tmp)
        #expect(first.status == 0, "\(first.stderr)")
        let store = tmp.appendingPathComponent("site/.notegraph/graph.sqlite").path
        let before = try Self.inode(store)

        #expect(try Faults.edit(notes.appendingPathComponent("n3.md"), replacing: "Variant alpha.", with: "Variant alpha. Zyzzogeton ablation."))
        let second = try Faults.run(build, in: tmp)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try Self.inode(store) == before, "the store was copied, not updated through a link")
        let state = try FileManager.default.contentsOfDirectory(atPath: tmp.appendingPathComponent("site/.notegraph").path)
        #expect(!state.contains { $0.hasPrefix("graph.sqlite-") }, "left beside the store: \(state.filter { $0.hasPrefix("graph.sqlite") })")

        // The stored graph answers (the inputs match it, so `query` reads the store, not the notes) with the edit in.
        let search = try Faults.run(["query", "search", "Zyzzogeton", "--notes", "notes", "--site", "site", "--json"], in: tmp)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("\"path\":\"n3.md\""), "\(search.stdout)")
        let state2 = try FileManager.default.contentsOfDirectory(atPath: tmp.appendingPathComponent("site/.notegraph").path)
        #expect(state2.sorted() == state.sorted(), "a query left files in the state folder")
    }
}
