import Foundation
import Testing
@testable import Workspace

#if canImport(Glibc)
import Glibc
#endif

/// The folder listing a build keeps so that the next signature walk lists only the folders that changed: the
/// signature must come out exactly as a full walk would make it, whatever changed in between.
@Suite struct FolderListingTests {
    /// A corpus in a new temporary folder: notes in the root and in two subfolders, a hidden folder, a non-note
    /// file, and a templates folder with an asset folder.
    struct Corpus {
        let tmp: URL
        var notes: URL { tmp.appendingPathComponent("notes") }
        var templates: URL { tmp.appendingPathComponent("templates") }

        init() throws {
            tmp = try SiteOutputTests.temporary()
            for folder in ["notes/sub/deeper", "notes/other", "notes/.obsidian", "templates/assets"] {
                try FileManager.default.createDirectory(at: tmp.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            for file in ["notes/a.md", "notes/B.MD", "notes/sub/b.md", "notes/sub/deeper/c.md", "notes/other/d.md", "notes/.obsidian/e.md",
                         "notes/picture.png", "templates/node.mustache", "templates/assets/site.css"] {
                try Data("# \(file)\n".utf8).write(to: tmp.appendingPathComponent(file))
            }
        }

        /// A signature taken `later` seconds from now: every file and folder written so far then counts as settled.
        func signature(previous: FolderListing? = nil, later: Double = 10) -> InputSignature {
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            let at = now.tv_sec * 1_000_000_000 + now.tv_nsec + Int(later * 1e9)
            return InputSignature(notes: notes, templates: templates, options: "title=t", previous: previous, now: at)
        }

        func write(_ path: String, _ text: String) throws {
            try Data(text.utf8).write(to: tmp.appendingPathComponent(path))
        }
    }

    @Test func theListingRoundTripsThroughItsStoredBytes() throws {
        let corpus = try Corpus()
        defer { try? FileManager.default.removeItem(at: corpus.tmp) }
        let listing = corpus.signature().listing
        #expect(Set(listing.folders.keys.map { String(decoding: $0, as: UTF8.self) })
            == ["notes/", "notes/sub/", "notes/sub/deeper/", "notes/other/", "templates/", "templates/assets/"])
        let read = FolderListing(bytes: listing.bytes)
        #expect(read == listing)
        #expect(read.bytes == listing.bytes)
        let root = try #require(read.folders[Array("notes/".utf8)])
        #expect((0..<root.count).map { String(decoding: root.name($0), as: UTF8.self) } == ["B.MD", "a.md", "other", "sub"])
        #expect((0..<root.count).map { root.isDirectory($0) } == [false, false, true, true])
        // A damaged listing is no listing: every folder is listed again.
        let hugeCount = FolderListing.header + listing.executable + Array("notes/\u{0}1 2 3.4 5.6\u{0}999999999999999\u{0}fa.md\u{0}".utf8)
        for damaged in [Array(listing.bytes.dropLast(3)), Array("notegraph folder listing 0\n".utf8), [], hugeCount] {
            #expect(FolderListing(bytes: damaged).folders.isEmpty)
        }
    }

    @Test func walkingWithTheListingGivesTheSignatureOfAFullWalk() throws {
        let corpus = try Corpus()
        defer { try? FileManager.default.removeItem(at: corpus.tmp) }
        let full = corpus.signature()
        #expect(!full.isRacy)
        let again = corpus.signature(previous: full.listing)
        #expect(again.text == full.text)
        #expect(again.listing == full.listing)
    }

    @Test func aFolderWhoseStampIsUnchangedIsTakenFromTheListing() throws {
        // Proof that the listing is used at all (the other tests would pass without it): a name the listing has but
        // the folder does not appears in the signature, as unreadable.
        let corpus = try Corpus()
        defer { try? FileManager.default.removeItem(at: corpus.tmp) }
        var listing = corpus.signature().listing
        let path = Array("notes/other/".utf8)
        var folder = try #require(listing.folders[path])
        folder.starts.append(folder.records.count)
        folder.records += Array("fghost.md".utf8) + [0]
        listing.add(path, folder)
        let text = corpus.signature(previous: listing).text
        #expect(text.contains("notes/other/ghost.md unreadable\n"))
        // From another executable (another version of notegraph), the same listing is not trusted.
        let foreign = FolderListing(bytes: FolderListing.header + Array("executable 1 2.3 4\n".utf8) + listing.bytes[(FolderListing.header.count + listing.executable.count)...])
        #expect(foreign.folders[path] != nil)
        #expect(!corpus.signature(previous: foreign).text.contains("ghost"))
    }

    @Test func addingRemovingOrRenamingANoteInAListedFolderIsSeen() throws {
        let corpus = try Corpus()
        defer { try? FileManager.default.removeItem(at: corpus.tmp) }
        var previous = corpus.signature()
        let changes: [(String, () throws -> Void)] = [
            ("a note added", { try corpus.write("notes/sub/new.md", "# New\n") }),
            ("a note removed", { try FileManager.default.removeItem(at: corpus.notes.appendingPathComponent("sub/deeper/c.md")) }),
            ("a note renamed", { try FileManager.default.moveItem(at: corpus.notes.appendingPathComponent("other/d.md"), to: corpus.notes.appendingPathComponent("other/e.md")) }),
            ("a folder added", { try FileManager.default.createDirectory(at: corpus.notes.appendingPathComponent("sub/fresh"), withIntermediateDirectories: false)
                                 try corpus.write("notes/sub/fresh/f.md", "# F\n") }),
            ("a template added", { try corpus.write("templates/assets/extra.js", "x") }),
            ("a note added to the root", { try corpus.write("notes/z.md", "# Z\n") }),
        ]
        for (change, apply) in changes {
            try apply()
            let reused = corpus.signature(previous: previous.listing)
            let full = corpus.signature()
            #expect(reused.text == full.text, "\(change)")
            #expect(reused.text != previous.text, "\(change)")
            previous = reused
        }
        let text = previous.text
        for seen in ["notes/sub/new.md ", "notes/other/e.md ", "notes/sub/fresh/ dir\n", "notes/sub/fresh/f.md ", "templates/assets/extra.js ", "notes/z.md "] {
            #expect(text.contains(seen), "\(seen)")
        }
        for gone in ["notes/sub/deeper/c.md", "notes/other/d.md"] { #expect(!text.contains(gone), "\(gone)") }
    }

    @Test func aSignatureInPiecesComparesByItsBytesAlone() throws {
        // 600 notes: the walk stats them in chunks of 256, so the signature is several pieces, which must compare
        // equal to the same bytes in one piece (as read back from the state file) and differ at any changed byte.
        let corpus = try Corpus()
        defer { try? FileManager.default.removeItem(at: corpus.tmp) }
        for i in 0..<600 { try corpus.write("notes/sub/n\(i).md", "# \(i)\n") }
        let taken = corpus.signature()
        #expect(taken.pieces.count > 3)
        let bytes = taken.bytes
        #expect(bytes.count == taken.count)
        #expect(InputSignature(bytes: bytes) == taken)
        #expect(taken == InputSignature(bytes: bytes))
        let stored = corpus.tmp.appendingPathComponent("inputs")
        try Data(bytes).write(to: stored)
        #expect(FileTree.file(at: stored.path, holds: taken))
        for place in [0, bytes.count / 3, bytes.count / 2, bytes.count - 1] {
            var changed = bytes
            changed[place] ^= 1
            #expect(InputSignature(bytes: changed) != taken, "byte \(place)")
            try Data(changed).write(to: stored)
            #expect(!FileTree.file(at: stored.path, holds: taken), "byte \(place)")
        }
        for other in [Array(bytes.dropLast()), bytes + [0x0A], []] {
            #expect(InputSignature(bytes: other) != taken)
            try Data(other).write(to: stored)
            #expect(!FileTree.file(at: stored.path, holds: taken))
        }
        #expect(!FileTree.file(at: corpus.tmp.appendingPathComponent("missing").path, holds: taken))
    }

    @Test func statsAreWrittenInDecimalLikeString() {
        for n in [0, 7, 10, 99, 100, 1_796_125_274, 999_999_999, -1, -40, Int.max, Int.min] {
            let written = [UInt8](unsafeUninitializedCapacity: 22) { buffer, count in
                var p = buffer.baseAddress!
                SignatureWalk.putDecimal(n, at: &p)
                count = buffer.baseAddress!.distance(to: p)
            }
            #expect(String(decoding: written, as: UTF8.self) == " \(n)")
        }
    }

    @Test func aFolderChangedWithinTheRacyWindowIsNotKept() throws {
        // Within one tick of the file clock an entry could be added without moving the folder's stamp.
        let corpus = try Corpus()
        defer { try? FileManager.default.removeItem(at: corpus.tmp) }
        let now = corpus.signature(later: 0)
        #expect(now.listing.folders.isEmpty)
        #expect(now.isRacy)
        let settled = corpus.signature(later: 10)
        #expect(settled.listing.folders.count == 6)
        // Signatures are compared by their bytes only: the listing is a cache.
        #expect(InputSignature(bytes: settled.bytes) == settled)
    }
}

extension InputSignature {
    /// The signature as text, for readable expectations.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
