import Foundation

/// Drives the `notegraph` executable through its CLI contract:
/// `notegraph build --notes DIR --out DIR` and `notegraph query open|search|neighbors … --notes DIR`.
///
/// The bench never links notegraph's modules; it treats the binary as a black box, so the numbers
/// include process start-up and whatever cache loading a real invocation pays.
struct NotegraphRunner {
    let binary: String
    /// The notes folder (the `wiki` corpus).
    let notes: URL
    /// Scratch directory owned by notegraph runs: the child's working directory and the parent of
    /// `site/`, so a cache at `<out>/../.notegraph-cache` or a cwd-relative one lands in here.
    let workspace: URL
    /// Extra `build` arguments beyond the contract, e.g. `--templates DIR` (see `RunCommand`).
    var buildArguments: [String] = []

    var out: URL { workspace.appendingPathComponent("site") }

    /// Locates the binary: `--notegraph PATH`, else next to this executable (`swift build` puts
    /// every product of the package into the same `.build/<config>/` directory).
    static func locate(_ explicit: String?) -> String? {
        // Absolute, because children run with the notegraph workspace as their working directory.
        if let explicit { return absoluteExecutable(explicit) }
        let own = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let sibling = own.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("notegraph").path
        return FileManager.default.isExecutableFile(atPath: sibling) ? sibling : nil
    }

    /// Removes every trace of earlier builds: the workspace (output, cache, staging dirs) and any
    /// cache a build might have put beside or inside the notes folder.
    func resetState() throws {
        let fm = FileManager.default
        try? fm.removeItem(at: workspace)
        try fm.createDirectory(at: workspace, withIntermediateDirectories: true)
        for dir in [notes, notes.deletingLastPathComponent()] {
            for entry in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? []
            where entry.hasPrefix(".notegraph") || entry.hasPrefix("site.staging") {
                try? fm.removeItem(at: dir.appendingPathComponent(entry))
            }
        }
    }

    func build() throws -> ChildResult {
        try ChildProcess.run(binary, ["build", "--notes", notes.path, "--out", out.path] + buildArguments, in: workspace.path)
    }

    func coldBuild() throws -> ChildResult {
        try resetState()
        return try build()
    }

    func query(_ arguments: [String]) throws -> ChildResult {
        try ChildProcess.run(binary, ["query"] + arguments + ["--notes", notes.path, "--site", out.path], in: workspace.path)
    }

    /// HTML files in the output: a build that "succeeds" without writing pages is not a build.
    func renderedPages() -> Int { countFiles(named: ".html", under: out) }

    /// Changes one note's body text (appends a sentence to its last paragraph line), the smallest
    /// realistic edit: front matter, title and links stay the same, only content and hash change.
    static func editBody(of file: URL, run: Int) throws {
        var text = try String(contentsOf: file, encoding: .utf8)
        while text.hasSuffix("\n") { text.removeLast() }
        text += " Revised in bench run \(run): the effect shrinks once the baseline is re-tuned.\n"
        try Data(text.utf8).write(to: file)
    }
}
