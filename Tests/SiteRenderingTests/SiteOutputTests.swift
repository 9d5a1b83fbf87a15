import Foundation
import Testing
import Workspace

#if canImport(Glibc)
import Glibc
#endif

@Suite("Output folder safety")
struct SiteOutputTests {
    static func temporary() throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("notegraph-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func refusesFoldersItMustNotReplace() throws {
        let tmp = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let notes = tmp.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        let foreign = tmp.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: foreign.appendingPathComponent("keep.txt"))
        let project = tmp.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        try Data().write(to: project.appendingPathComponent("Package.swift"))
        for out in [URL(fileURLWithPath: "/"), FileManager.default.homeDirectoryForCurrentUser, notes, tmp, foreign, project, notes.appendingPathComponent("site")] {
            #expect(throws: WorkspaceError.self, "\(out.path) should be refused") { try SiteOutput(out).checkSafe(notesFolder: notes) }
        }
        try SiteOutput(tmp.appendingPathComponent("site")).checkSafe(notesFolder: notes)  // a new folder is fine
    }

    @Test func anEmptyFolderIsAcceptedAndOneHoldingOnlyAHiddenFileIsNot() throws {
        // The emptiness check reads the folder itself (up to its first entry), hidden entries included, and a
        // folder reached through a linked parent is judged by where it really is.
        let tmp = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let fm = FileManager.default
        let notes = tmp.appendingPathComponent("notes")
        let empty = tmp.appendingPathComponent("empty")
        let hidden = tmp.appendingPathComponent("hidden")
        try fm.createDirectory(at: notes, withIntermediateDirectories: true)
        try fm.createDirectory(at: empty, withIntermediateDirectories: true)
        try fm.createDirectory(at: hidden, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: hidden.appendingPathComponent(".env"))
        try SiteOutput(empty).checkSafe(notesFolder: notes)
        #expect(throws: WorkspaceError.self) { try SiteOutput(hidden).checkSafe(notesFolder: notes) }
        try fm.createSymbolicLink(at: tmp.appendingPathComponent("alias"), withDestinationURL: tmp)
        #expect(throws: WorkspaceError.self, "the notes folder, through a linked parent") {
            try SiteOutput(tmp.appendingPathComponent("alias/notes")).checkSafe(notesFolder: notes)
        }
    }

    @Test func refusesAGitCheckoutAFileAndALinkedOutput() throws {
        let tmp = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let fm = FileManager.default
        let notes = tmp.appendingPathComponent("notes")
        let checkout = tmp.appendingPathComponent("checkout")
        try fm.createDirectory(at: checkout.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let file = tmp.appendingPathComponent("file.html")
        try Data("x".utf8).write(to: file)
        let real = tmp.appendingPathComponent("real-site")
        try SiteOutput(real).publish([("index.html", Array("real".utf8))])
        let linked = tmp.appendingPathComponent("linked-site")
        try fm.createSymbolicLink(at: linked, withDestinationURL: real)
        for (out, reason) in [(checkout, "project root"), (file, "a file"), (linked, "symbolic link")] {
            #expect {
                try SiteOutput(out).checkSafe(notesFolder: notes)
            } throws: { error in
                String(describing: error).contains(reason)
            }
        }
        // Publishing refuses the link too (the swap would replace the link, writing would go through it).
        #expect(throws: WorkspaceError.self) { try SiteOutput(linked).publish([("index.html", Array("new".utf8))]) }
        #expect(try String(contentsOf: real.appendingPathComponent("index.html"), encoding: .utf8) == "real")
        #expect(try fm.destinationOfSymbolicLink(atPath: linked.path) == real.path)
    }

    @Test func publishSwapsInTheNewSiteKeepsForeignFilesAndCleansLeftovers() throws {
        let tmp = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let out = SiteOutput(tmp.appendingPathComponent("site"))
        try out.publish([("index.html", Array("one".utf8)), ("note/a.html", Array("a".utf8))])
        try Data("example.org".utf8).write(to: out.folder.appendingPathComponent("CNAME"))
        // A build killed earlier left a staging folder behind.
        let leftover = tmp.appendingPathComponent("site.staging-99999")
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
        try Data().write(to: leftover.appendingPathComponent(SiteOutput.markerName))

        let report = try out.publish([("index.html", Array("two".utf8))])
        #expect(report.kept == 1)
        let fm = FileManager.default
        #expect(String(decoding: fm.contents(atPath: out.folder.appendingPathComponent("index.html").path)!, as: UTF8.self) == "two")
        #expect(!fm.fileExists(atPath: out.folder.appendingPathComponent("note/a.html").path))  // ours, gone from the new site
        #expect(fm.fileExists(atPath: out.folder.appendingPathComponent("CNAME").path))          // not ours: kept
        #expect(!fm.fileExists(atPath: leftover.path))
        let siblings = try fm.contentsOfDirectory(atPath: tmp.path).filter { !$0.hasSuffix(".lock") }
        #expect(siblings == ["site"])
        try out.checkSafe(notesFolder: tmp.appendingPathComponent("notes"))  // marker makes it ours
    }

    @Test func linksInTheOutputAreNeverWrittenThroughNorCarriedOver() throws {
        let tmp = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let fm = FileManager.default
        let out = SiteOutput(tmp.appendingPathComponent("site"))
        try out.publish([("index.html", Array("one".utf8)), ("note/a.html", Array("a".utf8)), ("note/b.html", Array("b".utf8))])
        let site = out.folder
        // Someone replaced two of notegraph's pages and a folder with links to files outside, and added a foreign link.
        let victim = tmp.appendingPathComponent("victim.html"), copyOfA = tmp.appendingPathComponent("copy-of-a.html")
        let outside = tmp.appendingPathComponent("outside")
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("victim".utf8).write(to: victim)
        try Data("a".utf8).write(to: copyOfA)  // the same bytes as the page, so it would qualify for carrying over
        try Data("b".utf8).write(to: outside.appendingPathComponent("b.html"))
        try fm.removeItem(at: site.appendingPathComponent("index.html"))
        try fm.createSymbolicLink(at: site.appendingPathComponent("index.html"), withDestinationURL: victim)
        try fm.removeItem(at: site.appendingPathComponent("note/a.html"))
        try fm.createSymbolicLink(at: site.appendingPathComponent("note/a.html"), withDestinationURL: copyOfA)
        try fm.createSymbolicLink(at: site.appendingPathComponent("elsewhere"), withDestinationURL: outside)
        let outsideBefore = try fm.contentsOfDirectory(atPath: outside.path)

        let report = try out.publish([("index.html", Array("two".utf8)), ("note/a.html", Array("a".utf8)), ("note/b.html", Array("b".utf8))])
        #expect(try String(contentsOf: victim, encoding: .utf8) == "victim")
        #expect(try String(contentsOf: copyOfA, encoding: .utf8) == "a")
        #expect(try fm.contentsOfDirectory(atPath: outside.path) == outsideBefore)
        for page in ["index.html", "note/a.html"] {
            let attributes = try fm.attributesOfItem(atPath: site.appendingPathComponent(page).path)
            #expect(attributes[.type] as? FileAttributeType == .typeRegular, "\(page) should be notegraph's own file again")
        }
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8) == "two")
        #expect(report.unchanged == 1)  // note/b.html; note/a.html was a link, so it was written
        #expect(report.kept == 1)       // the foreign link, kept as a link
        #expect(try fm.destinationOfSymbolicLink(atPath: site.appendingPathComponent("elsewhere").path) == outside.path)
    }

    @Test func aForeignFileOrLinkWhereTheNewSiteNeedsThePathStopsThePublish() throws {
        let tmp = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let fm = FileManager.default
        let out = SiteOutput(tmp.appendingPathComponent("site"))
        try out.publish([("index.html", Array("one".utf8))])
        try Data("mine".utf8).write(to: out.folder.appendingPathComponent("tag.html"))
        let outside = tmp.appendingPathComponent("outside")
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try fm.createSymbolicLink(at: out.folder.appendingPathComponent("note"), withDestinationURL: outside)
        #expect(throws: WorkspaceError.self) { try out.publish([("index.html", Array("two".utf8)), ("tag.html", Array("ours".utf8))]) }
        #expect(throws: WorkspaceError.self) { try out.publish([("index.html", Array("two".utf8)), ("note/a.html", Array("a".utf8))]) }
        #expect(try String(contentsOf: out.folder.appendingPathComponent("tag.html"), encoding: .utf8) == "mine")
        #expect(try String(contentsOf: out.folder.appendingPathComponent("index.html"), encoding: .utf8) == "one")
        #expect(try fm.contentsOfDirectory(atPath: outside.path).isEmpty)
        let leftovers = try fm.contentsOfDirectory(atPath: tmp.path).filter { $0.contains(".staging-") }
        #expect(leftovers.isEmpty)
    }

    @Test func emptyForeignFoldersSurviveAndReservedNamesAreRefused() throws {
        let tmp = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let out = SiteOutput(tmp.appendingPathComponent("site"))
        try out.publish([("index.html", Array("one".utf8))])
        try FileManager.default.createDirectory(at: out.folder.appendingPathComponent("uploads/2026"), withIntermediateDirectories: true)
        try out.publish([("index.html", Array("two".utf8))])
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: out.folder.appendingPathComponent("uploads/2026").path, isDirectory: &isDirectory) && isDirectory.boolValue)
        for reserved in [SiteOutput.markerName, ".notegraph/inputs"] {
            #expect(throws: WorkspaceError.self) { try out.publish([(reserved, Array("x".utf8))]) }
        }
    }

    @Test func killedBuildsLeftoversAreRemovedButFoldersNotegraphDidNotMakeAreKept() throws {
        let tmp = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let fm = FileManager.default
        let out = SiteOutput(tmp.appendingPathComponent("site"))
        try out.publish([("index.html", Array("one".utf8))])
        // Killed while rendering: the staging folder holds its marker (written first) and some pages.
        let rendering = tmp.appendingPathComponent("site.staging-424242")
        try fm.createDirectory(at: rendering.appendingPathComponent("note"), withIntermediateDirectories: true)
        try Data("notegraph staging folder; not published yet\n".utf8).write(to: rendering.appendingPathComponent(SiteOutput.markerName))
        try Data("x".utf8).write(to: rendering.appendingPathComponent("note/x.html"))
        // Killed while removing the previous site: the marker goes last, so it is still there.
        let removing = tmp.appendingPathComponent("site.staging-77")
        try fm.createDirectory(at: removing.appendingPathComponent("concept"), withIntermediateDirectories: true)
        try Data().write(to: removing.appendingPathComponent(SiteOutput.markerName))
        // Not notegraph's: no marker, something inside.
        let foreign = tmp.appendingPathComponent("site.staging-notes")
        try fm.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: foreign.appendingPathComponent("plan.txt"))

        try out.publish([("index.html", Array("two".utf8))])
        #expect(!fm.fileExists(atPath: rendering.path))
        #expect(!fm.fileExists(atPath: removing.path))
        #expect(try String(contentsOf: foreign.appendingPathComponent("plan.txt"), encoding: .utf8) == "keep me")
    }

    @Test func aSwapInterruptedBetweenItsTwoRenamesIsPutBack() throws {
        // Where the file system has no RENAME_EXCHANGE, publishing renames the old site aside, then the new one in;
        // a build killed between the two leaves no output and the old site aside. The next build restores it.
        let tmp = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let fm = FileManager.default
        let out = SiteOutput(tmp.appendingPathComponent("site"))
        try out.publish([("index.html", Array("one".utf8))])
        try Data("example.org".utf8).write(to: out.folder.appendingPathComponent("CNAME"))
        try fm.moveItem(at: out.folder, to: tmp.appendingPathComponent("site.staging-old-31337"))
        let report = try out.publish([("index.html", Array("two".utf8))])
        #expect(report.kept == 1)
        #expect(try String(contentsOf: out.folder.appendingPathComponent("CNAME"), encoding: .utf8) == "example.org")
        #expect(try String(contentsOf: out.folder.appendingPathComponent("index.html"), encoding: .utf8) == "two")
        #expect(try fm.contentsOfDirectory(atPath: tmp.path).sorted() == ["site", "site.staging.lock"])
    }

    @Test func aSecondPublicationOfOneOutputIsRefusedWhileTheFirstIsOpen() throws {
        let tmp = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let out = SiteOutput(tmp.appendingPathComponent("site"))
        let first = try out.begin()
        withExtendedLifetime(first) {
            #expect(throws: WorkspaceError.locked(out.folder.path)) { try out.begin() }
            #expect(String(describing: WorkspaceError.locked(out.folder.path)).contains("another notegraph build is writing this folder"))
        }
        try first.add([("index.html", Array("one".utf8))])
        _ = try first.commit()
    }

    @Test func pagePathsCannotEscapeTheSite() throws {
        let tmp = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        #expect(throws: WorkspaceError.self) { try SiteOutput(tmp.appendingPathComponent("site")).publish([("../evil.html", [])]) }
        #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("evil.html").path))
    }
}
