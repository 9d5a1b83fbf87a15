import Foundation

/// The notegraph half of the table: build (cold, no-op, one-note edit), queries and peak RSS.
enum NotegraphMetrics {
    struct Spec {
        let name: String
        let unit: Row.Unit
        let target: Target?
    }

    /// Row names and targets, also used to print "not measured" rows when the binary is missing.
    static func names(size: Int) -> [Spec] {
        [
            Spec(name: "notegraph cold build", unit: .seconds, target: nil),  // judged by the ratios below the table
            Spec(name: "notegraph peak RSS, cold build", unit: .bytes, target: Target(limit: 300e6, display: "≤ 300 MB")),
            Spec(name: "notegraph no-op rebuild", unit: .seconds, target: Target(limit: 0.030, display: "≤ 30 ms")),
            Spec(name: "notegraph rebuild after one-note edit", unit: .seconds, target: Target(limit: 0.050, display: "≤ 50 ms")),
            Spec(name: "notegraph query open", unit: .seconds, target: Target(limit: 0.100, display: "≤ 100 ms")),
            Spec(name: "notegraph query search", unit: .seconds, target: Target(limit: 0.100, display: "≤ 100 ms")),
            Spec(name: "notegraph query neighbors --depth 2", unit: .seconds, target: Target(limit: 0.100, display: "≤ 100 ms")),
            Spec(name: "notegraph system CPU, cold build", unit: .seconds, target: nil),  // part of the cold build's time, not beside it
        ]
    }

    /// Samples taken at least of the metrics that last milliseconds (the no-op build, the queries): they cost well
    /// under a second, and on a shared 2-core machine one scheduling hiccup moves the median of three by several
    /// milliseconds.
    static let millisecondSamples = 10

    /// Runs every notegraph measurement. A failing step yields a "n/a" row with the reason and the
    /// child's stderr is logged once; later steps still run when they can.
    static func measure(_ runner: NotegraphRunner, plan: CorpusPlan, runs: Int, search: String) -> (rows: [Row], cold: Sample?) {
        let specs = names(size: plan.notes.count)
        var samples: [String: Sample] = [:]
        var notes: [String: String] = [:]

        func record(_ spec: Spec, samples count: Int = runs, _ body: (Int) throws -> ChildResult, value: (ChildResult) -> Double = { $0.seconds }) {
            var values: [Double] = []
            for i in 0..<count {
                do {
                    let r = try body(i)
                    guard r.succeeded else {
                        log("\(spec.name): exit \(r.exitStatus)\n\(r.stderrTail)")
                        notes[spec.name] = "exit \(r.exitStatus)"
                        return
                    }
                    values.append(value(r))
                } catch {
                    log("\(spec.name): \(error)")
                    notes[spec.name] = "\(error)"
                    return
                }
            }
            samples[spec.name] = Sample(values)
        }

        // Cold builds (time and peak RSS from the same runs).
        var coldRuns: [ChildResult] = []
        record(specs[0]) { _ in
            let r = try runner.coldBuild()
            coldRuns.append(r)
            return r
        }
        if samples[specs[0].name] != nil {
            let pages = runner.renderedPages()
            if pages < plan.notes.count / 2 {
                // The skeleton `notegraph` exits 0 without doing anything; don't report that as a build time.
                log("notegraph build exited 0 but wrote \(pages) HTML files for \(plan.notes.count) notes; treating the build as not implemented.")
                samples[specs[0].name] = nil
                notes[specs[0].name] = "build wrote \(pages) HTML pages"
            } else {
                if pages < plan.notes.count { log("note: notegraph wrote \(pages) HTML files for \(plan.notes.count) notes") }
                samples[specs[1].name] = Sample(coldRuns.map { Double($0.peakRSSBytes) })
                samples[specs[7].name] = Sample(coldRuns.map(\.systemSeconds))
            }
        }

        if samples[specs[0].name] != nil {
            // No-op: the last cold build left a warm cache; rebuild with nothing changed.
            record(specs[2], samples: max(runs, millisecondSamples)) { _ in try runner.build() }

            // One-note edit: a different note each run, spread over the corpus.
            let editable = plan.editableNoteIndices
            record(specs[3]) { i in
                let note = plan.notes[editable[(i * 7919 + 17) % editable.count]]
                try NotegraphRunner.editBody(of: runner.notes.appendingPathComponent(note.relativePath), run: i)
                return try runner.build()
            }

            // Queries, each after one untimed warm-up so the page cache and any lazily built index are hot.
            let queries: [(Spec, [String])] = [
                (specs[4], ["open"]),
                (specs[5], ["search", search]),
                (specs[6], ["neighbors", plan.mostLinkedTitle, "--depth", "2"]),
            ]
            for (spec, args) in queries {
                _ = try? runner.query(args)
                record(spec, samples: max(runs, millisecondSamples)) { _ in try runner.query(args) }
            }
        } else {
            for spec in specs.dropFirst() where notes[spec.name] == nil { notes[spec.name] = "no successful cold build" }
        }

        let rows = specs.map { spec in
            Row(metric: spec.name, unit: spec.unit, sample: samples[spec.name], target: spec.target,
                note: notes[spec.name])
        }
        return (rows, samples[specs[0].name])
    }
}
