import CSystem
import Foundation
import NoteParsing

#if canImport(Glibc)
import Glibc
#endif

/// A site being published into a `SiteOutput`: the lock is held and a staging folder is open beside the output.
/// Files are added in batches as they are rendered — so a 10,000-page site never sits in memory whole — and
/// `commit` writes the manifest and swaps the staging folder in atomically (see `SiteOutput`).
///
/// A file whose bytes equal the previous build's is hard-linked from the current site instead of written.
public final class SitePublication: @unchecked Sendable {  // `add` and `commit` are called from one thread at a time
    private let output: SiteOutput
    private let lock: Int32
    private let staging: URL
    private let previous: [String: String]
    private var entries: [(path: String, hash: String)] = []
    private var directories: Set<String> = [""]
    private var report = SiteOutput.Report(written: 0, kept: 0)
    private var committed = false

    init(_ output: SiteOutput) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: output.parent, withIntermediateDirectories: true)
        lock = try output.acquireLock()
        self.output = output
        output.removeLeftovers()
        previous = fm.fileExists(atPath: output.folder.path) ? output.previousManifest() : [:]
        staging = output.parent.appendingPathComponent("\(output.name).staging-\(getpid())")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            close(lock)
            throw error
        }
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(at: staging) }
        close(lock)
    }

    /// Writes `files` (paths relative to the site root) into the staging folder, on all cores.
    public func add(_ files: [(path: String, bytes: [UInt8])]) throws {
        precondition(!committed, "files added after commit")
        for file in files {
            guard SiteOutput.isSafeRelativePath(file.path) else { throw WorkspaceError.unsafeOutput(file.path, reason: "a page path escapes the site folder") }
            let dir = (file.path as NSString).deletingLastPathComponent
            if directories.insert(dir).inserted {
                try FileManager.default.createDirectory(at: staging.appendingPathComponent(dir), withIntermediateDirectories: true)
            }
        }
        let current = output.folder.path, staging = staging.path, previous = previous
        let outcomes = parallelMap(files) { file -> Result<(hash: String, linked: Bool), Error> in
            let hash = ContentHash.hex(file.bytes)
            let target = staging + "/" + file.path
            if previous[file.path] == hash, link(current + "/" + file.path, target) == 0 { return .success((hash, true)) }
            return Result { try Self.write(file.bytes, to: target) }.map { (hash, false) }
        }
        for (file, outcome) in zip(files, outcomes) {
            let (hash, linked) = try outcome.get()
            entries.append((file.path, hash))
            if linked { report.unchanged += 1 } else { report.written += 1 }
        }
    }

    /// Writes the manifest and the `state` files, keeps the files notegraph did not write, and swaps the staging
    /// folder in for the output.
    public func commit(state: [(name: String, bytes: [UInt8])] = []) throws -> SiteOutput.Report {
        precondition(!committed, "committed twice")
        let fm = FileManager.default
        let manifest = entries.sorted { $0.path < $1.path }.map { "\($0.hash) \($0.path)" }.joined(separator: "\n") + "\n"
        try Self.write(Array(("notegraph site; files written by notegraph (content hash, path):\n" + manifest).utf8), to: staging.appendingPathComponent(SiteOutput.markerName).path)
        if !state.isEmpty {
            let stateFolder = staging.appendingPathComponent(SiteOutput.stateFolder)
            try fm.createDirectory(at: stateFolder, withIntermediateDirectories: true)
            for (name, bytes) in state { try Self.write(bytes, to: stateFolder.appendingPathComponent(name).path) }
        }
        let folder = output.folder
        if fm.fileExists(atPath: folder.path) {
            report.kept = try output.keepForeignFiles(from: folder, into: staging, ours: Set(entries.map(\.path)))
            if notegraph_exchange_paths(staging.path, folder.path) != 0 {
                // No RENAME_EXCHANGE on this file system: two renames, with a window in which the old site sits beside.
                let old = output.parent.appendingPathComponent("\(output.name).staging-old-\(getpid())")
                try fm.moveItem(at: folder, to: old)
                try fm.moveItem(at: staging, to: folder)
                committed = true
                try? fm.removeItem(at: old)
                return report
            }
            // `staging` now holds the previous site; its foreign files live on (linked) in the new one.
            committed = true
            try? fm.removeItem(at: staging)
        } else {
            try fm.moveItem(at: staging, to: folder)
            committed = true
        }
        return report
    }

    /// Creates `path` (never following a symlink there) and writes all of `bytes`, reporting a full disk or any
    /// other failure with the path.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WorkspaceError.cannotWrite(path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw WorkspaceError.cannotWrite(path, reason: String(cString: strerror(errno)))
                }
                offset += n
            }
        }
    }
}
