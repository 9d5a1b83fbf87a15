import BuildPipeline
import Foundation
import NoteGraph
import NoteParsing
import Testing
import TestSupport
import Workspace

#if canImport(Glibc)
import Glibc
#endif

/// `Tests/Fixtures/corpus-faults` (see its ABOUT.txt), plus the cases a repository cannot hold — links pointing
/// outside, a FIFO, a dangling link, a folder named `*.md`, unreadable files — made in a temporary copy.
@Suite("Fault corpus: hostile bytes, names and links")
struct FaultCorpusTests {
    /// A temporary folder holding a copy of the fault corpus as `notes/`, its `*.md.bytes` files named `*.md`.
    static func copy() throws -> (tmp: URL, notes: URL) {
        let tmp = try Faults.temporary("faults")
        let notes = tmp.appendingPathComponent("notes")
        try FileManager.default.copyItem(at: Fixtures.url("corpus-faults"), to: notes)
        let stored = (FileManager.default.enumerator(atPath: notes.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".md.bytes") }
        for path in stored {
            try FileManager.default.moveItem(at: notes.appendingPathComponent(path), to: notes.appendingPathComponent(String(path.dropLast(".bytes".count))))
        }
        return (tmp, notes)
    }

    static func build(_ notes: URL) throws -> (files: [SourceFile], read: [Diagnostic], site: SiteBuild) {
        let (files, diagnostics) = try NotesFolder(notes).read()
        return (files, diagnostics, try SiteBuild(files: files, templates: TemplateFolder.read(Faults.templates)))
    }

    @Test func invalidUTF8AndNULAreReplacedAndReportedWithLineAndColumn() throws {
        let (tmp, notes) = try Self.copy()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let (files, diagnostics) = try NotesFolder(notes).read()
        let text = { (path: String) in try #require(files.first { $0.path == path }).text }

        let invalid = try text("encoding/invalid-utf8.md")
        #expect(invalid.unicodeScalars.filter { $0 == "\u{FFFD}" }.count == 2)
        #expect(invalid.contains("The byte \u{FFFD} is not UTF-8."))
        let bad = diagnostics.filter { $0.file == "encoding/invalid-utf8.md" }
        #expect(bad.map(\.description) == ["encoding/invalid-utf8.md:5:10: warning: invalid UTF-8 (2 bad byte sequences); replaced with U+FFFD"])

        let nul = try text("encoding/nul-bytes.md")
        #expect(!nul.contains("\0"))
        #expect(nul.contains("A NUL\u{FFFD} here and\u{FFFD} there"))
        #expect(nul.contains("tail-marker-after-nul"))  // nothing after a NUL is lost
        #expect(diagnostics.filter { $0.file == "encoding/nul-bytes.md" }.map(\.description) == ["encoding/nul-bytes.md:5:6: warning: NUL bytes (2) replaced with U+FFFD"])

        // Only those two files have reading problems; the BOM and CRLF files read cleanly (the parser normalises them).
        #expect(Set(diagnostics.map(\.file)) == ["encoding/invalid-utf8.md", "encoding/nul-bytes.md"])
    }

    @Test func bomAndCRLFNotesKeepTheirFrontMatterAndLinks() throws {
        let (tmp, notes) = try Self.copy()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let (_, _, site) = try Self.build(notes)
        let graph = site.corpus.graph
        let byPath = Dictionary(uniqueKeysWithValues: graph.nodes.filter { $0.kind != .claim && $0.kind != .concept }.map { ($0.path, $0) })
        let bom = try #require(byPath["encoding/bom.md"])
        #expect(bom.title == "Does a BOM hide the front matter?")
        #expect(site.corpus.graph.documents[bom.id]?.frontMatter.tags == ["encoding"])
        let crlf = try #require(byPath["encoding/crlf.md"])
        #expect(crlf.title == "Do CRLF line ends break front matter?")
        #expect(!crlf.title.contains("\r"))
        #expect(site.corpus.graph.documents[crlf.id]?.frontMatter.tags == ["encoding"])
        for source in [crlf, try #require(byPath["encoding/invalid-utf8.md"])] {
            #expect(graph.outgoing(source.id, kind: .cites).map(\.target) == [bom.id], "\(source.path) should cite the BOM note")
        }
        #expect(try #require(byPath["encoding/nul-bytes.md"]).title == "Do NUL bytes cut a note short?")
    }

    @Test func hostileTitlesGiveSafeUniqueStableFileNames() throws {
        let (tmp, notes) = try Self.copy()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let (files, _, site) = try Self.build(notes)
        let paths = site.files.map(\.path)
        #expect(Set(paths).count == paths.count)
        for path in paths {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            #expect(parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." && $0.utf8.count <= 100 }, "unsafe or long name: \(path)")
            #expect(!path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }, "control character in \(path.debugDescription)")
        }

        let graph = site.corpus.graph
        let pages = Dictionary(uniqueKeysWithValues: graph.nodes.filter { $0.kind == .note }.map { ($0.path, $0.url) })
        let notesInCorpus = files.map(\.path)
        #expect(Set(notesInCorpus.map { pages[$0] }).count == notesInCorpus.count)  // one distinct page per note file
        for url in pages.values { #expect(paths.contains(url), "\(url) was not rendered") }

        #expect(pages["titles/dot-dot-slash.md"] == "note/tmp-escape.html")  // `slug: ../../../tmp/escape`
        #expect(pages["titles/control-chars.md"]?.hasPrefix("note/bell") == true)
        #expect(pages["titles/duplicate-a.md"] == "note/is-one-title-allowed-twice.html")
        #expect(pages["titles/duplicate-b.md"] == "note/is-one-title-allowed-twice-2.html")
        #expect(pages["titles/slug-twin-exclaim.md"] == "note/what-limits-context-length.html")
        #expect(pages["titles/slug-twin-question.md"] == "note/what-limits-context-length-2.html")
        #expect(pages["titles/case-lower.md"] == "note/case-twins-matter.html")
        #expect(pages["titles/case-upper.md"] == "note/case-twins-matter-2.html")
        // NFC and NFD spell one title: the same slug, so the second by path gets -2.
        let nfc = try #require(pages["titles/nfc.md"]), nfd = try #require(pages["titles/nfd.md"])
        #expect(nfd == nfc.replacingOccurrences(of: ".html", with: "-2.html"))
        #expect(nfc.precomposedStringWithCanonicalMapping == nfc)
        // 1,000-character titles: names under the cap in bytes (4-byte letters included), distinct, -2 for the twin.
        for long in ["titles/long-latin-a.md", "titles/long-latin-b.md", "titles/long-cjk.md", "titles/long-gothic.md"] {
            let name = try #require(pages[long]).split(separator: "/").last!
            #expect(name.utf8.count <= 80 + "-2.html".utf8.count, "\(long): \(name.utf8.count) bytes")
        }
        #expect(pages["titles/long-latin-b.md"] == pages["titles/long-latin-a.md"]!.replacingOccurrences(of: ".html", with: "-2.html"))

        // Every clash is reported, naming both files.
        let messages = site.corpus.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix("titles/duplicate-b.md:") && $0.contains("same title: titles/duplicate-a.md") })
        #expect(messages.contains { $0.hasPrefix("titles/nfd.md:") && $0.contains("same title: titles/nfc.md") })
        #expect(messages.contains { $0.hasPrefix("titles/slug-twin-question.md:") && $0.contains("already used by titles/slug-twin-exclaim.md") })
        #expect(messages.contains { $0.hasPrefix("titles/case-upper.md:") && $0.contains("already used by titles/case-lower.md") })
        #expect(messages.contains { $0.hasPrefix("titles/long-latin-b.md:") && $0.contains("already used by titles/long-latin-a.md") })

        // Same input, same names and bytes, whatever the order the files come in.
        let again = try SiteBuild(files: files.reversed(), templates: TemplateFolder.read(Faults.templates))
        #expect(again.files == site.files)

        // Published, nothing lands outside the output folder.
        let out = SiteOutput(tmp.appendingPathComponent("site"))
        try out.publish(site.files.map { ($0.path, $0.bytes) })
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).sorted() == ["notes", "site", "site.staging.lock"])
        #expect(FileManager.default.fileExists(atPath: out.folder.appendingPathComponent("note/tmp-escape.html").path))
        let published = Faults.snapshot(out.folder).filter { !$0.key.hasPrefix(".") && $0.value != "dir" }
        #expect(Set(published.keys) == Set(paths))
    }

    @Test func citationCyclesAndSelfCitationsBuild() throws {
        let (tmp, notes) = try Self.copy()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let (_, _, site) = try Self.build(notes)
        let graph = site.corpus.graph
        let id = { (title: String) in try #require(graph.nodes.first { $0.title == title }).id }
        let a = try id("Cycle A?"), b = try id("Cycle B?"), c = try id("Cycle C?")
        #expect(graph.outgoing(a, kind: .cites).map(\.target) == [b])
        #expect(graph.outgoing(b, kind: .cites).map(\.target) == [c])
        #expect(graph.outgoing(c, kind: .cites).map(\.target) == [a])
        let selfCiting = try id("Does a note that cites itself loop?")
        #expect(graph.outgoing(selfCiting).isEmpty)  // [[its own title]] and (self.md) are not citations
        #expect(!graph.edges.contains { $0.source == $0.target })
        let pageA = try #require(site.files.first { $0.path == graph[a]!.url })
        #expect(String(decoding: pageA.bytes, as: UTF8.self).contains("Cycle C?"))  // the backlink closing the cycle
        let json = try #require(site.files.first { $0.path == "graph.json" })
        let edges = try #require((try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any])?["edges"] as? [[String: Any]])
        #expect(!edges.contains { ($0["source"] as? String) == ($0["target"] as? String) })
    }

    @Test func linksFIFOsAndFoldersNamedLikeNotesAreNeverFollowedOrOpened() throws {
        let (tmp, notes) = try Self.copy()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let fm = FileManager.default
        let outside = tmp.appendingPathComponent("outside")
        try fm.createDirectory(at: outside.appendingPathComponent("folder"), withIntermediateDirectories: true)
        let secret = "---\ntitle: \"Secret outside note\"\n---\n\nSECRET-OUTSIDE-MARKER\n"
        try Data(secret.utf8).write(to: outside.appendingPathComponent("secret.md"))
        try Data(secret.utf8).write(to: outside.appendingPathComponent("folder/inner.md"))
        try fm.createSymbolicLink(atPath: notes.appendingPathComponent("relative-leak.md").path, withDestinationPath: "../outside/secret.md")
        try fm.createSymbolicLink(atPath: notes.appendingPathComponent("absolute-leak.md").path, withDestinationPath: outside.appendingPathComponent("secret.md").path)
        try fm.createSymbolicLink(atPath: notes.appendingPathComponent("leaked-folder").path, withDestinationPath: outside.appendingPathComponent("folder").path)
        try fm.createSymbolicLink(atPath: notes.appendingPathComponent("dangling.md").path, withDestinationPath: tmp.appendingPathComponent("nowhere.md").path)
        try fm.createSymbolicLink(atPath: notes.appendingPathComponent("inside-link.md").path, withDestinationPath: "titles/case-upper.md")
        #expect(mkfifo(notes.appendingPathComponent("fifo.md").path, 0o644) == 0)
        try fm.createDirectory(at: notes.appendingPathComponent("folder.md"), withIntermediateDirectories: true)
        try Data("# A note inside a folder named like a note\n".utf8).write(to: notes.appendingPathComponent("folder.md/inner-note.md"))
        // File names: one not valid UTF-8, one with a line break, and two that differ only in Unicode normalization.
        let oddNames: [[UInt8]] = [Array("odd-".utf8) + [0xFF] + Array("-name.md".utf8), Array("line\nbreak.md".utf8),
                                   Array("caf\u{E9}.md".utf8), Array("cafe\u{301}.md".utf8)]
        for (i, name) in oddNames.enumerated() {
            let fd = (Array(notes.path.utf8) + [UInt8(ascii: "/")] + name + [0]).withUnsafeBufferPointer {
                open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT | O_EXCL, 0o644)
            }
            #expect(fd >= 0)
            let text = Array("# Odd file name \(i)?\n".utf8)
            #expect(write(fd, text, text.count) == text.count)
            close(fd)
        }

        // Opening the FIFO would block until a writer came: read on another thread, with a deadline.
        final class Box: @unchecked Sendable { var result: Result<(files: [SourceFile], diagnostics: [Diagnostic]), Error>? }
        let box = Box(), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread { box.result = Result { try NotesFolder(notes).read() }; done.signal() }
        guard done.wait(timeout: .now() + 30) == .success, let result = box.result else {
            Issue.record("reading the notes folder did not finish in 30 s (a FIFO opened?)")
            return
        }
        let (files, diagnostics) = try result.get()
        #expect(!files.contains { $0.text.contains("SECRET-OUTSIDE-MARKER") })
        #expect(files.contains { $0.path == "folder.md/inner-note.md" })
        #expect(!files.contains { ["relative-leak.md", "absolute-leak.md", "dangling.md", "inside-link.md", "fifo.md", "folder.md"].contains($0.path) || $0.path.hasPrefix("leaked-folder") })
        let warned = Dictionary(grouping: diagnostics.filter { $0.severity == .warning }, by: \.file).mapValues { $0.map(\.message) }
        for link in ["relative-leak.md", "absolute-leak.md", "leaked-folder", "dangling.md", "inside-link.md"] {
            #expect(warned[link]?.contains { $0.contains("symbolic link") } == true, "\(link): \(warned[link] ?? [])")
        }
        #expect(warned["fifo.md"]?.contains { $0.contains("not a regular file") } == true)

        #expect(Set(files.map(\.path)).count == files.count, "two notes read under one path: \(files.map(\.path).sorted())")
        #expect(warned["odd-%FF-name.md"]?.contains { $0.contains("not valid UTF-8") } == true, "\(warned.keys.sorted())")
        #expect(warned["line%0Abreak.md"]?.contains { $0.contains("control characters") } == true, "\(warned.keys.sorted())")
        #expect(warned["caf%C3%A9.md"]?.contains { $0.contains("only in Unicode normalization") && $0.contains("caf\u{E9}.md") } == true, "\(warned.keys.sorted())")
        let site = try SiteBuild(files: files, templates: TemplateFolder.read(Faults.templates))
        #expect(!site.files.contains { String(decoding: $0.bytes, as: UTF8.self).contains("SECRET-OUTSIDE-MARKER") })
        for i in 0..<4 {
            #expect(site.corpus.graph.nodes.contains { $0.title == "Odd file name \(i)?" }, "odd file name \(i) not published")
        }
        #expect(try String(contentsOf: outside.appendingPathComponent("secret.md"), encoding: .utf8) == secret)  // untouched
    }

    @Test func importNeverWritesThroughALinkInTheNotesFolder() throws {
        let tmp = try Faults.temporary("import-links")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let fm = FileManager.default
        let notes = tmp.appendingPathComponent("notes"), outside = tmp.appendingPathComponent("outside")
        for kind in ["inquiry", "note", "hub", "paper"] {
            try fm.createDirectory(at: outside.appendingPathComponent(kind), withIntermediateDirectories: true)
            try fm.createDirectory(at: notes, withIntermediateDirectories: true)
            try fm.createSymbolicLink(at: notes.appendingPathComponent(kind), withDestinationURL: outside.appendingPathComponent(kind))
        }
        let report = try ImportWriter(notesFolder: notes).run(try ImportWriter.readExports([Fixtures.url("import-shapes").path]), force: false)
        #expect(report.created.isEmpty)
        #expect(report.diagnostics.contains { $0.severity == .error && $0.message.contains("is a symbolic link") })
        for kind in ["inquiry", "note", "hub", "paper"] {
            #expect(try fm.contentsOfDirectory(atPath: outside.appendingPathComponent(kind).path).isEmpty, "\(kind): written through the link")
        }
    }

    /// Root reads a file whatever its mode, so as root the unreadable cases run the real binary as `nobody`.
    @Test(.enabled(if: getuid() != 0 || (Faults.asNobody != nil && Faults.executable != nil), "needs a non-root user, or setpriv and the built notegraph"))
    func unreadableFilesAndFoldersAreReportedAndTheRestBuilds() throws {
        let tmp = try Faults.temporary("unreadable")
        defer {
            chmod(tmp.appendingPathComponent("notes/locked-folder").path, 0o755)
            try? FileManager.default.removeItem(at: tmp)
        }
        let notes = tmp.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes.appendingPathComponent("locked-folder"), withIntermediateDirectories: true)
        try Data("# Readable note?\n\nThis one builds.\n".utf8).write(to: notes.appendingPathComponent("readable.md"))
        try Data("# Locked note?\n".utf8).write(to: notes.appendingPathComponent("locked.md"))
        try Data("# Hidden behind a locked folder?\n".utf8).write(to: notes.appendingPathComponent("locked-folder/inner.md"))
        chmod(notes.appendingPathComponent("locked.md").path, 0)
        chmod(notes.appendingPathComponent("locked-folder").path, 0)
        let expected = [
            "locked-folder:1:1: error: cannot read this folder (Permission denied); its notes are left out of the build",
            "locked.md:1:1: error: cannot read this file (Permission denied); it is left out of the build",
        ]
        if getuid() != 0 {
            let (files, diagnostics) = try NotesFolder(notes).read()
            #expect(files.map(\.path) == ["readable.md"])
            #expect(diagnostics.map(\.description) == expected)
            return
        }
        chmod(tmp.path, 0o777)  // so that `nobody` can create the site beside the notes
        let outcome = try Faults.run(["build", "--notes", "notes", "--out", "site", "--templates", Faults.templates.path], in: tmp, prefix: Faults.asNobody!)
        #expect(outcome.status == 1, "\(outcome.stderr)")  // errors in notes: exit 1, the healthy notes still published
        for line in expected { #expect(outcome.stderr.contains("notes/" + line), "\(outcome.stderr)") }
        #expect(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("site/note/readable-note.html").path))
        #expect(outcome.stdout.contains("from 1 notes"))
    }

    @Test(.enabled(if: Faults.executable != nil, "needs the built notegraph executable"))
    func theBinaryPrintsEveryFaultAsFileLineColumn() throws {
        let (tmp, _) = try Self.copy()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let outcome = try Faults.run(["build", "--notes", "notes", "--out", "site", "--templates", Faults.templates.path], in: tmp)
        #expect(outcome.status == 0, "\(outcome.stderr)")  // every fault here is a warning
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("notes/encoding/invalid-utf8.md:5:10: warning: invalid UTF-8 (2 bad byte sequences); replaced with U+FFFD"))
        #expect(lines.contains("notes/encoding/nul-bytes.md:5:6: warning: NUL bytes (2) replaced with U+FFFD"))
        #expect(lines.contains { $0.hasPrefix("notes/titles/duplicate-b.md:2:8: warning: another note has the same title: titles/duplicate-a.md") })
        #expect(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("site/note/is-one-title-allowed-twice-2.html").path))
    }
}
