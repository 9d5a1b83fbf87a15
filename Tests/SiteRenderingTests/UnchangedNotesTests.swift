import Foundation
import Testing
@testable import Workspace

/// Which notes a rebuild may leave unread: exactly those whose stats are the last signature's, settled then.
@Suite struct UnchangedNotesTests {
    typealias Corpus = FolderListingTests.Corpus
    static let all: Set<String> = ["B.MD", "a.md", "sub/b.md", "sub/deeper/c.md", "other/d.md"]

    @Test func notesWithTheLastSignaturesStatsAreUnchanged() throws {
        let corpus = try Corpus()
        defer { try? FileManager.default.removeItem(at: corpus.tmp) }
        let previous = corpus.signature()
        #expect(!previous.isRacy)
        #expect(corpus.signature().notesUnchanged(since: previous.bytes) == Self.all)
        // Another size, another inode, another time: each makes a note changed.
        try corpus.write("notes/a.md", "# a, longer now\n")
        let renamed = corpus.tmp.appendingPathComponent("notes/sub/b.md")
        try Data(contentsOf: renamed).write(to: renamed, options: .atomic)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -100)], ofItemAtPath: corpus.tmp.appendingPathComponent("notes/other/d.md").path)
        let current = corpus.signature()
        #expect(current.notesUnchanged(since: previous.bytes) == ["B.MD", "sub/deeper/c.md"])
        // The templates are not notes, whatever changes there.
        try corpus.write("templates/node.mustache", "changed")
        #expect(corpus.signature().notesUnchanged(since: current.bytes) == Self.all)
    }

    /// A note changed within the racy window of the last signature may have changed again without its stats
    /// moving: only a note settled by then is vouched for.
    @Test func aNoteChangedJustBeforeTheLastSignatureIsNotVouchedFor() throws {
        let corpus = try Corpus()
        defer { try? FileManager.default.removeItem(at: corpus.tmp) }
        for path in Self.all.subtracting(["a.md"]) {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: corpus.notes.appendingPathComponent(path).path)
        }
        let racy = corpus.signature(later: 0)
        #expect(racy.isRacy)
        #expect(corpus.signature().notesUnchanged(since: racy.bytes) == Self.all.subtracting(["a.md"]))
    }

    @Test func anotherExecutablesOrADamagedSignatureVouchesForNothing() throws {
        let corpus = try Corpus()
        defer { try? FileManager.default.removeItem(at: corpus.tmp) }
        let previous = corpus.signature()
        let text = String(decoding: previous.bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let current = corpus.signature()
        var other = lines
        other[2] = "executable 1 2.3 4"
        #expect(current.notesUnchanged(since: Array(other.joined(separator: "\n").utf8)).isEmpty)
        #expect(current.notesUnchanged(since: Array("notegraph build signature 1\n".utf8) + previous.bytes.drop { $0 != UInt8(ascii: "\n") }.dropFirst()).isEmpty)
        #expect(current.notesUnchanged(since: []).isEmpty)
        let line = try #require(lines.firstIndex { $0.hasPrefix("notes/a.md ") })
        // A number too large for an Int, or not a number, makes a line no note's: it is not trusted (and reads safely).
        for damaged in ["99999999999999999999", "-", "1x"] {
            var fields = lines[line].split(separator: " ").map(String.init)
            fields[1] = damaged
            var edited = lines
            edited[line] = fields.joined(separator: " ")
            let damagedSignature = Array(edited.joined(separator: "\n").utf8)
            #expect(current.notesUnchanged(since: damagedSignature) == Self.all.subtracting(["a.md"]), "\(damaged)")
        }
        // A path on two lines (a title holding a line break could write one) is never trusted.
        lines.insert(lines[line], at: line)
        #expect(current.notesUnchanged(since: Array(lines.joined(separator: "\n").utf8)) == Self.all.subtracting(["a.md"]))
    }
}
