import CSystem
import Foundation
import GraphQuery
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
        if FileTree.lstatMode(output.folder.path)?.mode == S_IFLNK {
            throw WorkspaceError.unsafeOutput(output.folder.path, reason: "it is a symbolic link (pass the folder it points to)")
        }
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: output.parent.path, isDirectory: &isDirectory) || !isDirectory.boolValue {
            do {
                try FileManager.default.createDirectory(at: output.parent, withIntermediateDirectories: true)
            } catch {
                throw WorkspaceError.cannotWrite(output.parent.path, reason: (error as NSError).localizedDescription)
            }
        }
        lock = try output.acquireLock()
        self.output = output
        output.restoreInterruptedSwap()
        output.removeLeftovers()
        previous = output.previousManifest()
        staging = output.parent.appendingPathComponent("\(output.name).staging-\(getpid())")
        var made = false
        do {
            if FileTree.lstatMode(staging.path) != nil {
                // Left by an earlier process with this pid; removeLeftovers kept it, so it is not ours to remove.
                throw WorkspaceError.unsafeOutput(staging.path, reason: "something notegraph did not make has the staging folder's name; move it away")
            }
            if mkdir(staging.path, 0o755) != 0 { throw WorkspaceError.cannotWrite(staging.path, reason: String(cString: strerror(errno))) }
            made = true
            // Marked at once, so that if this build is killed the next one knows the folder is its to remove.
            try Self.write(Array("notegraph staging folder; not published yet\n".utf8), to: staging.path + "/" + SiteOutput.markerName)
        } catch {
            if made { FileTree.remove(staging.path) }
            close(lock)
            throw error
        }
    }

    deinit {
        for fds in folderFDs.values {
            if fds.current >= 0 { close(fds.current) }
            if fds.staging >= 0 { close(fds.staging) }
        }
        if !committed { FileTree.remove(staging.path, last: SiteOutput.markerName) }
        close(lock)
    }

    /// Writes `files` (paths relative to the site root) into the staging folder, on all cores.
    public func add(_ files: [(path: String, bytes: [UInt8])]) throws {
        try add(files.map { (path: $0.path, parts: [$0.bytes]) })
    }

    /// Writes `files` whose bytes come in parts (written one after another, never joined in memory).
    public func add(_ files: [(path: String, parts: [[UInt8]])]) throws {
        precondition(!committed, "files added after commit")
        let linkable = try Set(files.filter { try prepare($0.path) }.map(\.path))
        let outcomes = parallelMap(files) { file -> Result<(hash: String, linked: Bool), Error> in
            let hash = ContentHash.hex(file.parts)
            if linkable.contains(file.path), self.carryOver(file.path, hash: hash, size: file.parts.reduce(0, { $0 + $1.count })) {
                return .success((hash, true))
            }
            return Result { try Self.write(file.parts, to: self.staging.path + "/" + file.path) }.map { (hash, false) }
        }
        for (file, outcome) in zip(files, outcomes) {
            let (hash, linked) = try outcome.get()
            record(file.path, hash: hash, linked: linked)
        }
    }

    /// Writes the file at `path` as `produce` hands its bytes over, piece by piece, hashing them on the way: a
    /// corpus-wide file (graph.json, a sixth of a gigabyte at 10,000 notes) is never whole in memory. If it turns
    /// out equal to the current site's, the current file is carried over as `add` does (same inode, same time).
    ///
    /// With `unchangedSize`, the caller vouches that the file's bytes are the previous build's (a page made from
    /// the same inputs, see `OutputFile.unchangedSize`): the current file is carried over without `produce` being
    /// called, if it is still the regular file of that size the manifest lists. Returns the file's size.
    @discardableResult
    public func add(path: String, unchangedSize: Int? = nil, producedBy produce: (_ sink: ([UInt8]) throws -> Void) throws -> Void) throws -> Int {
        precondition(!committed, "files added after commit")
        let linkable = try prepare(path)
        let target = staging.path + "/" + path
        if let unchangedSize, linkable, let hash = previous[path], carryOver(path, hash: hash, size: unchangedSize) {
            record(path, hash: hash, linked: true)
            report.notMadeAgain += 1
            return unchangedSize
        }
        var hash = ContentHash()
        var size = 0
        // `withoutActuallyEscaping`: Swift refuses to hand one non-escaping closure to another without it.
        try Self.write(to: target) { write in
            try withoutActuallyEscaping(write) { write in
                try produce { bytes in
                    hash.update(bytes)
                    size += bytes.count
                    try write(bytes)
                }
            }
        }
        let hex = hash.hex
        record(path, hash: hex, linked: linkable && carryOverWritten(path, at: target, hash: hex, size: size))
        return size
    }

    /// Puts the current site's file at `path` in place of the one just written at `target`, if it is the same
    /// (`hash` and `size`): linked in beside the written one and renamed over it, so the written one stands
    /// whenever the carry-over does not happen. Whether it did.
    private func carryOverWritten(_ path: String, at target: String, hash: String, size: Int) -> Bool {
        let beside = target + ".carried"
        guard carryOver(path, hash: hash, size: size, suffix: ".carried") else { return false }
        if rename(beside, target) == 0 { return true }
        unlink(beside)
        return false
    }

    /// Writes the chunked file at `path` (graph.json) as `produce` hands it over, as `add(path:producedBy:)` does a
    /// streamed one, except that the pieces of `previous` (the current site's file there) that `produce` asks for
    /// are copied by the kernel (`copy_file_range`), never read into memory. The manifest hash is made from the
    /// pieces' hashes (`PieceHash`), the copied ones' as `produce` gives them, so nothing is hashed twice or read
    /// back. Returns the file's size and the stamp of the file the staging folder holds (for the next build to
    /// check that nothing rewrote it before copying from it).
    @discardableResult
    public func add(path: String, copyingFrom previous: PublishedFile?, producedBy produce: (ChunkedSink) throws -> Void) throws -> (size: Int, stamp: FileStamp?) {
        precondition(!committed, "files added after commit")
        let linkable = try prepare(path)
        let target = staging.path + "/" + path
        var hash = PieceHash()
        var kept = false
        try Self.withNewFile(at: target) { fd, failure in
            var copies = previous != nil
            try produce(ChunkedSink(write: { bytes, known in
                guard bytes.withUnsafeBytes({ FileTree.writeAll(fd, $0) }) else { throw failure() }
                hash.add(known ?? bytes.withUnsafeBytes { FNV1a.words($0) }, count: bytes.count)
            }, copy: previous.map { source in
                { offset, count, pieceHash in
                    guard copies, offset >= 0, count >= 0, count <= source.size - offset else { return false }
                    guard notegraph_copy_range(source.descriptor, Int64(offset), fd, Int64(count)) == 0 else {
                        // Whatever was half copied goes, and this file system is not asked again.
                        copies = false
                        let end = off_t(hash.length)
                        guard ftruncate(fd, end) == 0, lseek(fd, end, SEEK_SET) == end else { throw failure() }
                        return false
                    }
                    hash.add(pieceHash, count: count)
                    return true
                }
            }, unchanged: previous == nil || !linkable ? nil : { pieces in
                // The file these pieces make is the current one (the manifest's hash, and `previous` still stamped
                // as the last build left it): linked in over the empty new file, instead of copied piece by piece.
                var whole = PieceHash()
                for piece in pieces { whole.add(piece.hash, count: piece.count) }
                guard self.carryOverWritten(path, at: target, hash: whole.hex, size: whole.length) else { return false }
                hash = whole
                kept = true
                return true
            }))
        }
        let hex = hash.hex, size = hash.length
        record(path, hash: hex, linked: kept || (linkable && carryOverWritten(path, at: target, hash: hex, size: size)))
        var st = stat()
        return (size, lstat(target, &st) == 0 ? FileStamp(st) : nil)
    }

    /// Checks that `path` is one a page may have, makes its folders in the staging folder, and tells whether the
    /// current site's file there may be carried over.
    private func prepare(_ path: String) throws -> Bool {
        guard SiteOutput.isSafeRelativePath(path) else { throw WorkspaceError.unsafeOutput(path, reason: "a page path escapes the site folder") }
        guard path != SiteOutput.markerName, path != SiteOutput.stateFolder, !path.hasPrefix(SiteOutput.stateFolder + "/") else {
            throw WorkspaceError.unsafeOutput(path, reason: "a page path is one notegraph keeps for itself")
        }
        let dir = Self.folder(of: path)
        if directories.insert(dir).inserted {
            try FileTree.makeFolders(dir, in: staging.path)
        }
        if folderFDs[dir] == nil {
            let current = currentFolderFD(dir)
            folderFDs[dir] = (current, current < 0 ? -1 : open(staging.path + "/" + dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC))
        }
        return previous[path] != nil && folderFDs[dir].map { $0.current >= 0 && $0.staging >= 0 } == true
    }

    /// The folder part of a safe relative path (everything before its last "/", or ""): for such a path (no empty
    /// part) what NSString's `deletingLastPathComponent` gives, without bridging every page path to an NSString.
    static func folder(of path: String) -> String {
        path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[..<$0]) } ?? ""
    }

    /// Links the current site's file at `path` into the staging folder (under its own name, with `suffix`) if it is
    /// the one the manifest hashed: carried over only from a regular file of the right size in a real folder of the
    /// current site, never through a link someone put there, never a file edited since. `prepare(path)` opened both
    /// folders: the name is looked up in them (`fstatat`, `linkat`), not walked to from the root twice per page,
    /// which was most of the cost of carrying 10,000 pages over after an edit.
    private func carryOver(_ path: String, hash: String, size: Int, suffix: String = "") -> Bool {
        let dir = Self.folder(of: path)
        guard previous[path] == hash, let fds = folderFDs[dir], fds.current >= 0, fds.staging >= 0 else { return false }
        let name = dir.isEmpty ? path : String(path.utf8.dropFirst(dir.utf8.count + 1))!
        var st = stat()
        return name.withCString { source in
            guard fstatat(fds.current, source, &st, AT_SYMLINK_NOFOLLOW) == 0, st.st_mode & S_IFMT == S_IFREG, Int(st.st_size) == size else { return false }
            return (name + suffix).withCString { linkat(fds.current, source, fds.staging, $0, 0) } == 0
        }
    }

    private func record(_ path: String, hash: String, linked: Bool) {
        entries.append((path, hash))
        if linked { report.unchanged += 1 } else { report.written += 1 }
    }

    /// Each folder pages went to (by its path in the site), open in the current site (-1 where that is not a real
    /// folder at every level, or missing) and in the staging folder: what `carryOver` links between. Opened by
    /// `prepare`, which runs before any `carryOver` of the folder's pages (those may run side by side).
    private var folderFDs: [String: (current: Int32, staging: Int32)] = [:]

    /// The current site's folder `dir`, opened one level at a time without following a link, or -1.
    private func currentFolderFD(_ dir: String) -> Int32 {
        let root = open(outputPath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        var fd = root
        for part in dir.split(separator: "/") where fd >= 0 {
            let next = openat(fd, String(part), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            close(fd)
            fd = next
        }
        return fd
    }

    /// The output folder's path, made once (`URL.path` builds a new string every time).
    private lazy var outputPath = output.folder.path

    /// Where the state file `name` goes in the staging folder, for a writer that makes the file itself (the stored
    /// graph is written there by SQLite). It is published with the site, like the `state` files of `commit`.
    public func stateFilePath(_ name: String) throws -> String {
        precondition(!committed, "state file asked for after commit")
        precondition(SiteOutput.isSafeRelativePath(name) && !name.contains("/"), "a state file name is one plain name")
        try FileTree.makeFolders(SiteOutput.stateFolder, in: staging.path)
        return staging.path + "/\(SiteOutput.stateFolder)/\(name)"
    }

    /// Writes the manifest and the `state` files, keeps the files notegraph did not write, and swaps the staging
    /// folder in for the output.
    public func commit(state: [(name: String, bytes: [UInt8])] = []) throws -> SiteOutput.Report {
        precondition(!committed, "committed twice")
        // Written as bytes in one buffer of its final size: built as strings, joined and copied twice, the manifest
        // of 10,000 pages was a few megabytes of fresh memory at the very end of the build, its peak.
        let sorted = entries.sorted { $0.path < $1.path }
        var manifest = Array("notegraph site; files written by notegraph (content hash, path):\n".utf8)
        manifest.reserveCapacity(manifest.count + sorted.reduce(1) { $0 + $1.hash.utf8.count + $1.path.utf8.count + 2 })
        for entry in sorted {
            manifest += entry.hash.utf8
            manifest.append(UInt8(ascii: " "))
            manifest += entry.path.utf8
            manifest.append(UInt8(ascii: "\n"))
        }
        if sorted.isEmpty { manifest.append(UInt8(ascii: "\n")) }
        if !state.isEmpty {
            try FileTree.makeFolders(SiteOutput.stateFolder, in: staging.path)
            for (name, bytes) in state { try Self.write(bytes, to: staging.path + "/\(SiteOutput.stateFolder)/\(name)") }
        }
        let folder = output.folder
        let exists = FileTree.lstatMode(folder.path) != nil
        if exists {
            report.kept = try output.keepForeignFiles(from: folder, into: staging, previous: Set(previous.keys), ours: Set(entries.map(\.path)))
        }
        // The manifest last: a staging folder is complete once it holds it.
        try Self.write(manifest, to: staging.path + "/" + SiteOutput.markerName)
        guard exists else {
            guard rename(staging.path, folder.path) == 0 else { throw WorkspaceError.cannotWrite(folder.path, reason: String(cString: strerror(errno))) }
            committed = true
            return report
        }
        if notegraph_exchange_paths(staging.path, folder.path) != 0 {
            let failure = errno
            guard failure == EINVAL || failure == ENOSYS || failure == ENOTSUP else {
                throw WorkspaceError.cannotWrite(folder.path, reason: "cannot swap the new site in: " + String(cString: strerror(failure)))
            }
            // No RENAME_EXCHANGE on this file system: two renames, with a window in which the old site sits beside
            // under `.staging-old-<pid>` (the next build puts it back if this one is killed there).
            let old = output.parent.path + "/\(output.name).staging-old-\(getpid())"
            guard rename(folder.path, old) == 0 else { throw WorkspaceError.cannotWrite(folder.path, reason: String(cString: strerror(errno))) }
            guard rename(staging.path, folder.path) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = rename(old, folder.path)
                throw WorkspaceError.cannotWrite(folder.path, reason: reason)
            }
            committed = true
            FileTree.remove(old, last: SiteOutput.markerName)
            return report
        }
        // `staging` now holds the previous site; its foreign files live on (linked) in the new one.
        committed = true
        FileTree.remove(staging.path, last: SiteOutput.markerName)
        return report
    }

    /// Creates the state file `name` and hands `body` a function that appends to it, for a cache written in pieces
    /// as a build makes it (`ParseCache`). A cache is not worth failing a build over: if a write fails, the file is
    /// removed and later pieces are dropped, and the next build goes without it.
    public func writeCache<T>(_ name: String, _ body: (_ append: (UnsafeRawBufferPointer) -> Void) throws -> T) throws -> T {
        let path = try stateFilePath(name)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        var failed = fd < 0, finished = false
        defer {
            if fd >= 0 && close(fd) != 0 { failed = true }
            // Only a file this call created: if the name was taken, what is there is not ours to remove.
            if fd >= 0 && (failed || !finished) { unlink(path) }
        }
        let result = try body { bytes in
            guard !failed else { return }
            failed = !FileTree.writeAll(fd, bytes)
        }
        finished = true
        return result
    }

    /// Creates `path` (never following a symlink there) and writes all of `bytes`, reporting a full disk or any
    /// other failure with the path.
    static func write(_ bytes: [UInt8], to path: String, exclusive: Bool = false) throws {
        try write([bytes], to: path, exclusive: exclusive)
    }

    static func write(_ parts: [[UInt8]], to path: String, exclusive: Bool = false) throws {
        try write(to: path, exclusive: exclusive) { write in
            for bytes in parts { try write(bytes) }
        }
    }

    /// Creates `path` and hands `body` a function that appends bytes to it.
    static func write(to path: String, exclusive: Bool = false, _ body: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        try withNewFile(at: path, exclusive: exclusive) { fd, failure in
            try body { bytes in
                guard bytes.withUnsafeBytes({ FileTree.writeAll(fd, $0) }) else { throw failure() }
            }
        }
    }

    /// Creates `path` (never following a symlink there), hands `body` the open file and the error to throw for a
    /// failed call on it (naming the path and `errno`), and closes it, reporting a failed close as well.
    static func withNewFile(at path: String, exclusive: Bool = false, _ body: (_ fd: Int32, _ failure: @escaping () -> WorkspaceError) throws -> Void) throws {
        func failure() -> WorkspaceError { WorkspaceError.cannotWrite(path, reason: String(cString: strerror(errno))) }
        let fd = open(path, O_WRONLY | O_CREAT | (exclusive ? O_EXCL : O_TRUNC) | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure() }
        var closed = false
        defer { if !closed { close(fd) } }
        try body(fd, failure)
        closed = true
        // Some file systems (NFS, quotas) report a full disk only here.
        if close(fd) != 0 { throw failure() }
    }
}
