import Foundation
import Testing
import Workspace

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

    @Test func pagePathsCannotEscapeTheSite() throws {
        let tmp = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        #expect(throws: WorkspaceError.self) { try SiteOutput(tmp.appendingPathComponent("site")).publish([("../evil.html", [])]) }
        #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("evil.html").path))
    }
}
