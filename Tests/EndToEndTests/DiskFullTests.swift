import Foundation
import Testing
import TestSupport

/// A site that does not fit: the output on a 1 MB tmpfs (mounting needs root with CAP_SYS_ADMIN; skipped otherwise).
@Suite("Disk full")
struct DiskFullTests {
    @Test(.enabled(if: Faults.canMount && Faults.executable != nil, "needs permission to mount a tmpfs, and the built notegraph"))
    func aSiteThatDoesNotFitFailsNamingThePathAndKeepsThePreviousSite() throws {
        let tmp = try Faults.temporary("disk-full")
        let disk = tmp.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        #expect(Faults.shell(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.path]) == 0)
        defer {
            Faults.shell(["umount", disk.path])
            try? FileManager.default.removeItem(at: tmp)
        }
        // The bundled corpus (about 250 KB of site) fits; 400 synthetic notes (about 6 MB) do not.
        let small = Fixtures.root.appendingPathComponent("notes")
        let big = tmp.appendingPathComponent("big")
        try Faults.writeCorpus(big, count: 400, variant: "big")
        let site = disk.appendingPathComponent("site")
        func build(_ notes: URL, _ extra: [String] = []) throws -> Faults.Outcome {
            try Faults.run(["build", "--notes", notes.path, "--out", site.path, "--templates", Faults.templates.path] + extra, in: tmp)
        }
        let first = try build(small)
        #expect(first.status == 0, "\(first.stderr)")
        let before = Faults.snapshot(site)
        #expect(before.count > 20)

        for attempt in 1...2 {
            let full = try build(big)
            #expect(full.status == 1, "attempt \(attempt): \(full.stdout)")
            #expect(full.stderr.contains("No space left on device"), "\(full.stderr)")
            #expect(full.stderr.contains(disk.path + "/site.staging-"), "the error should name the file: \(full.stderr)")
            #expect(full.stderr.contains("the previous site is unchanged"))
            #expect(Faults.snapshot(site) == before, "attempt \(attempt): the previous site changed")
            #expect(Faults.leftovers(beside: site).isEmpty, "attempt \(attempt): \(Faults.leftovers(beside: site))")
        }
        // The space is back: a site that fits still builds.
        let again = try build(small, ["--force"])
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test(.enabled(if: Faults.canMount && Faults.executable != nil, "needs permission to mount a tmpfs, and the built notegraph"))
    func anOutputThatIsAMountPointFailsCleanly() throws {
        // The swap cannot cross file systems: the build must fail without touching the mount or leaving staging.
        let tmp = try Faults.temporary("mount-point")
        let site = tmp.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        #expect(Faults.shell(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", site.path]) == 0)
        defer {
            Faults.shell(["umount", site.path])
            try? FileManager.default.removeItem(at: tmp)
        }
        let outcome = try Faults.run(["build", "--notes", Fixtures.root.appendingPathComponent("notes").path, "--out", site.path, "--templates", Faults.templates.path], in: tmp)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("cannot swap the new site in"), "\(outcome.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.path).isEmpty)
        #expect(Faults.leftovers(beside: site).isEmpty)
    }
}
