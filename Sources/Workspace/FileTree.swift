#if canImport(Glibc)
import Glibc
#endif

/// Lists a folder tree with `opendir`/`readdir`, using the entry type `readdir` already returns: no `stat` per
/// file, several times faster than `FileManager.enumerator` on a 10,000-page site. Symbolic links are listed as
/// entries, never followed.
enum FileTree {
    struct Entry {
        /// Relative to the listed root, `/`-separated.
        var path: String
        var isDirectory: Bool
    }

    /// Every entry below `root` (depth first, unsorted); hidden ones only if `hidden`.
    static func entries(of root: String, hidden: Bool = true) -> [Entry] {
        var result: [Entry] = []
        walk(root, prefix: "", hidden: hidden, into: &result)
        return result
    }

    /// Whether the folder at `path` holds any entry, hidden ones included (read up to the first one); false if it
    /// cannot be read.
    static func hasEntries(_ path: String) -> Bool {
        guard let dir = opendir(path) else { return false }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let isDotOrDotDot = withUnsafeBytes(of: entry.pointee.d_name) { name in
                name[0] == UInt8(ascii: ".") && (name[1] == 0 || (name[1] == UInt8(ascii: ".") && name[2] == 0))
            }
            if !isDotOrDotDot { return true }
        }
        return false
    }

    private static func walk(_ folder: String, prefix: String, hidden: Bool, into result: inout [Entry]) {
        guard let dir = opendir(folder) else { return }
        var subfolders: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." || (!hidden && name.hasPrefix(".")) { continue }
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {  // some file systems leave the type to `lstat`
                var st = stat()
                isDirectory = lstat(folder + "/" + name, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
            }
            result.append(Entry(path: prefix + name, isDirectory: isDirectory))
            if isDirectory { subfolders.append(name) }
        }
        closedir(dir)
        for name in subfolders { walk(folder + "/" + name, prefix: prefix + name + "/", hidden: hidden, into: &result) }
    }
}

extension FileTree {
    /// Removes `path` and everything below it without following a symbolic link: a link is removed, never what it
    /// points to. In `path` itself, the entry named `last` (the marker) goes last, so a removal cut short (a killed
    /// build) leaves a folder that is still recognisably notegraph's and is finished by the next build.
    @discardableResult
    static func remove(_ path: String, last: String? = nil) -> Bool {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            // Not a folder (or a link to one): remove the entry itself.
            return unlink(path) == 0 || errno == ENOENT
        }
        var ok = removeContents(of: fd, except: last)
        close(fd)
        if let last, unlink(path + "/" + last) != 0, errno != ENOENT { ok = false }
        return rmdir(path) == 0 && ok
    }

    private static func removeContents(of fd: Int32, except kept: String?) -> Bool {
        guard let dir = fdopendir(dup(fd)) else { return false }
        var names: [(name: [CChar], isDirectory: Bool?)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }.map { CChar(bitPattern: $0) }) }
            if name == [46] || name == [46, 46] { continue }  // "." and ".."
            if let kept, name == Array(kept.utf8).map({ CChar(bitPattern: $0) }) { continue }
            let type = entry.pointee.d_type
            names.append((name + [0], type == UInt8(DT_UNKNOWN) ? nil : type == UInt8(DT_DIR)))
        }
        closedir(dir)
        var ok = true
        for (name, knownDirectory) in names {
            var isDirectory = knownDirectory ?? false
            if knownDirectory == nil {
                var st = stat()
                isDirectory = fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_mode & S_IFMT == S_IFDIR
            }
            if isDirectory {
                let sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if sub >= 0 {
                    if !removeContents(of: sub, except: nil) { ok = false }
                    close(sub)
                }
                if unlinkat(fd, name, AT_REMOVEDIR) != 0 { ok = false }
            } else if unlinkat(fd, name, 0) != 0 {
                ok = false
            }
        }
        return ok
    }

    /// The bytes of the regular file at `path`, or nil (missing, a link, a folder, unreadable).
    static func contents(ofRegularFile path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        return readToEnd(fd, sizeHint: Int(st.st_size))
    }

    /// The rest of the open file `fd`, read into uninitialized memory sized by `sizeHint` (its `fstat` size), so
    /// that a file at rest takes one `read` and its bytes are written once; nil if a `read` fails (`errno` tells
    /// why). A file that grew since its size was taken is still read to its end. Zeroed first, the parse cache's
    /// 50 MB were written twice after an edit (the zeroing took a tenth of that rebuild's page faults, most of
    /// which `read` now takes instead).
    static func readToEnd(_ fd: Int32, sizeHint: Int) -> [UInt8]? {
        var result: [UInt8] = []
        var capacity = max(sizeHint, 0) + 1  // one spare byte: a read that fills it says the file grew
        while true {
            var failed = false
            let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                initialized = 0
                while initialized < capacity {
                    let n = read(fd, buffer.baseAddress! + initialized, capacity - initialized)
                    if n < 0 {
                        if errno == EINTR || errno == EAGAIN { continue }
                        failed = true
                        return
                    }
                    if n == 0 { return }
                    initialized += n
                }
            }
            if failed { return nil }
            if result.isEmpty { result = bytes } else { result += bytes }
            guard bytes.count == capacity else { return result }
            capacity = result.count  // it grew: read on into a buffer as large again as what was read
        }
    }

    /// Whether the regular file at `path` holds exactly `signature`'s bytes. Read a block at a time into one small
    /// buffer and compared as it comes: reading the whole stored signature (a megabyte at 10,000 notes) into fresh
    /// memory cost a no-op build about a millisecond in page faults alone.
    static func file(at path: String, holds signature: InputSignature) -> Bool {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, Int(st.st_size) == signature.count else { return false }
        var rest = signature.remainder
        var left = Int(st.st_size)
        return withUnsafeTemporaryAllocation(byteCount: 1 << 16, alignment: 16) { block in
            while left > 0 {
                let n = read(fd, block.baseAddress!, min(block.count, left))
                if n < 0 && errno == EINTR { continue }
                guard n > 0, rest.consume(UnsafeRawBufferPointer(rebasing: block[..<n])) else { return false }
                left -= n
            }
            return true
        }
    }

    /// Writes all of `bytes` to `fd`, through short writes and interruptions; false (with `errno` set) if the
    /// system refuses, or writes nothing, part way.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                if n == 0 { errno = EIO }
                return false
            }
            offset += n
        }
        return true
    }

    /// What `lstat` says of `path`, or nil.
    static func lstatMode(_ path: String) -> (mode: mode_t, size: Int)? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return (st.st_mode & S_IFMT, Int(st.st_size))
    }

    /// Creates `relative` (a `/`-separated folder path) and its parents below `root`, never following a link
    /// there; reports a full disk or any other failure with the path.
    static func makeFolders(_ relative: String, in root: String) throws {
        var path = root
        for part in relative.split(separator: "/") {
            path += "/" + part
            if mkdir(path, 0o755) == 0 { continue }
            let failure = errno
            if failure == EEXIST, lstatMode(path)?.mode == S_IFDIR { continue }
            let reason = failure == EEXIST ? "a file or link is in the way of a folder" : String(cString: strerror(failure))
            throw WorkspaceError.cannotWrite(path, reason: reason)
        }
    }
}

extension FileTree {
    /// Copies a regular file or a symbolic link (as a link) to `target`, which must not exist.
    static func copy(_ source: String, to target: String) throws {
        guard let (mode, size) = lstatMode(source) else { throw WorkspaceError.cannotWrite(target, reason: "\(source) vanished") }
        switch mode {
        case S_IFLNK:
            var buffer = [CChar](repeating: 0, count: max(size, 4096) + 1)
            let n = readlink(source, &buffer, buffer.count - 1)
            guard n >= 0 else { throw WorkspaceError.cannotWrite(target, reason: String(cString: strerror(errno))) }
            buffer[n] = 0
            guard symlink(buffer, target) == 0 else { throw WorkspaceError.cannotWrite(target, reason: String(cString: strerror(errno))) }
        case S_IFREG:
            guard let bytes = contents(ofRegularFile: source) else { throw WorkspaceError.cannotWrite(target, reason: "cannot read \(source)") }
            try SitePublication.write(bytes, to: target, exclusive: true)
        default:
            throw WorkspaceError.cannotWrite(target, reason: "\(source) is neither a file nor a link; notegraph cannot keep it")
        }
    }
}
