import Foundation
import Testing
import Workspace

@Suite("Rebuilds that skip work")
struct IncrementalPublishTests {
    static func inode(_ url: URL) throws -> UInt64 {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? UInt64)
    }

    @Test func unchangedPagesAreCarriedOverNotRewritten() throws {
        let tmp = try SiteOutputTests.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let out = SiteOutput(tmp.appendingPathComponent("site"))
        let first = try out.publish([("index.html", Array("one".utf8)), ("note/a.html", Array("a".utf8)), ("note/b.html", Array("b".utf8))])
        #expect((first.written, first.unchanged, first.kept) == (3, 0, 0))
        let before = try Self.inode(out.folder.appendingPathComponent("note/a.html"))

        let second = try out.publish([("index.html", Array("two".utf8)), ("note/a.html", Array("a".utf8)), ("note/c.html", Array("c".utf8))])
        #expect((second.written, second.unchanged, second.kept) == (2, 1, 0))
        #expect(try Self.inode(out.folder.appendingPathComponent("note/a.html")) == before)  // the same file, linked
        #expect(try String(contentsOf: out.folder.appendingPathComponent("index.html"), encoding: .utf8) == "two")
        #expect(!FileManager.default.fileExists(atPath: out.folder.appendingPathComponent("note/b.html").path))
    }

    @Test func aPublicationDroppedBeforeCommitLeavesThePreviousSiteAndNoStaging() throws {
        let tmp = try SiteOutputTests.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let out = SiteOutput(tmp.appendingPathComponent("site"))
        try out.publish([("index.html", Array("old".utf8))])
        do {
            let publication = try out.begin()
            try publication.add([("index.html", Array("new".utf8)), ("note/a.html", Array("a".utf8))])
            // A render error here would drop the publication without committing.
        }
        #expect(try String(contentsOf: out.folder.appendingPathComponent("index.html"), encoding: .utf8) == "old")
        #expect(!FileManager.default.fileExists(atPath: out.folder.appendingPathComponent("note/a.html").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: tmp.path).filter { $0.contains(".staging-") && !$0.hasSuffix(".lock") }
        #expect(leftovers.isEmpty)
    }

    @Test func filesAddedInBatchesPublishLikeOneCall() throws {
        let tmp = try SiteOutputTests.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let files = (0..<40).map { (path: "note/\($0).html", bytes: Array("page \($0)".utf8)) }
        let whole = SiteOutput(tmp.appendingPathComponent("whole"))
        try whole.publish(files)
        let batched = SiteOutput(tmp.appendingPathComponent("batched"))
        let publication = try batched.begin()
        for start in stride(from: 0, to: files.count, by: 7) { try publication.add(Array(files[start..<min(start + 7, files.count)])) }
        let report = try publication.commit()
        #expect(report.written == 40)
        let marker = { (out: SiteOutput) in try String(contentsOf: out.folder.appendingPathComponent(SiteOutput.markerName), encoding: .utf8) }
        #expect(try marker(whole) == marker(batched))
    }

    @Test func stateFilesStayOutOfTheManifest() throws {
        let tmp = try SiteOutputTests.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let out = SiteOutput(tmp.appendingPathComponent("site"))
        try out.publish([("index.html", Array("x".utf8))], state: [("inputs", Array("machine facts".utf8))])
        let marker = try String(contentsOf: out.folder.appendingPathComponent(SiteOutput.markerName), encoding: .utf8)
        #expect(marker.contains(" index.html\n"))
        #expect(!marker.contains(SiteOutput.stateFolder))
        #expect(out.storedState("inputs") == "machine facts")
        // A later build neither counts the state folder as a foreign file nor keeps a stale state file.
        let report = try out.publish([("index.html", Array("x".utf8))], state: [])
        #expect(report.kept == 0)
        #expect(out.storedState("inputs") == nil)
    }

    @Test func signatureChangesWhenANoteOrTemplateChanges() throws {
        let tmp = try SiteOutputTests.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let notes = tmp.appendingPathComponent("notes"), templates = tmp.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: notes.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("# A\n".utf8).write(to: notes.appendingPathComponent("a.md"))
        try Data("# B\n".utf8).write(to: notes.appendingPathComponent("sub/b.md"))
        try Data("ignored".utf8).write(to: notes.appendingPathComponent("picture.png"))
        try Data("{{x}}".utf8).write(to: templates.appendingPathComponent("node.mustache"))
        func signature(_ options: String = "title=a") -> InputSignature { InputSignature(notes: notes, templates: templates, options: options) }
        // Files written this instant make a "racy" signature (see below): date them as if saved a while ago.
        try Self.backdate(tmp, seconds: 60)

        let original = signature()
        #expect(!original.isRacy)
        #expect(original == signature())
        #expect(String(decoding: original.bytes, as: UTF8.self).contains("notes/sub/b.md "))
        #expect(!String(decoding: original.bytes, as: UTF8.self).contains("picture.png"))
        #expect(original != signature("title=b"))

        try Data("# B, edited\n".utf8).write(to: notes.appendingPathComponent("sub/b.md"))
        try Self.backdate(tmp, seconds: 30)
        let edited = signature()
        #expect(edited != original)
        try Data("{{y}}".utf8).write(to: templates.appendingPathComponent("node.mustache"))  // same size, later time
        try Self.backdate(templates, seconds: 10)
        #expect(signature() != edited)
        try Data("# C\n".utf8).write(to: notes.appendingPathComponent("c.md"))
        #expect(String(decoding: signature().bytes, as: UTF8.self).contains("notes/c.md "))
    }

    /// Sets every entry below `folder` to have been modified `seconds` ago.
    static func backdate(_ folder: URL, seconds: Double) throws {
        let date = Date(timeIntervalSinceNow: -seconds)
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: folder.appendingPathComponent(path).path)
        }
    }

    @Test func aNoteSavedWithinTheLastSecondMakesTheSignatureUntrusted() throws {
        // File times advance in ticks of a few milliseconds (whole seconds on some file systems): a note rewritten
        // with the same size within one tick of the build reading it would look unchanged. So a signature taken
        // within a second of a change is marked racy, equals no other signature, and the next build rebuilds.
        let tmp = try SiteOutputTests.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let notes = tmp.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        let note = notes.appendingPathComponent("a.md")
        try Data("# Version one\n".utf8).write(to: note)
        let taken = InputSignature(notes: notes, templates: nil, options: "")
        #expect(taken.isRacy)
        // The build that took `taken` reads the note, but the note is rewritten (same size) before it publishes.
        try Data("# Version two\n".utf8).write(to: note)
        let out = SiteOutput(tmp.appendingPathComponent("site"))
        try out.publish([("index.html", Array("Version one".utf8))], state: [("inputs", taken.bytes)])
        let next = InputSignature(notes: notes, templates: nil, options: "")
        #expect(!out.isUpToDate(with: next))
        #expect(InputSignature(bytes: taken.bytes).isRacy)
        // The mark stays out of the part `query` compares, so queries keep using the stored graph.
        #expect(!String(decoding: taken.graphPart, as: UTF8.self).contains("racy"))
        #expect(String(decoding: taken.graphPart, as: UTF8.self).hasPrefix("executable "))
        // Once the note is a second old, the signature is trusted again and a rebuild's stored one is up to date.
        try Self.backdate(notes, seconds: 5)
        let settled = InputSignature(notes: notes, templates: nil, options: "")
        #expect(!settled.isRacy)
        #expect(settled == InputSignature(notes: notes, templates: nil, options: ""))
        try out.publish([("index.html", Array("Version two".utf8))], state: [("inputs", settled.bytes)])
        #expect(out.isUpToDate(with: InputSignature(notes: notes, templates: nil, options: "")))
    }

    @Test func upToDateOnlyWithTheStoredSignature() throws {
        let tmp = try SiteOutputTests.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let out = SiteOutput(tmp.appendingPathComponent("site"))
        let signature = InputSignature(bytes: Array("inputs v1".utf8))
        #expect(!out.isUpToDate(with: signature))
        try out.publish([("index.html", Array("x".utf8))], state: [("inputs", signature.bytes)])
        #expect(out.isUpToDate(with: signature))
        #expect(!out.isUpToDate(with: InputSignature(bytes: Array("inputs v2".utf8))))
    }
}
