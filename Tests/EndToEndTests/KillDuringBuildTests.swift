import Foundation
import Testing
import TestSupport
import Workspace

#if canImport(Glibc)
import Glibc
#endif

/// The real `notegraph` binary, killed, raced and fed notes that change under it.
@Suite("Atomic publish: kill -9, the lock, notes changing during a build", .enabled(if: Faults.executable != nil, "needs the built notegraph executable"))
struct KillDuringBuildTests {
    /// Two corpora and the sites a complete build makes of each, built into their own folders for reference.
    struct Versions {
        let tmp: URL
        let snapshots: [String: [String: String]]
        /// Wall time of one complete build.
        let duration: Double

        init(count: Int) throws {
            tmp = try Faults.temporary("kill")
            var snapshots: [String: [String: String]] = [:]
            var longest = 0.0
            for variant in ["alpha", "beta"] {
                try Faults.writeCorpus(tmp.appendingPathComponent("notes-\(variant)"), count: count, variant: variant)
                try Faults.backdate(tmp.appendingPathComponent("notes-\(variant)"))
                let start = Date()
                let outcome = try Faults.run(Self.arguments(variant, out: "ref-\(variant)"), in: tmp)
                longest = max(longest, Date().timeIntervalSince(start))
                guard outcome.status == 0 else { throw Failure(description: "reference build failed: \(outcome.stderr)") }
                snapshots[variant] = Faults.snapshot(tmp.appendingPathComponent("ref-\(variant)"), excluding: Self.unversioned)
            }
            self.snapshots = snapshots
            duration = longest
        }

        static func arguments(_ variant: String, out: String = "site") -> [String] {
            ["build", "--notes", "notes-\(variant)", "--out", out, "--templates", Faults.templates.path]
        }

        /// Which version `folder` holds exactly (`unversioned` aside), or nil for anything else.
        func version(of folder: URL) -> String? {
            let snapshot = Faults.snapshot(folder, excluding: Self.unversioned)
            return snapshots.first { $0.value == snapshot }?.key
        }

        /// Left out of the comparison: the foreign file, and the folder listing, which keeps only the folders that had
        /// not changed for a second when the build began, so two complete builds of one corpus a moment apart may
        /// differ there (it is a cache, checked against each folder's stamp before use, never published); and the
        /// stored graph, which a build over the other version's site makes by updating a copy of that store (its
        /// bytes and positions differ from a cold build's; its rows and answers do not, see StoreUpdateTests); and
        /// graph.json's stamp (its inode and time), which differs for every file written; and the store's write-ahead
        /// log and its index, which a build killed between committing its site and finishing the store leaves beside
        /// it (SQLite reads them with the store; the next build finishes it, see `StoredGraph.finishUpdate`).
        static let unversioned: Set<String> = [
            "CNAME", ".notegraph/listing", ".notegraph/graph.sqlite", ".notegraph/graph.json-stamp",
            ".notegraph/graph.sqlite-wal", ".notegraph/graph.sqlite-shm",
        ]

        func difference(_ folder: URL, _ variant: String) -> String {
            let snapshot = Faults.snapshot(folder, excluding: Self.unversioned), expected = snapshots[variant]!
            let paths = Set(snapshot.keys).union(expected.keys).filter { snapshot[$0] != expected[$0] }.sorted()
            return "\(paths.count) entries differ from \(variant), e.g. \(paths.prefix(5))"
        }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    @Test func killedAtAnyMomentTheOutputIsThePreviousSiteOrTheNewOne() throws {
        let versions = try Versions(count: 100)
        defer { try? FileManager.default.removeItem(at: versions.tmp) }
        #expect(versions.snapshots["alpha"] != versions.snapshots["beta"])
        let site = versions.tmp.appendingPathComponent("site")
        let first = try Faults.run(Versions.arguments("alpha"), in: versions.tmp)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(versions.version(of: site) == "alpha")
        let cname = Array("example.org\n".utf8)
        try Data(cname).write(to: site.appendingPathComponent("CNAME"))  // not notegraph's: must survive every kill

        // Kill points: at fixed delays over the whole build, denser near its end, a few after it; and, since
        // committing takes a few milliseconds of a build, at 0–4 ms after the build starts committing (seen as its
        // staging folder getting the state folder: then come the foreign files and the manifest) and 0–2 ms after
        // it writes the manifest (then come the swap and the removal of the old site).
        enum KillPoint { case after(Double), intoCommit(Double), afterManifest(Double) }
        let d = versions.duration
        var points = (0..<16).map { KillPoint.after(0.9 * d * Double($0) / 15) }
        points += (0..<6).map { KillPoint.after(d * (0.6 + 0.4 * Double($0) / 5)) }
        points += [0, 0.2, 0.5, 1, 2, 4].map { KillPoint.intoCommit($0 / 1000) }
        points += [0, 0.1, 0.3, 0.6, 1, 2].map { KillPoint.afterManifest($0 / 1000) }
        points += [KillPoint.after(1.5 * d), .after(2 * d)]
        var current = "alpha"
        var tally = (tried: 0, killedMidBuild: 0, previous: 0, new: 0, partial: 0, commitSeen: 0)
        for point in points {
            let target = current == "alpha" ? "beta" : "alpha"
            let started = try Faults.start(Versions.arguments(target), in: versions.tmp)
            let pid = started.0.processIdentifier
            switch point {
            case .after(let seconds):
                usleep(UInt32(seconds * 1_000_000))
            case .intoCommit(let seconds), .afterManifest(let seconds):
                let staging = versions.tmp.appendingPathComponent("site.staging-\(pid)").path
                let placeholder = Int(("notegraph staging folder; not published yet\n" as String).utf8.count)
                let reached: () -> Bool
                if case .intoCommit = point {
                    reached = { FileManager.default.fileExists(atPath: staging + "/" + SiteOutput.stateFolder) }
                } else {
                    reached = {
                        var st = stat()
                        return lstat(staging + "/" + SiteOutput.markerName, &st) == 0 && Int(st.st_size) > placeholder
                    }
                }
                let deadline = Date().addingTimeInterval(10 * d + 5)
                while !reached(), started.0.isRunning, Date() < deadline { usleep(50) }
                if reached() { tally.commitSeen += 1 }
                usleep(UInt32(seconds * 1_000_000))
            }
            kill(pid, SIGKILL)
            let outcome = Faults.finish(started)
            tally.tried += 1
            if outcome.killed { tally.killedMidBuild += 1 } else { #expect(outcome.status == 0, "\(outcome.stderr)") }
            #expect(FileManager.default.contents(atPath: site.appendingPathComponent("CNAME").path).map([UInt8].init) == cname, "CNAME lost after the kill \(point)")
            switch versions.version(of: site) {
            case current?: tally.previous += 1
            case target?:
                tally.new += 1
                current = target
            default:
                tally.partial += 1
                Issue.record("kill at \(point) left a mix: \(versions.difference(site, target))")
            }
            if !outcome.killed { #expect(Faults.leftovers(beside: site).isEmpty, "a completed build left \(Faults.leftovers(beside: site))") }
        }
        // The next build removes whatever the killed ones left and succeeds.
        let target = current == "alpha" ? "beta" : "alpha"
        let last = try Faults.run(Versions.arguments(target), in: versions.tmp)
        #expect(last.status == 0, "\(last.stderr)")
        #expect(versions.version(of: site) == target)
        #expect(Faults.leftovers(beside: site).isEmpty)
        print("kill -9: \(tally.tried) kill points tried (a build takes \(String(format: "%.2f", d)) s; \(tally.commitSeen) of them caught 0–4 ms into the commit), \(tally.killedMidBuild) killed mid-build; left the previous site \(tally.previous)×, the new one \(tally.new)×, a partial site \(tally.partial)×")
        #expect(tally.tried >= 30)
        #expect(tally.commitSeen >= 6)
        #expect(tally.partial == 0)
        #expect(tally.killedMidBuild >= 10)
        #expect(tally.previous > 0 && tally.new > 0)
    }

    @Test func aSecondBuildOnTheSameOutputIsRefusedWhileTheFirstHoldsTheLock() throws {
        let versions = try Versions(count: 60)
        defer { try? FileManager.default.removeItem(at: versions.tmp) }
        let site = versions.tmp.appendingPathComponent("site")
        #expect(try Faults.run(Versions.arguments("alpha"), in: versions.tmp).status == 0)
        do {
            let held = try SiteOutput(site).begin()  // this process is "the first build"
            let second = try Faults.run(Versions.arguments("beta"), in: versions.tmp)
            #expect(second.status == 1)
            #expect(second.stderr.contains("\(site.path): error: another notegraph build is writing this folder (lock held)"), "\(second.stderr)")
            #expect(versions.version(of: site) == "alpha")
            withExtendedLifetime(held) {}
        }  // the publication ends here: its staging folder goes, the lock is released
        // Lock released: the same build goes through.
        #expect(try Faults.run(Versions.arguments("beta"), in: versions.tmp).status == 0)
        #expect(versions.version(of: site) == "beta")

        // Two binaries at once: each finishes or is refused by the lock, and the site is one whole version.
        for _ in 0..<3 {
            let a = try Faults.start(Versions.arguments("alpha"), in: versions.tmp)
            let b = try Faults.start(Versions.arguments("alpha"), in: versions.tmp)
            let outcomes = [Faults.finish(a), Faults.finish(b)]
            #expect(outcomes.contains { $0.status == 0 })
            for o in outcomes where o.status != 0 {
                #expect(o.stderr.contains("another notegraph build is writing this folder (lock held)"), "\(o.stderr)")
            }
            #expect(versions.version(of: site) == "alpha")
            #expect(Faults.leftovers(beside: site).isEmpty)
            #expect(try Faults.run(Versions.arguments("beta"), in: versions.tmp).status == 0)
        }
    }

    @Test func aNoteRewrittenDuringABuildIsRebuiltByTheNextBuild() throws {
        let versions = try Versions(count: 120)
        defer { try? FileManager.default.removeItem(at: versions.tmp) }
        let site = versions.tmp.appendingPathComponent("site")
        let note = versions.tmp.appendingPathComponent("notes-alpha/n5.md")
        let page = site.appendingPathComponent("note/does-method-5-improve-reasoning.html")
        #expect(try Faults.run(Versions.arguments("alpha"), in: versions.tmp).status == 0)
        let original = try String(contentsOf: note, encoding: .utf8)
        var stale = 0
        for (k, fraction) in [0.0, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 1.0].enumerated() {
            // The same size each time: only the modification time (or the racy mark) can tell the versions apart.
            let text = original.replacingOccurrences(of: "Variant alpha.", with: "Rewritten \(String(format: "%03d", k)).")
            #expect(text.utf8.count == original.utf8.count)
            let started = try Faults.start(Versions.arguments("alpha"), in: versions.tmp)
            usleep(UInt32(versions.duration * fraction * 1_000_000))
            try Data(text.utf8).write(to: note)
            let during = Faults.finish(started)
            #expect(during.status == 0 && !during.killed, "\(during.stderr)")
            let pageAfterFirst = (try? String(contentsOf: page, encoding: .utf8)) ?? ""
            if !pageAfterFirst.contains("Rewritten \(String(format: "%03d", k))") { stale += 1 }
            let next = try Faults.run(Versions.arguments("alpha"), in: versions.tmp)
            #expect(next.status == 0, "\(next.stderr)")
            #expect(try String(contentsOf: page, encoding: .utf8).contains("Rewritten \(String(format: "%03d", k))"), "rewrite \(k) at \(fraction) of a build is not in the site after the next build")
        }
        print("notes changing during a build: 8 rewrites, \(stale) landed after the build had read the note; every one was in the site after the next build")
    }
}
