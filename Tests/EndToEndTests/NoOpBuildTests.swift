import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `notegraph build` on unchanged inputs stops after comparing the input signature, and still notices every change:
/// through the real executable, with the folder listing of the last build in use.
@Suite struct NoOpBuildTests {
    @Test(.enabled(if: Faults.executable != nil, "needs the built notegraph executable"))
    func aNoOpBuildRepeatsTheDiagnosticsAndAnyChangeRebuilds() throws {
        let tmp = try Faults.temporary("noop")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let notes = tmp.appendingPathComponent("notes"), templates = tmp.appendingPathComponent("templates")
        let site = tmp.appendingPathComponent("site")
        try Faults.writeCorpus(notes.appendingPathComponent("sub"), count: 30, variant: "alpha")
        try Data("# Loose\n\nSee [[Nowhere at all]].\n".utf8).write(to: notes.appendingPathComponent("loose.md"))
        try FileManager.default.copyItem(at: Faults.templates, to: templates)
        try Faults.backdate(tmp, seconds: 60)
        // Folders changed within the last second are listed again by every walk; let them settle so that the no-op
        // builds below take their names from the stored listing.
        usleep(1_100_000)
        let arguments = ["build", "--notes", notes.path, "--out", site.path, "--templates", templates.path]
        func build(_ extra: [String] = []) throws -> Faults.Outcome { try Faults.run(arguments + extra, in: tmp) }
        let first = try build()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("built "))
        #expect(first.stderr.contains("unresolved link to 'Nowhere at all'"))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(".notegraph/listing").path))

        let noop = try build()
        #expect(noop.status == 0)
        #expect(noop.stdout.contains("is up to date"), "\(noop.stdout)")
        #expect(noop.stderr == first.stderr)

        let note = notes.appendingPathComponent("sub/n3.md")
        let original = try String(contentsOf: note, encoding: .utf8)
        let changes: [(String, [String], () throws -> Void)] = [
            ("a note rewritten in place, same size", [], {
                try Data(original.replacingOccurrences(of: "Variant alpha.", with: "Variant omega.").utf8).write(to: note)
                try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -50)], ofItemAtPath: note.path)
            }),
            ("a note only touched", [], { try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -40)], ofItemAtPath: note.path) }),
            ("a note added", [], {
                let added = notes.appendingPathComponent("sub/added.md")
                try Data("# Added\n".utf8).write(to: added)
                try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -40)], ofItemAtPath: added.path)
            }),
            ("a note removed", [], { try FileManager.default.removeItem(at: notes.appendingPathComponent("loose.md")) }),
            ("a template edited", [], {
                let template = try #require(FileManager.default.enumerator(atPath: templates.path)?.compactMap { $0 as? String }.first { $0.hasSuffix(".mustache") })
                let path = templates.appendingPathComponent(template).path
                try Data((try String(contentsOfFile: path, encoding: .utf8) + "\n").utf8).write(to: URL(fileURLWithPath: path))
                try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -40)], ofItemAtPath: path)
            }),
            ("the title option changed", ["--title", "Other"], {}),
        ]
        for (change, options, apply) in changes {
            try apply()
            let rebuilt = try build(options)
            #expect(rebuilt.status == 0, "\(change): \(rebuilt.stderr)")
            #expect(rebuilt.stdout.hasPrefix("built "), "\(change) did not rebuild: \(rebuilt.stdout)")
            let after = try build(options)
            #expect(after.stdout.contains("is up to date"), "\(change), then nothing: \(after.stdout)")
        }
        #expect(try String(contentsOf: site.appendingPathComponent("note/does-method-3-improve-reasoning.html"), encoding: .utf8).contains("Variant omega."))

        // Another notegraph executable (a copy: another inode) rebuilds too.
        let copy = tmp.appendingPathComponent("notegraph-copy")
        try FileManager.default.copyItem(at: try #require(Faults.executable), to: copy)
        let process = Process()
        process.executableURL = copy
        process.arguments = arguments + ["--title", "Other"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(printed.hasPrefix("built "), "\(printed)")
    }

    @Test(.enabled(if: Faults.executable != nil, "needs the built notegraph executable"))
    func aDamagedFolderListingDoesNotOutliveTheNextRebuild() throws {
        // The listing is trusted while its folders' stamps hold; one edited by hand (a note's name changed in it)
        // must not hide that note from every later signature.
        let tmp = try Faults.temporary("noop-listing")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let notes = tmp.appendingPathComponent("notes"), site = tmp.appendingPathComponent("site")
        try Faults.writeCorpus(notes, count: 20, variant: "alpha")
        try Faults.backdate(tmp, seconds: 60)
        usleep(1_100_000)
        let arguments = ["build", "--notes", notes.path, "--out", site.path, "--templates", Faults.templates.path]
        #expect(try Faults.run(arguments, in: tmp).stdout.hasPrefix("built "))
        let listing = site.appendingPathComponent(".notegraph/listing")
        let stored = try String(decoding: Data(contentsOf: listing), as: UTF8.self)
        #expect(stored.contains("fn3.md\0"))
        try Data(stored.replacingOccurrences(of: "fn3.md\0", with: "fx3.md\0").utf8).write(to: listing)

        let rebuilt = try Faults.run(arguments, in: tmp)
        #expect(rebuilt.stdout.hasPrefix("built "), "\(rebuilt.stdout)")
        let relisted = try String(decoding: Data(contentsOf: listing), as: UTF8.self)
        #expect(relisted.contains("fn3.md\0") && !relisted.contains("fx3.md\0"))
        #expect(try Faults.run(arguments, in: tmp).stdout.contains("is up to date"))

        let note = notes.appendingPathComponent("n3.md")
        try Data((try String(contentsOf: note, encoding: .utf8)).replacingOccurrences(of: "Variant alpha.", with: "Variant omega.").utf8).write(to: note)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -50)], ofItemAtPath: note.path)
        #expect(try Faults.run(arguments, in: tmp).stdout.hasPrefix("built "))
    }
}
