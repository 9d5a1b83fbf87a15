import CSystem
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Publishes a built site into the output folder, safely:
/// - refuses folders it must never replace (`/`, the home folder, the notes folder or anything holding it, a project
///   root, a non-empty folder it did not create — recognised by the `.notegraph-site` marker it writes);
/// - builds into a staging folder beside the output and swaps it in with one atomic `renameat2(RENAME_EXCHANGE)`,
///   so a crash at any moment leaves the previous site or the new one, never a mix;
/// - keeps files it did not write (a `CNAME`, say) by linking them into the new site;
/// - holds an exclusive `flock` so two builds never write one output at once; leftovers of a killed build are
///   removed by the next one.
public struct SiteOutput {
    public static let markerName = ".notegraph-site"

    public let folder: URL
    private let parent: URL
    private let name: String

    public init(_ folder: URL) {
        self.folder = folder.standardizedFileURL
        self.parent = self.folder.deletingLastPathComponent()
        self.name = self.folder.lastPathComponent
    }

    /// Throws `WorkspaceError.unsafeOutput` if writing here could destroy something that is not ours.
    public func checkSafe(notesFolder: URL) throws {
        let out = folder.resolvingSymlinksInPath().path
        let notes = notesFolder.standardizedFileURL.resolvingSymlinksInPath().path
        let home = FileManager.default.homeDirectoryForCurrentUser.standardizedFileURL.resolvingSymlinksInPath().path
        func refuse(_ reason: String) -> WorkspaceError { .unsafeOutput(folder.path, reason: reason) }
        if out == "/" { throw refuse("it is the root folder") }
        if out == home { throw refuse("it is the home folder") }
        if out == notes { throw refuse("it is the notes folder") }
        if notes.hasPrefix(out + "/") { throw refuse("it contains the notes folder") }
        if out.hasPrefix(notes + "/") { throw refuse("it is inside the notes folder") }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: out, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw refuse("it is a file, not a folder") }
        for projectFile in ["Package.swift", ".git"] where fm.fileExists(atPath: out + "/" + projectFile) {
            throw refuse("it looks like a project root (has \(projectFile))")
        }
        let contents = (try? fm.contentsOfDirectory(atPath: out)) ?? []
        if !contents.isEmpty && !contents.contains(SiteOutput.markerName) {
            throw refuse("it is not empty and was not created by notegraph (no \(SiteOutput.markerName) marker)")
        }
    }

    /// What publishing did.
    public struct Report: Equatable {
        public var written: Int
        public var kept: Int
    }

    /// Writes `files` (paths relative to the site root) as the new site and swaps it in atomically.
    @discardableResult
    public func publish(_ files: [(path: String, bytes: [UInt8])]) throws -> Report {
        let fm = FileManager.default
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let lock = try acquireLock()
        defer { close(lock) }
        removeLeftovers()

        let staging = parent.appendingPathComponent("\(name).staging-\(getpid())")
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        var written = 0
        var directories: Set<String> = [""]
        for file in files {
            guard SiteOutput.isSafeRelativePath(file.path) else { throw WorkspaceError.unsafeOutput(file.path, reason: "a page path escapes the site folder") }
            let dir = (file.path as NSString).deletingLastPathComponent
            if directories.insert(dir).inserted {
                try fm.createDirectory(at: staging.appendingPathComponent(dir), withIntermediateDirectories: true)
            }
            try Data(file.bytes).write(to: staging.appendingPathComponent(file.path))
            written += 1
        }
        let manifest = files.map(\.path).sorted().joined(separator: "\n") + "\n"
        try Data(("notegraph site; files written by notegraph:\n" + manifest).utf8).write(to: staging.appendingPathComponent(SiteOutput.markerName))

        var kept = 0
        if fm.fileExists(atPath: folder.path) {
            kept = try keepForeignFiles(from: folder, into: staging, ours: Set(files.map(\.path)))
            if notegraph_exchange_paths(staging.path, folder.path) != 0 {
                // No RENAME_EXCHANGE on this file system: two renames, with a window in which the old site sits beside.
                let old = parent.appendingPathComponent("\(name).staging-old-\(getpid())")
                try fm.moveItem(at: folder, to: old)
                try fm.moveItem(at: staging, to: folder)
                try? fm.removeItem(at: old)
                return Report(written: written, kept: kept)
            }
            // `staging` now holds the previous site; its foreign files live on (linked) in the new one.
            try? fm.removeItem(at: staging)
        } else {
            try fm.moveItem(at: staging, to: folder)
        }
        return Report(written: written, kept: kept)
    }

    /// Files in the current output that notegraph did not write are hard-linked into the new site.
    private func keepForeignFiles(from current: URL, into staging: URL, ours: Set<String>) throws -> Int {
        let fm = FileManager.default
        let previous = (try? String(contentsOf: current.appendingPathComponent(SiteOutput.markerName), encoding: .utf8))
            .map { Set($0.split(separator: "\n").dropFirst().map(String.init)) } ?? []
        guard let enumerator = fm.enumerator(atPath: current.path) else { return 0 }
        var kept = 0
        for case let path as String in enumerator {
            let source = current.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if path == SiteOutput.markerName || previous.contains(path) || ours.contains(path) { continue }
            let target = staging.appendingPathComponent(path)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if link(source.path, target.path) != 0 { try fm.copyItem(at: source, to: target) }
            kept += 1
        }
        return kept
    }

    /// Staging folders of builds that were killed: ours (they hold the marker), not in use (we hold the lock).
    private func removeLeftovers() {
        let fm = FileManager.default
        for entry in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix("\(name).staging-") && !entry.hasSuffix(".lock") {
            let url = parent.appendingPathComponent(entry)
            if fm.fileExists(atPath: url.appendingPathComponent(SiteOutput.markerName).path) || (try? fm.contentsOfDirectory(atPath: url.path))?.isEmpty == true {
                try? fm.removeItem(at: url)
            }
        }
    }

    private func acquireLock() throws -> Int32 {
        let path = parent.appendingPathComponent("\(name).staging.lock").path
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WorkspaceError.unsafeOutput(path, reason: "cannot create the build lock") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            throw WorkspaceError.locked(folder.path)
        }
        return fd
    }

    /// A relative path that stays inside the site: no `..`, no absolute path, no NUL or backslash.
    static func isSafeRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0"), !path.contains("\\") else { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }
}
