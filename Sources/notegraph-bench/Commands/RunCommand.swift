import ArgumentParser
import Foundation

/// `notegraph-bench run [--notes 10000] [--also 100000] [--runs 5] [--tmp /dev/shm/notegraph-bench] [--quick]`
///
/// Generates the corpus on tmpfs (so disk speed is out of the picture for every contender), then
/// measures notegraph, Hugo and raw libcmark-gfm side by side and prints one Markdown table.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Benchmark notegraph against Hugo and raw libcmark-gfm on a synthetic corpus."
    )

    @Option(help: "Corpus size for the main comparison.") var notes: Int = 10_000
    @Option(help: "Also time a notegraph cold build at this size (e.g. 100000) and report the ratio.") var also: Int?
    @Option(help: "Repetitions per metric (median, min and max are reported).") var runs: Int = 5
    @Option(help: "Repetitions for the --also size (default: min(runs, 3); each is a full cold build).") var alsoRuns: Int?
    @Option(help: "Scratch directory; should be tmpfs.") var tmp: String = "/dev/shm/notegraph-bench"
    @Option(help: "Corpus seed.") var seed: UInt64 = 42
    @Option(help: "Path to the notegraph binary (default: next to this executable).") var notegraph: String?
    @Option(help: "Path to hugo (default: from PATH).") var hugo: String?
    @Option(help: "Templates folder passed to `notegraph build --templates` (default: ./templates if it exists, since children run in a scratch directory).") var templates: String?
    @Option(help: "Text for the `query search` benchmark.") var search: String = "reward hacking"
    @Option(help: "Also write results as JSON to this file.") var json: String?
    @Flag(help: "Smoke run: 1,000 notes, 3 runs, no --also.") var quick = false
    @Flag(help: "Keep the scratch directory afterwards (and the smaller size's scratch through the larger size's builds).") var keep = false

    func validate() throws {
        guard notes >= 20 else { throw ValidationError("--notes must be at least 20") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        var size = notes, repetitions = runs, alsoSize = also
        if quick { size = 1_000; repetitions = 3; alsoSize = nil }
        let scratch = URL(fileURLWithPath: tmp)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        if !isTmpfs(scratch.path) {
            log("warning: \(scratch.path) is not on tmpfs; file-system speed will leak into the numbers")
        }
        defer {
            // Remove only what this run created (never the --tmp folder's other contents).
            if !keep {
                let fm = FileManager.default
                for n in [size] + (alsoSize.map { [$0] } ?? []) {
                    try? fm.removeItem(at: scratch.appendingPathComponent("n\(n)"))
                }
                if (try? fm.contentsOfDirectory(atPath: scratch.path))?.isEmpty == true { try? fm.removeItem(at: scratch) }
            }
        }
        if let load = loadAverage(), load > 0.5 {
            log(String(format: "warning: 1-minute load average is %.2f; other processes will inflate and spread the timings", load))
        }

        var rows: [Row] = []
        var context: [String: String] = [
            "notes": String(size), "runs": String(repetitions), "seed": String(seed),
            "cores": String(ProcessInfo.processInfo.activeProcessorCount),
            "loadAverage": loadAverage().map { String($0) } ?? "?",
        ]

        // 1. Corpus, both spellings, from the same plan.
        let base = scratch.appendingPathComponent("n\(size)")
        let notesDir = base.appendingPathComponent("notes")
        let hugoSite = base.appendingPathComponent("hugo-site")
        let generator = CorpusGenerator(count: size, seed: seed)
        let (summary, genSeconds) = try timed { try generator.write(to: notesDir, style: .wiki) }
        try generator.write(to: hugoSite, style: .markdown)
        log(String(format: "corpus: %d notes, %.1f MB (avg %d B/note) in %.2f s → %@", summary.files,
                   Double(summary.bytes) / 1e6, summary.bytes / summary.files, genSeconds, base.path))
        context["corpusBytes"] = String(summary.bytes)

        // 2. Raw libcmark-gfm, in-process. One untimed pass first so both thread counts see the same warm state.
        let files = RawCmarkBaseline.markdownFiles(under: notesDir)
        let check = RawCmarkBaseline.run(paths: files, threads: 2)
        log("raw cmark: \(check.files) files, \(check.inputBytes / 1000) KB in → \(check.htmlBytes / 1000) KB HTML")
        let serial = RawCmarkBaseline.run(paths: files, threads: 1)
        if serial.htmlBytes != check.htmlBytes {
            // Seen with Debian's libcmark-gfm 0.29.0.gfm.6 before the inline phase was serialised: parsers
            // on different threads share the inline special-character table, so one parser finishing
            // could drop `~` (strikethrough) from another's input.
            log("warning: raw cmark HTML differs between 1 thread (\(serial.htmlBytes) B) and 2 threads (\(check.htmlBytes) B): parses on two threads disagree")
            context["cmarkThreadRace"] = "true"
        }
        let cmark2 = Sample((0..<repetitions).map { _ in timed { RawCmarkBaseline.run(paths: files, threads: 2) }.seconds })
        let cmark1 = Sample((0..<repetitions).map { _ in timed { RawCmarkBaseline.run(paths: files, threads: 1) }.seconds })
        rows.append(Row(metric: "raw cmark-gfm read+parse+render, 2 threads", unit: .seconds, sample: cmark2))
        rows.append(Row(metric: "raw cmark-gfm read+parse+render, 1 thread", unit: .seconds, sample: cmark1))

        // 3. Hugo, cold.
        var hugoCold: Sample?
        if let hugoPath = HugoBaseline.locate(hugo) {
            let baseline = HugoBaseline(hugo: hugoPath, site: hugoSite, scratch: base.appendingPathComponent("hugo-run"))
            context["hugo"] = versionLine(hugoPath, ["version"])
            var times: [Double] = [], rss: [Double] = []
            var failure: String?
            for i in 0..<repetitions {
                let r = try baseline.coldBuild()
                guard r.succeeded else { failure = "hugo exited \(r.exitStatus): \(r.stderrTail)"; break }
                if i == 0 { log("hugo: \(baseline.renderedPages()) pages written") }
                times.append(r.seconds); rss.append(Double(r.peakRSSBytes))
            }
            if let failure {
                log(failure)
                rows.append(Row(metric: "Hugo cold build", unit: .seconds, sample: nil, note: "hugo failed"))
            } else {
                hugoCold = Sample(times)
                rows.append(Row(metric: "Hugo cold build", unit: .seconds, sample: hugoCold))
                rows.append(Row(metric: "Hugo peak RSS", unit: .bytes, sample: Sample(rss)))
            }
        } else {
            log(HugoBaseline.installHint)
            rows.append(Row(metric: "Hugo cold build", unit: .seconds, sample: nil, note: "hugo not installed"))
        }

        // 4. notegraph.
        var ngCold: Sample?
        var alsoCold: Sample?
        let ngMetrics = NotegraphMetrics.names(size: size)
        if let binary = NotegraphRunner.locate(notegraph) {
            context["notegraph"] = binary
            var runner = NotegraphRunner(binary: binary, notes: notesDir, workspace: base.appendingPathComponent("notegraph-run"))
            runner.buildArguments = templateArguments()
            let result = NotegraphMetrics.measure(runner, plan: generator.plan, runs: repetitions, search: search)
            rows += result.rows
            ngCold = result.cold

            if let alsoSize, result.cold != nil {
                // The smaller size's scratch (both corpora, Hugo's and notegraph's output: about 1 GB at 10,000 notes)
                // goes first, so each size builds beside nothing of the other's. On this VM a page the guest touches
                // costs far more once several GB are in use (dd of 3 GB into tmpfs: 1.2 s alone, 17.8 s beside another
                // 3 GB), so leftovers would be charged to the larger build.
                if !keep { try? FileManager.default.removeItem(at: base) }
                alsoCold = try measureAlso(size: alsoSize, binary: binary, scratch: scratch, rows: &rows,
                                           runs: alsoRuns ?? min(repetitions, 3))
            }
        } else {
            log("notegraph binary not found next to \(CommandLine.arguments[0]); build it (`swift build -c release`) or pass --notegraph PATH. Skipping notegraph rows.")
            rows += ngMetrics.map { Row(metric: $0.name, unit: $0.unit, sample: nil, target: $0.target, note: "notegraph binary not found") }
        }

        // 5. Ratios of medians.
        let ratios = [
            Ratio(name: "notegraph cold / Hugo cold", value: ratio(ngCold, hugoCold), target: 0.33,
                  why: hugoCold == nil ? "no Hugo number" : "no notegraph number"),
            Ratio(name: "notegraph cold / raw cmark (2 threads)", value: ratio(ngCold, cmark2), target: 3,
                  why: "no notegraph number"),
        ] + (alsoSize.map { n in
            [Ratio(name: "notegraph cold \(n.formatted()) / \(size.formatted())", value: ratio(alsoCold, ngCold),
                   target: Double(n) / Double(size) * 1.2, why: "no notegraph number")]
        } ?? [])

        let table = Report.markdown(rows: rows, ratios: ratios)
        print("\n### notegraph-bench — \(size.formatted()) notes, \(repetitions) runs (no-op and queries \(max(repetitions, NotegraphMetrics.millisecondSamples))), \(ProcessInfo.processInfo.activeProcessorCount) cores\n")
        print(table)
        if let json {
            try Report.json(rows: rows, ratios: ratios, context: context).write(to: URL(fileURLWithPath: json))
            log("wrote \(json)")
        }
    }

    /// Cold builds at the larger size; adds its rows and returns the cold-build sample.
    private func measureAlso(size: Int, binary: String, scratch: URL, rows: inout [Row], runs: Int) throws -> Sample? {
        let base = scratch.appendingPathComponent("n\(size)")
        let notesDir = base.appendingPathComponent("notes")
        let (summary, seconds) = try timed { try CorpusGenerator(count: size, seed: seed).write(to: notesDir, style: .wiki) }
        log(String(format: "corpus: %d notes, %.1f MB in %.2f s", summary.files, Double(summary.bytes) / 1e6, seconds))
        var runner = NotegraphRunner(binary: binary, notes: notesDir, workspace: base.appendingPathComponent("notegraph-run"))
        runner.buildArguments = templateArguments()
        var times: [Double] = [], rss: [Double] = [], system: [Double] = []
        for _ in 0..<max(1, runs) {
            let r = try runner.coldBuild()
            guard r.succeeded else {
                log("notegraph build at \(size) exited \(r.exitStatus): \(r.stderrTail)")
                rows.append(Row(metric: "notegraph cold build, \(size.formatted()) notes", unit: .seconds, sample: nil, note: "build failed"))
                return nil
            }
            times.append(r.seconds); rss.append(Double(r.peakRSSBytes)); system.append(r.systemSeconds)
        }
        try? FileManager.default.removeItem(at: base)  // 100k corpora are big even on a 24 GB tmpfs
        let cold = Sample(times)
        rows.append(Row(metric: "notegraph cold build, \(size.formatted()) notes", unit: .seconds, sample: cold))
        rows.append(Row(metric: "notegraph peak RSS, cold build, \(size.formatted()) notes", unit: .bytes, sample: Sample(rss)))
        rows.append(Row(metric: "notegraph system CPU, cold build, \(size.formatted()) notes", unit: .seconds, sample: Sample(system)))
        return cold
    }

    /// `--templates <absolute path>` when one is given or `./templates` exists (notegraph's default is
    /// cwd-relative, and its children run in a scratch directory); nothing otherwise (the contract).
    private func templateArguments() -> [String] {
        let candidate = templates ?? "templates"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue else {
            if templates != nil { log("warning: --templates \(candidate) is not a folder; not passing it") }
            return []
        }
        return ["--templates", URL(fileURLWithPath: candidate).standardizedFileURL.path]
    }

    private func ratio(_ a: Sample?, _ b: Sample?) -> Double? {
        guard let a, let b, b.median > 0 else { return nil }
        return a.median / b.median
    }
}

/// Progress goes to stderr so stdout is just the table (easy to paste or redirect).
func log(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// True when `path` lives on a tmpfs mount (Linux: looked up in /proc/mounts).
func isTmpfs(_ path: String) -> Bool {
    guard let mounts = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8) else { return false }
    var best = (length: -1, type: "")
    for line in mounts.split(separator: "\n") {
        let fields = line.split(separator: " ")
        guard fields.count >= 3 else { continue }
        let mountPoint = String(fields[1])
        let prefix = mountPoint.hasSuffix("/") ? mountPoint : mountPoint + "/"
        if (path == mountPoint || path.hasPrefix(prefix)) && mountPoint.count > best.length {
            best = (mountPoint.count, String(fields[2]))
        }
    }
    return best.type == "tmpfs"
}

/// The 1-minute load average (Linux), to flag runs on a busy machine.
func loadAverage() -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
    return text.split(separator: " ").first.flatMap { Double($0) }
}

/// First line of `tool args` output, for the context block (e.g. the Hugo version).
func versionLine(_ tool: String, _ args: [String]) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = args
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return "?" }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "?"
}
