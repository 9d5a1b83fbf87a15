import CSystem
import Foundation
import NoteParsing

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
public struct SiteOutput: Sendable {
    public static let markerName = ".notegraph-site"

    public let folder: URL
    let parent: URL
    let name: String

    public init(_ folder: URL) {
        self.folder = folder.standardizedFileURL
        self.parent = self.folder.deletingLastPathComponent()
        self.name = self.folder.lastPathComponent
    }

    /// Throws `WorkspaceError.unsafeOutput` if writing here could destroy something that is not ours.
    ///
    /// Every build runs this, the no-op one too, so it asks the system directly (`realpath`, `lstat`) and lists the
    /// output folder only when it lacks the marker: Foundation's path resolution, `fileExists` and directory listing
    /// cost a no-op build about a millisecond.
    public func checkSafe(notesFolder: URL) throws {
        let out = Self.resolved(folder)
        let notes = Self.resolved(notesFolder.standardizedFileURL)
        let home = Self.resolved(FileManager.default.homeDirectoryForCurrentUser.standardizedFileURL)
        func refuse(_ reason: String) -> WorkspaceError { .unsafeOutput(folder.path, reason: reason) }
        if FileTree.lstatMode(folder.path)?.mode == S_IFLNK {
            // The swap would replace the link, and writing through it would write somewhere else than `--out`.
            throw refuse("it is a symbolic link (pass the folder it points to)")
        }
        if out == "/" { throw refuse("it is the root folder") }
        if out == home { throw refuse("it is the home folder") }
        if out == notes { throw refuse("it is the notes folder") }
        if notes.hasPrefix(out + "/") { throw refuse("it contains the notes folder") }
        if out.hasPrefix(notes + "/") { throw refuse("it is inside the notes folder") }
        var st = stat()
        guard stat(out, &st) == 0 else { return }
        guard st.st_mode & S_IFMT == S_IFDIR else { throw refuse("it is a file, not a folder") }
        for projectFile in ["Package.swift", ".git"] where access(out + "/" + projectFile, F_OK) == 0 {
            throw refuse("it looks like a project root (has \(projectFile))")
        }
        if FileTree.lstatMode(out + "/" + SiteOutput.markerName) != nil { return }
        if FileTree.hasEntries(out) {
            throw refuse("it is not empty and was not created by notegraph (no \(SiteOutput.markerName) marker)")
        }
    }

    /// The path with every symbolic link resolved: `realpath` where it exists, Foundation's resolution (which
    /// keeps the part that does not exist yet) where it does not.
    static func resolved(_ url: URL) -> String {
        guard let real = realpath(url.path, nil) else { return url.resolvingSymlinksInPath().path }
        defer { free(real) }
        return String(cString: real)
    }

    /// What publishing did.
    public struct Report: Equatable {
        /// Files written because they are new or changed.
        public var written: Int
        /// Files identical to the previous build's, carried over (hard-linked) without writing.
        public var unchanged: Int = 0
        /// Of those, the pages carried over without being made again (their inputs had not changed).
        public var notMadeAgain: Int = 0
        /// Files notegraph did not write, kept.
        public var kept: Int
    }

    /// Where the build keeps what it needs to skip work next time (inside the output: notegraph writes nowhere else).
    public static let stateFolder = ".notegraph"

    /// Writes `files` (paths relative to the site root) as the new site and swaps it in atomically. Files whose
    /// bytes are the same as in the current site are hard-linked from it instead of written, so an edit that
    /// changes three pages writes three pages (and unchanged pages keep their modification times).
    /// `state` files go to the state folder, outside the manifest: they hold machine facts (inode numbers,
    /// times) that must not make two builds of one corpus differ.
    @discardableResult
    public func publish(_ files: [(path: String, bytes: [UInt8])], state: [(name: String, bytes: [UInt8])] = []) throws -> Report {
        let publication = try begin()
        try publication.add(files)
        return try publication.commit(state: state)
    }

    /// Starts publishing: takes the lock, removes a killed build's leftovers and opens a staging folder. Add files
    /// as they are rendered, then `commit`; a publication dropped without committing removes its staging folder.
    public func begin() throws -> SitePublication {
        try SitePublication(self)
    }

    /// The previous build's files and their content hashes, from the marker (`hash path` lines; older markers
    /// list bare paths, which count as changed).
    func previousManifest() -> [String: String] {
        guard let bytes = FileTree.contents(ofRegularFile: folder.path + "/" + SiteOutput.markerName) else { return [:] }
        // Lines and fields cut on the bytes: splitting the decoded text walked its megabyte (at 10,000 notes) by
        // Characters, on the main thread before anything else of a rebuild could start.
        var manifest: [String: String] = [:]
        for line in bytes.split(separator: UInt8(ascii: "\n")).dropFirst() {
            if let space = line.firstIndex(of: UInt8(ascii: " ")), space - line.startIndex == 16, space + 1 < line.endIndex {
                manifest[String(decoding: line[(space + 1)...], as: UTF8.self)] = String(decoding: line[..<space], as: UTF8.self)
            } else {
                manifest[String(decoding: line, as: UTF8.self)] = ""
            }
        }
        return manifest
    }

    /// Paths of the files the previous build wrote.
    func previousFiles() -> Set<String> {
        Set(previousManifest().keys)
    }

    /// Whether the site here was built from exactly these inputs: the signature the last build stored matches.
    /// (Pages deleted by hand since are not noticed; `build --force` rebuilds.)
    public func isUpToDate(with signature: InputSignature) -> Bool {
        FileTree.lstatMode(folder.path + "/" + SiteOutput.markerName)?.mode == S_IFREG && FileTree.file(at: storedStatePath("inputs"), holds: signature)
    }

    /// A file the last build stored in the state folder (`inputs`, `diagnostics`), if any.
    public func storedState(_ name: String) -> String? {
        storedBytes(name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes a file the last build stored in the state folder to the descriptor `fd` (the no-op build repeats the
    /// last diagnostics, most of a megabyte at 10,000 notes): with `sendfile`, so the bytes are never copied in
    /// and out of the process; a descriptor `sendfile` cannot write to gets read and write. Returns false if there
    /// is no such file.
    @discardableResult
    public func copyStoredState(_ name: String, to fd: Int32) -> Bool {
        let file = open(storedStatePath(name), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else { return false }
        defer { close(file) }
        var st = stat()
        guard fstat(file, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return false }
        var left = Int(st.st_size)
        while left > 0 {
            let n = sendfile(fd, file, nil, left)
            if n > 0 { left -= n; continue }
            if n < 0 && errno == EINTR { continue }
            if n == 0 { return true }  // the file shrank
            break  // EINVAL and the like: `fd` is something sendfile does not write to
        }
        guard left > 0, var bytes = FileTree.contents(ofRegularFile: storedStatePath(name)) else { return true }
        bytes.removeFirst(bytes.count - min(left, bytes.count))
        _ = bytes.withUnsafeBytes { FileTree.writeAll(fd, $0) }
        return true
    }

    /// Where the last build's state file `name` is (it may not exist; a reader opens it without following links).
    public func storedStatePath(_ name: String) -> String {
        folder.path + "/\(SiteOutput.stateFolder)/\(name)"
    }

    /// The bytes of a file the last build stored in the state folder, if any.
    public func storedBytes(_ name: String) -> [UInt8]? {
        FileTree.contents(ofRegularFile: storedStatePath(name))
    }

    /// Files in the current output that notegraph did not write are hard-linked into the new site (copied if they
    /// cannot be linked), and folders holding nothing are made again, so that removing the previous site never
    /// deletes anything notegraph did not write. A foreign file where the new site puts one of its own is refused.
    func keepForeignFiles(from current: URL, into staging: URL, previous: Set<String>, ours: Set<String>) throws -> Int {
        var kept = 0
        let entries = FileTree.entries(of: current.path)
        let folders = Set(entries.lazy.filter(\.isDirectory).map(\.path))
        var nonEmpty: Set<String> = []
        var ourFolders: Set<String> = []
        // Slashes found in the UTF-8 bytes: `lastIndex(of:)` on the String walked characters, and with a set
        // insert for every entry's folder this was a third of publishing an edit rebuild's 10,000 pages.
        for path in ours {
            var dir = Substring(path)
            while let slash = dir.utf8.lastIndex(of: UInt8(ascii: "/")) {
                dir = dir[..<slash]
                if !ourFolders.insert(String(dir)).inserted { break }
            }
        }
        var lastFolder: Substring?  // a folder's entries come together (see `FileTree.entries`)
        for entry in entries {
            let path = entry.path
            if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), path[..<slash] != lastFolder {
                let folder = path[..<slash]
                lastFolder = folder
                nonEmpty.insert(String(folder))
            }
            if entry.isDirectory || path == SiteOutput.markerName || path == SiteOutput.stateFolder || path.hasPrefix(SiteOutput.stateFolder + "/") || previous.contains(path) { continue }
            if ours.contains(path) || ourFolders.contains(path) {
                throw WorkspaceError.unsafeOutput(current.path + "/" + path, reason: "notegraph did not write this file and the new site needs its path; move it away")
            }
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try FileTree.makeFolders(dir, in: staging.path) }
            let source = current.path + "/" + path, target = staging.path + "/" + path
            if link(source, target) != 0 {
                if errno == EEXIST {
                    throw WorkspaceError.unsafeOutput(source, reason: "notegraph did not write this file and the new site needs its path; move it away")
                }
                try FileTree.copy(source, to: target)
            }
            kept += 1
        }
        // Empty foreign folders (ours always hold files).
        for folder in folders where !nonEmpty.contains(folder) && folder != SiteOutput.stateFolder && !folder.hasPrefix(SiteOutput.stateFolder + "/") {
            try FileTree.makeFolders(folder, in: staging.path)
        }
        return kept
    }

    /// Staging folders of builds that were killed: ours (they hold the marker, written when a staging folder is
    /// made), not in use (we hold the lock). A real folder only: a link of that name is not ours to follow.
    func removeLeftovers() {
        let fm = FileManager.default
        for entry in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix("\(name).staging-") && !entry.hasSuffix(".lock") {
            let path = parent.path + "/" + entry
            guard FileTree.lstatMode(path)?.mode == S_IFDIR else { continue }
            if FileTree.lstatMode(path + "/" + SiteOutput.markerName) != nil || (try? fm.contentsOfDirectory(atPath: path))?.isEmpty == true {
                FileTree.remove(path, last: SiteOutput.markerName)
            }
        }
    }

    /// A build killed between the two renames of the fallback swap (file systems without RENAME_EXCHANGE) left no
    /// output and the previous site under `<name>.staging-old-<pid>`: put it back.
    func restoreInterruptedSwap() {
        guard FileTree.lstatMode(folder.path) == nil else { return }
        let fm = FileManager.default
        for entry in ((try? fm.contentsOfDirectory(atPath: parent.path)) ?? []).sorted() where entry.hasPrefix("\(name).staging-old-") {
            let path = parent.path + "/" + entry
            if FileTree.lstatMode(path)?.mode == S_IFDIR, FileTree.lstatMode(path + "/" + SiteOutput.markerName)?.mode == S_IFREG,
               rename(path, folder.path) == 0 {
                return
            }
        }
    }

    func acquireLock() throws -> Int32 {
        let path = parent.appendingPathComponent("\(name).staging.lock").path
        let fd = open(path, O_CREAT | O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WorkspaceError.unsafeOutput(path, reason: "cannot create the build lock") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            throw WorkspaceError.locked(folder.path)
        }
        return fd
    }

    /// A relative path that stays inside the site: no `..`, no absolute path, no NUL or backslash.
    static func isSafeRelativePath(_ path: String) -> Bool {
        // Page paths are ASCII: judged on the bytes, which for ASCII are the characters the checks below read
        // (those Character comparisons were most of the time spent preparing a batch of pages).
        if path.utf8.allSatisfy({ $0 < 0x80 }) {
            guard let first = path.utf8.first, first != UInt8(ascii: "/"), !path.utf8.contains(0), !path.utf8.contains(UInt8(ascii: "\\")) else { return false }
            return !path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).contains { $0.count <= 2 && $0.allSatisfy { $0 == UInt8(ascii: ".") } }  // "", "." or ".."
        }
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0"), !path.contains("\\") else { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }
}
