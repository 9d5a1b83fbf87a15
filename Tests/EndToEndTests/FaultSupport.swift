import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Helpers for the fault tests: temporary folders, the real `notegraph` executable, and snapshots of a folder.
enum Faults {
    /// A new empty folder under the system's temporary folder; the caller removes it.
    static func temporary(_ label: String) throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("notegraph-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The `notegraph` executable built with the tests: beside the test bundle (`.build/debug/`), whatever the
    /// scratch folder.
    static let executable: URL? = {
        var candidates: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("notegraph"))
        }
        candidates.append(Fixtures.root.appendingPathComponent(".build/debug/notegraph"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static let templates = Fixtures.root.appendingPathComponent("templates")

    struct Outcome {
        var status: Int32
        var killed: Bool
        var stdout: String
        var stderr: String
    }

    /// Starts `notegraph arguments…` in `folder`, its output captured in files there.
    static func start(_ arguments: [String], in folder: URL, prefix: [String] = []) throws -> (Process, URL, URL) {
        let process = Process()
        if prefix.isEmpty {
            process.executableURL = executable!
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: prefix[0])
            process.arguments = Array(prefix.dropFirst()) + [executable!.path] + arguments
        }
        process.currentDirectoryURL = folder
        let id = UUID().uuidString
        let out = folder.appendingPathComponent(".out-\(id)"), err = folder.appendingPathComponent(".err-\(id)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return (process, out, err)
    }

    static func finish(_ started: (Process, URL, URL)) -> Outcome {
        let (process, out, err) = started
        process.waitUntilExit()
        let outcome = Outcome(
            status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "", stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        )
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
        return outcome
    }

    /// Runs `notegraph arguments…` to the end.
    static func run(_ arguments: [String], in folder: URL, prefix: [String] = []) throws -> Outcome {
        finish(try start(arguments, in: folder, prefix: prefix))
    }

    /// Every entry below `root` (links not followed): path → content hash for files, "dir" for folders,
    /// "link → target" for links. Two equal snapshots are the same tree with the same bytes.
    static func snapshot(_ root: URL, excluding excluded: Set<String> = []) -> [String: String] {
        var result: [String: String] = [:]
        func walk(_ folder: String, _ prefix: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for name in names {
                let path = prefix + name, full = folder + "/" + name
                if excluded.contains(path) { continue }
                var st = stat()
                guard lstat(full, &st) == 0 else { result[path] = "vanished"; continue }
                switch st.st_mode & S_IFMT {
                case S_IFDIR:
                    result[path] = "dir"
                    walk(full, path + "/")
                case S_IFLNK:
                    result[path] = "link → " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "?")
                default:
                    let bytes = FileManager.default.contents(atPath: full).map([UInt8].init) ?? []
                    result[path] = hash(bytes)
                }
            }
        }
        walk(root.path, "")
        return result
    }

    /// FNV-1a, 64 bits, as hex: enough to tell two versions of a file apart.
    static func hash(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16) + ":\(bytes.count)"
    }

    /// Sets the modification time of every file below `folder` to `seconds` ago, as if written well before the
    /// build: a note saved within the last second makes a build's input signature "racy" (never trusted).
    static func backdate(_ folder: URL, seconds: Double = 30) throws {
        let date = Date(timeIntervalSinceNow: -seconds)
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: folder.appendingPathComponent(path).path)
        }
    }

    /// Names beside `site` left by builds: staging folders of killed or failed builds (the lock file is not one).
    static func leftovers(beside site: URL) -> [String] {
        let parent = site.deletingLastPathComponent()
        return ((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [])
            .filter { $0.hasPrefix(site.lastPathComponent + ".staging") && !$0.hasSuffix(".lock") }.sorted()
    }

    /// Replaces `from` with `to` in the note at `url` and dates it 30 s back, out of the window in which the input
    /// signature treats a fresh stamp as racy; returns whether `from` was there.
    @discardableResult
    static func edit(_ url: URL, replacing from: String, with to: String) throws -> Bool {
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.replacingOccurrences(of: from, with: to).utf8).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -30)], ofItemAtPath: url.path)
        return text.contains(from)
    }

    /// A synthetic corpus of `count` notes that cite each other; `variant` changes every note's text, and each
    /// variant drops a different tenth of the notes, so two variants differ in both pages and file names.
    static func writeCorpus(_ folder: URL, count: Int, variant: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let skip = variant.unicodeScalars.reduce(0) { $0 + Int($1.value) } % 10
        for i in 0..<count where i % 10 != skip {
            let text = """
            ---
            title: "Does method \(i) improve reasoning?"
            tags: [t\(i % 7), \(variant)]
            ---

            Variant \(variant). Method \(i) raises accuracy by \(i % 50)% over the baseline, see [[Does method \((i + 1) % count) improve reasoning?]] and [[Does method \((i + 7) % count) improve reasoning?]].

            ## Details

            Supervised Fine-Tuning (SFT) on \(i * 10) examples. Direct Preference Optimization (DPO) is compared in variant \(variant).

            """
            try Data(text.utf8).write(to: folder.appendingPathComponent("n\(i).md"))
        }
    }

    /// Whether this process may mount a file system (root with CAP_SYS_ADMIN, as in the CI container).
    static let canMount: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount") || FileManager.default.isExecutableFile(atPath: "/usr/bin/mount") else { return false }
        guard let probe = try? temporary("mount-probe") else { return false }
        defer { try? FileManager.default.removeItem(at: probe) }
        guard shell(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path]) == 0 else { return false }
        return shell(["umount", probe.path]) == 0
    }()

    @discardableResult
    static func shell(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// `setpriv` to run a command as `nobody`, when running as root (root reads files whatever their mode, so an
    /// unreadable file can only be shown to an unprivileged process).
    static let asNobody: [String]? = {
        let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard getuid() == 0, let setpriv else { return nil }
        return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    }()
}
