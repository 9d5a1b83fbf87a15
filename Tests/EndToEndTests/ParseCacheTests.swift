import BuildPipeline
import Foundation
import NoteParsing
import Testing
import TestSupport

/// The parse cache gives the documents the parser gives, reuses exactly the notes whose bytes did not change, and
/// a build through it writes the same site as a build without it.
@Suite struct ParseCacheTests {
    static let key = Array("executable 1 2.3 4".utf8)

    static func files(variant: String) -> [SourceFile] {
        (0..<40).map { i in
            SourceFile(path: "n\(i).md", text: "# Does method \(i) help?\n\nVariant \(variant). Method \(i) raises accuracy by \(i)% over the baseline, see [[Does method \((i + 1) % 40) help?]].\n")
        }
    }

    /// Documents and the new cache's bytes.
    static func run(_ files: [SourceFile], cache: ParseCache, key: [UInt8] = key) -> (documents: [NoteDocument], reused: Int, bytes: [UInt8]) {
        var bytes: [UInt8] = []
        let (documents, reused, _) = cache.documents(for: files, key: key) { bytes += $0 }
        return (documents, reused, bytes)
    }

    @Test func reusesOnlyUnchangedNotesAndGivesTheParsersDocuments() {
        let files = Self.files(variant: "alpha")
        let first = Self.run(files, cache: .empty)
        #expect(first.reused == 0)
        #expect(first.documents == files.map(NoteParser.parse))

        let cache = ParseCache(bytes: first.bytes, key: Self.key)
        #expect(cache.count == files.count)
        let again = Self.run(files, cache: cache)
        #expect(again.reused == files.count)
        #expect(again.documents == first.documents)
        #expect(again.bytes == first.bytes, "reused entries are copied as they are")

        // Same length, one byte different: parsed again.
        var edited = files
        edited[7].text = edited[7].text.replacingOccurrences(of: "alpha", with: "omega")
        let afterEdit = Self.run(edited, cache: cache)
        #expect(afterEdit.reused == files.count - 1)
        #expect(afterEdit.documents == edited.map(NoteParser.parse))
        #expect(afterEdit.bytes == Self.run(edited, cache: .empty).bytes)
    }

    /// Reused entries are handed on in runs, straight from the old cache's bytes: a run breaks wherever a parsed
    /// note comes between or the notes' order is not the cache's, and the bytes are a cold run's either way.
    @Test func reusedEntriesGoOnInRunsAndWriteWhatAColdRunWrites() {
        let files = Self.files(variant: "alpha")
        let cache = ParseCache(bytes: Self.run(files, cache: .empty).bytes, key: Self.key)
        func pieces(_ files: [SourceFile]) -> (count: Int, bytes: [UInt8]) {
            var count = 0, bytes: [UInt8] = []
            _ = cache.documents(for: files, key: Self.key) { count += 1; bytes += $0 }
            return (count, bytes)
        }
        // The header, then every note in one run.
        #expect(pieces(files).count == 2)
        var edited = files
        edited[20].text += "One more sentence.\n"
        // The header, the run before the edited note, its new entry, the run after it.
        #expect(pieces(edited).count == 4)
        #expect(pieces(edited).bytes == Self.run(edited, cache: .empty).bytes)
        // Another order, two notes gone, one new: every place the old order breaks starts a new run.
        var shuffled = Array(files.reversed().dropFirst(2))
        shuffled.insert(SourceFile(path: "new.md", text: "# A new question?\n\nNew text.\n"), at: 10)
        let reordered = pieces(shuffled)
        #expect(reordered.bytes == Self.run(shuffled, cache: .empty).bytes)
        #expect(reordered.count == 1 + shuffled.count)
    }

    @Test func anotherKeyOrFormatReusesNothing() {
        let files = Self.files(variant: "alpha")
        let bytes = Self.run(files, cache: .empty).bytes
        #expect(ParseCache(bytes: bytes, key: Array("executable 9 9.9 9".utf8)).count == 0)
        #expect(ParseCache(bytes: Array(bytes.dropFirst()), key: Self.key).count == 0)
        #expect(Self.run(files, cache: ParseCache(bytes: bytes, key: Self.key), key: Array("other".utf8)).bytes.starts(with: Array("notegraph parse cache 4\nother\n".utf8)))
    }

    @Test func aDamagedCacheOnlyCostsReparsing() {
        let files = Self.files(variant: "alpha")
        let parsed = files.map(NoteParser.parse)
        let bytes = Self.run(files, cache: .empty).bytes
        for cut in stride(from: bytes.count / 3, to: bytes.count, by: bytes.count / 7) {
            let run = Self.run(files, cache: ParseCache(bytes: Array(bytes[..<cut]), key: Self.key))
            #expect(run.documents == parsed)
            #expect(run.reused < files.count)
        }
        // Flipped bytes in the last note's document (which decodes: most bytes are text) fail its checksum, so
        // that note is parsed again rather than misread.
        let lastDocument = bytes.count - 40
        for offset in lastDocument..<(lastDocument + 20) {
            var damaged = bytes
            damaged[offset] ^= 0x20
            let flipped = Self.run(files, cache: ParseCache(bytes: damaged, key: Self.key))
            #expect(flipped.documents == parsed)
            #expect(flipped.reused == files.count - 1)
        }
    }

    @Test(.enabled(if: Faults.executable != nil, "needs the built notegraph executable"))
    func anEditRebuildReusesTheOtherNotesAndWritesWhatAColdBuildWrites() throws {
        let scratch = try Scratch("parse-cache")
        defer { scratch.remove() }
        let (notes, site, cold) = (scratch.notes, scratch.site, scratch.cold)
        let count = try FileManager.default.contentsOfDirectory(atPath: notes.path).count
        func build(_ out: URL, _ extra: [String] = []) throws -> Faults.Outcome { try scratch.build(out, extra) }
        #expect(try build(site).stdout.contains("(0 of them unchanged"))

        func edit(_ name: String) throws {
            try Faults.edit(notes.appendingPathComponent(name), replacing: "Variant alpha.", with: "Variant omega.")
        }
        /// Every file of a site but the state that records file stamps (those differ between two folders), and the
        /// stored graph, which a rebuild updates in a copy of the last one: its bytes differ from a cold build's, its
        /// rows do not (`StoreUpdateTests`, and `PageReuseTests` through `notegraph query`).
        func contents(_ root: URL) throws -> [String: Data] {
            let paths = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }
            var files: [String: Data] = [:]
            for path in paths where ![".notegraph/inputs", ".notegraph/listing", ".notegraph/graph.sqlite", ".notegraph/graph.json-stamp"].contains(path) {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isFolder), !isFolder.boolValue {
                    files[path] = try Data(contentsOf: root.appendingPathComponent(path))
                }
            }
            return files
        }

        try edit("n3.md")
        let rebuilt = try build(site)
        #expect(rebuilt.stdout.contains("(\(count - 1) of them unchanged"), "\(rebuilt.stdout)")
        #expect(try build(cold).stdout.contains("(0 of them unchanged"))
        let edited = try contents(site)
        #expect(edited[".notegraph/documents"] != nil)
        #expect(edited == (try contents(cold)))

        // A cache cut in half: the notes it no longer holds are parsed again, and the site is still the same.
        let cache = site.appendingPathComponent(".notegraph/documents")
        let stored = try Data(contentsOf: cache)
        try stored.prefix(stored.count / 2).write(to: cache)
        try edit("n5.md")
        let afterDamage = try build(site)
        #expect(afterDamage.status == 0)
        #expect(!afterDamage.stdout.contains("(\(count - 1) of them unchanged"), "\(afterDamage.stdout)")
        try FileManager.default.removeItem(at: cold)
        _ = try build(cold)
        #expect(try contents(site) == (try contents(cold)))

        // --force trusts no state, the cache included.
        #expect(try build(site, ["--force"]).stdout.contains("(0 of them unchanged"))
    }

    /// Notes settled since the last build are not read again, only decoded from the cache, and the site is a cold
    /// build's; a note whose text gave a warning is read every time, so the warning stays; a cache that no longer
    /// holds an unread note's document makes the build read it after all.
    @Test(.enabled(if: Faults.executable != nil, "needs the built notegraph executable"))
    func settledNotesAreNotReadAgainAndTheSiteIsAColdBuilds() throws {
        let scratch = try Scratch("unread")
        defer { scratch.remove() }
        let (notes, site, cold) = (scratch.notes, scratch.site, scratch.cold)
        try Data(Array("# A note with a bad byte\n\nIt says \u{FF}".utf8) + [0xFF] + Array(" here.\n".utf8)).write(to: notes.appendingPathComponent("bad.md"))
        let names = try FileManager.default.contentsOfDirectory(atPath: notes.path)
        try Faults.backdate(notes, seconds: 60)
        func build(_ out: URL) throws -> Faults.Outcome { try scratch.build(out) }
        func coldBuild() throws -> [String: String] {
            try? FileManager.default.removeItem(at: cold)
            _ = try build(cold)
            return Faults.snapshot(cold, excluding: Self.stampState)
        }
        let first = try build(site)
        #expect(first.stdout.contains(", 0 not read again,"), "\(first.stdout)")
        #expect(first.stderr.contains("bad.md:3:11: warning: invalid UTF-8"), "\(first.stderr)")

        #expect(try Faults.edit(notes.appendingPathComponent("n3.md"), replacing: "Variant alpha.", with: "Variant omega."))
        let rebuilt = try build(site)
        // Everything but the edited note and the one with a bad byte.
        #expect(rebuilt.stdout.contains(", \(names.count - 2) not read again,"), "\(rebuilt.stdout)")
        #expect(rebuilt.stderr == first.stderr)
        #expect(Faults.snapshot(site, excluding: Self.stampState) == (try coldBuild()))

        // The cache cut in half: the unread notes whose documents it lost are read after all.
        let cache = site.appendingPathComponent(".notegraph/documents")
        let stored = try Data(contentsOf: cache)
        try stored.prefix(stored.count / 2).write(to: cache)
        #expect(try Faults.edit(notes.appendingPathComponent("n5.md"), replacing: "Variant alpha.", with: "Variant omega."))
        let afterDamage = try build(site)
        #expect(afterDamage.status == 0)
        #expect(!afterDamage.stdout.contains(", \(names.count - 2) not read again,"), "\(afterDamage.stdout)")
        #expect(Faults.snapshot(site, excluding: Self.stampState) == (try coldBuild()))
    }

    /// The state that records file stamps (they differ between two folders) and the stored graph, which a rebuild
    /// updates in a copy of the last one (its rows are a cold build's, `StoreUpdateTests`).
    static let stampState: Set<String> = [".notegraph/inputs", ".notegraph/listing", ".notegraph/graph.sqlite", ".notegraph/graph.json-stamp"]

    /// A temporary folder holding a 30-note corpus (`notes`), where the real binary builds sites (`site`, `cold`).
    struct Scratch {
        let tmp: URL
        var notes: URL { tmp.appendingPathComponent("notes") }
        var site: URL { tmp.appendingPathComponent("site") }
        var cold: URL { tmp.appendingPathComponent("cold") }

        init(_ label: String) throws {
            tmp = try Faults.temporary(label)
            try Faults.writeCorpus(tmp.appendingPathComponent("notes"), count: 30, variant: "alpha")
        }

        func build(_ out: URL, _ extra: [String] = []) throws -> Faults.Outcome {
            try Faults.run(["build", "--notes", notes.path, "--out", out.path, "--templates", Faults.templates.path] + extra, in: tmp)
        }

        func remove() { try? FileManager.default.removeItem(at: tmp) }
    }
}
