import Foundation

/// Times Hugo building the Markdown-link variant of the corpus, cold.
struct HugoBaseline {
    let hugo: String
    let site: URL
    let scratch: URL

    /// Where `hugo` usually is; `nil` (with the install hint printed by the caller) when absent.
    static func locate(_ explicit: String?) -> String? {
        if let explicit { return absoluteExecutable(explicit) }
        return ChildProcess.which("hugo")
    }

    static let installHint = "hugo not found on PATH — skipping the Hugo row. Install it with `apt-get install -y hugo` (Debian/Ubuntu) or `brew install hugo`, or pass --hugo PATH."

    /// One cold build: output directory, Hugo's resource cache and its file cache all removed first,
    /// so nothing from the previous run is reused. Output goes to tmpfs like notegraph's.
    func coldBuild() throws -> ChildResult {
        let out = scratch.appendingPathComponent("public")
        let cache = scratch.appendingPathComponent("cache")
        for dir in [out, cache, site.appendingPathComponent("resources")] {
            try? FileManager.default.removeItem(at: dir)
        }
        return try ChildProcess.run(hugo, ["--quiet", "-s", site.path, "-d", out.path, "--cacheDir", cache.path])
    }

    /// Number of note pages Hugo wrote (sanity check that it really rendered the corpus).
    func renderedPages() -> Int {
        countFiles(named: "index.html", under: scratch.appendingPathComponent("public"))
    }
}

/// `path` made absolute (relative to the current directory) if it names an executable file.
func absoluteExecutable(_ path: String) -> String? {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    return FileManager.default.isExecutableFile(atPath: url.path) ? url.path : nil
}

/// Counts files with the given name (or, if `name` starts with ".", extension) under `root`.
func countFiles(named name: String, under root: URL) -> Int {
    guard let walker = FileManager.default.enumerator(atPath: root.path) else { return 0 }
    var n = 0
    while let path = walker.nextObject() as? String {
        if name.hasPrefix(".") ? path.hasSuffix(name) : (path == name || path.hasSuffix("/" + name)) { n += 1 }
    }
    return n
}
