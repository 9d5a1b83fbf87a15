import Foundation
import SiteRendering
import Testing

/// After an edit, the pages made from unchanged inputs are carried over unmade, and the site is still, byte for
/// byte, what a cold build writes: for edits that change what other pages show (a citing sentence, a title that
/// links resolve by, a tag) as much as for one that only changes the note itself.
@Suite struct PageReuseTests {
    @Test func storedPagesReadBackAndDamagedLinesAreDropped() {
        let pages = [(path: "note/b.html", page: PageReuse.Page(fingerprint: 0xfeed_beef, size: 12)), (path: "note/a b.html", page: PageReuse.Page(fingerprint: 1, size: 0))]
        let bytes = PageReuse.encode(pages)
        #expect(String(decoding: bytes, as: UTF8.self) == "1 0 note/a b.html\nfeedbeef 12 note/b.html\n")
        #expect(PageReuse.decode(bytes) == ["note/a b.html": pages[1].page, "note/b.html": pages[0].page])
        #expect(PageReuse.decode(Array("zz 1 note/x.html\n5 -1 note/y.html\n5 7\n9 3 note/z.html".utf8)) == ["note/z.html": PageReuse.Page(fingerprint: 9, size: 3)])
    }

    @Test(.enabled(if: Faults.executable != nil, "needs the built notegraph executable"))
    func pagesWhoseInputsDidNotChangeAreCarriedOverAndTheSiteIsAColdBuilds() throws {
        let tmp = try Faults.temporary("page-reuse")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let notes = tmp.appendingPathComponent("notes"), site = tmp.appendingPathComponent("site")
        try Faults.writeCorpus(notes, count: 30, variant: "alpha")
        let pages = try FileManager.default.contentsOfDirectory(atPath: notes.path).count
        func build(_ out: URL, _ extra: [String] = []) throws -> String {
            let outcome = try Faults.run(["build", "--notes", notes.path, "--out", out.path, "--templates", Faults.templates.path] + extra, in: tmp)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            return outcome.stdout
        }
        /// How many pages the build carried over unmade, from its summary line.
        func notMadeAgain(_ summary: String) -> Int? {
            guard let open = summary.range(of: "unchanged (")?.upperBound, let end = summary[open...].firstIndex(of: " ") else { return nil }
            return Int(summary[open..<end])
        }
        func edit(_ name: String, _ from: String, _ to: String) throws {
            #expect(try Faults.edit(notes.appendingPathComponent(name), replacing: from, with: to), "\(name) holds '\(from)'")
        }
        /// The rebuilt site against a cold build of the same notes; the file stamps the state records differ, and so
        /// may the stored graph's bytes (the rebuild updated a copy of the last store, in which an added note sits
        /// between its neighbours' positions): the stored graphs must answer the same instead.
        func expectColdBuildsSite(_ label: String) throws {
            let cold = tmp.appendingPathComponent("cold-\(label)")
            #expect(notMadeAgain(try build(cold)) == 0)
            let stamps: Set<String> = [".notegraph/inputs", ".notegraph/listing", ".notegraph/graph.sqlite", ".notegraph/graph.json-stamp"]
            #expect(Faults.snapshot(site, excluding: stamps) == Faults.snapshot(cold, excluding: stamps), "\(label)")
            for query in [["search", "method", "accuracy"], ["neighbors", "--depth", "2", "Does method 4 improve reasoning?"], ["open"]] {
                let answers = try [site, cold].map { try Faults.run(["query"] + query + ["--json", "--notes", notes.path, "--site", $0.path], in: tmp) }
                #expect(answers[0].status == 0 && answers[0].stdout.count > 2, "\(query): \(answers[0].stderr)")
                #expect(answers[0].stdout == answers[1].stdout, "\(label) \(query)")
            }
        }

        #expect(notMadeAgain(try build(site)) == 0)

        // The sentence of n3 that cites n4 and n10: their backlinks quote it, so those two pages are made again.
        try edit("n3.md", "Method 3 raises accuracy", "Method 3 lifts accuracy")
        #expect(notMadeAgain(try build(site)) == pages - 3)
        try expectColdBuildsSite("sentence")

        // n5's title is what n4 links by (its link no longer resolves), and n6 and n12 list n5 among their backlinks.
        try edit("n5.md", "Does method 5 improve reasoning?", "Does method five improve reasoning?")
        let title = try #require(notMadeAgain(try build(site)))
        #expect(title > 0 && title <= pages - 4, "carried over \(title) of \(pages) pages")
        try expectColdBuildsSite("title")

        // A tag only n9 has: its page lists it, the tag page is new.
        try edit("n9.md", "tags: [t2, alpha]", "tags: [t2, alpha, freshly-added]")
        #expect(try #require(notMadeAgain(try build(site))) == pages - 1)
        try expectColdBuildsSite("tag")

        // A page missing from the site (removed by hand) is made again even though its inputs did not change.
        let notePages = site.appendingPathComponent("note")
        let removed = try #require(try FileManager.default.contentsOfDirectory(atPath: notePages.path).sorted().first)
        try FileManager.default.removeItem(at: notePages.appendingPathComponent(removed))
        try edit("n9.md", "freshly-added", "freshly-renamed")
        #expect(notMadeAgain(try build(site)) == pages - 2)
        #expect(FileManager.default.fileExists(atPath: notePages.appendingPathComponent(removed).path))
        try expectColdBuildsSite("removed page")

        // --force makes every page.
        #expect(notMadeAgain(try build(site, ["--force"])) == 0)
    }

    /// graph.json's chunks whose nodes and edges did not change are copied from the current site's file (which
    /// `--timings` reports), and the file is still a cold build's.
    @Test(.enabled(if: Faults.executable != nil, "needs the built notegraph executable"))
    func graphJSONChunksOfUnchangedNodesAreCopied() throws {
        let tmp = try Faults.temporary("graph-json-reuse")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let notes = tmp.appendingPathComponent("notes"), site = tmp.appendingPathComponent("site"), cold = tmp.appendingPathComponent("cold")
        // Enough notes for several chunks of nodes and of edges (about 2,500 items each).
        try Faults.writeCorpus(notes, count: 1_200, variant: "beta")
        var keptWhole = false
        /// The numbers of the `--timings` line: chunks copied, and chunks in all (and whether the file was kept whole).
        func build(_ out: URL, _ extra: [String] = []) throws -> (copied: Int, chunks: Int)? {
            let outcome = try Faults.run(["build", "--notes", notes.path, "--out", out.path, "--templates", Faults.templates.path, "--timings"] + extra, in: tmp)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            guard let line = outcome.stderr.split(separator: "\n").first(where: { $0.contains("chunks copied") }) else { return nil }
            keptWhole = line.hasSuffix("the file kept as it was")
            let numbers = line.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .punctuationCharacters)) }
            return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
        }
        let first = try #require(try build(site))
        #expect(first.copied == 0 && first.chunks >= 4, "\(first)")
        #expect(try Faults.edit(notes.appendingPathComponent("n500.md"), replacing: "Method 500 raises accuracy", with: "Method 500 lifts accuracy"))
        let rebuilt = try #require(try build(site))
        #expect(rebuilt.copied > 0 && rebuilt.copied < rebuilt.chunks, "\(rebuilt)")
        _ = try build(cold)
        let graphJSON = try [site, cold].map { try Data(contentsOf: $0.appendingPathComponent("graph.json")) }
        #expect(graphJSON[0] == graphJSON[1])
        // --force trusts no state: every chunk is encoded.
        #expect(try #require(try build(site, ["--force"])).copied == 0)
        // A graph.json rewritten since it was published (here with its own bytes: a new modification time) is not
        // copied from, and the next one is copied from again.
        let published = site.appendingPathComponent("graph.json")
        try Data(contentsOf: published).write(to: published)
        #expect(try Faults.edit(notes.appendingPathComponent("n500.md"), replacing: "Method 500 lifts accuracy", with: "Method 500 raises accuracy"))
        #expect(try #require(try build(site)).copied == 0)
        #expect(try Faults.edit(notes.appendingPathComponent("n500.md"), replacing: "Method 500 raises accuracy", with: "Method 500 lifts accuracy"))
        let again = try #require(try build(site))
        #expect(again.copied > 0)
        #expect(try Data(contentsOf: published) == graphJSON[1])

        // An edit that changes no node or edge (a sentence that states nothing) keeps the published graph.json as it
        // is: the same file, not a copy of it, and still a cold build's.
        func inode(_ url: URL) throws -> Int { try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int) }
        let file = try inode(published)
        let n7 = notes.appendingPathComponent("n7.md")
        try (try String(contentsOf: n7, encoding: .utf8) + "\nThe notes were reread.\n").write(to: n7, atomically: false, encoding: .utf8)
        let unchanged = try #require(try build(site))
        #expect(unchanged.copied == unchanged.chunks && keptWhole, "\(unchanged)")
        #expect(try inode(published) == file)
        let coldAgain = tmp.appendingPathComponent("cold-again")
        _ = try build(coldAgain)
        #expect(try Data(contentsOf: published) == Data(contentsOf: coldAgain.appendingPathComponent("graph.json")))
        // And the build after it still copies from that file (its stamp is the one recorded).
        #expect(try Faults.edit(notes.appendingPathComponent("n500.md"), replacing: "Method 500 lifts accuracy", with: "Method 500 raises accuracy"))
        let next = try #require(try build(site))
        #expect(next.copied > 0 && next.copied < next.chunks && !keptWhole, "\(next)")
        #expect(try inode(published) != file)
    }
}
