import NoteParsing

#if canImport(Glibc)
import Glibc
#endif

/// One folder tree as `InputSignature` records it: a line per folder and per included file (`size mtime-s mtime-ns
/// inode mode`), depth first, names in byte order, hidden entries skipped, links not followed.
///
/// Written over `openat`/`readdir`/`fstatat` on folder descriptors, names kept NUL-terminated in one buffer per
/// folder, because this is the whole of a no-op build: 10,000 notes cost 10,000 `fstatat` calls (about 2 µs each in
/// the kernel) and the walk should add nothing to them. `FileManager.enumerator` cost several times more per file.
struct SignatureWalk {
    /// The signature lines, in walk order.
    private(set) var lines: [UInt8] = []
    /// Whether a file changed within `InputSignature.racyWindowNS` of `now`.
    private(set) var isRacy = false

    /// The folders the walk opened, closed when it is done.
    private var descriptors: [Int32] = []
    /// Per line of the signature, in walk order, the bytes it starts with: a file's path then a NUL (so that the
    /// name that ends it can be passed to `fstatat` as it is), or a folder's whole line. One buffer of plain values,
    /// so that the threads that stat the files share it without reference counting.
    private var arena: [UInt8] = []
    private var table: [Line] = []

    private struct Line {
        /// The folder to stat the file in, or -1 for a line written as it is.
        var fd: Int32
        var start: Int32
        /// Up to the NUL (a file's path) or the line's end.
        var count: Int32
        /// Where the file's name starts.
        var name: Int32
    }

    /// Walks `root`, whose lines start with `prefix` (`notes/`); `include` picks the files (folders are always
    /// walked). Folders whose stamp matches `previous` are not listed again; settled folders go into `listing`.
    init(_ root: String, prefix: [UInt8], now: Int, previous: FolderListing?, listing: inout FolderListing,
         include: (UnsafeBufferPointer<UInt8>) -> Bool) {
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 {
            literal(prefix + Array("(unreadable)/ dir\n".utf8))
        } else {
            visit(fd, path: prefix, now: now, previous: previous, listing: &listing, include: include)
        }
        statFiles(now: now)
        for fd in descriptors { close(fd) }
    }

    private mutating func literal(_ line: [UInt8]) {
        table.append(Line(fd: -1, start: Int32(arena.count), count: Int32(line.count), name: 0))
        arena += line
    }

    /// Lists the open folder `fd` (or takes its entries from `previous`) and walks its subfolders.
    private mutating func visit(_ fd: Int32, path: [UInt8], now: Int, previous: FolderListing?, listing: inout FolderListing,
                                include: (UnsafeBufferPointer<UInt8>) -> Bool) {
        descriptors.append(fd)
        var st = stat()
        let stamp = fstat(fd, &st) == 0 ? FolderListing.stamp(of: st, now: now, window: InputSignature.racyWindowNS) : nil
        let folder: FolderListing.Folder
        if let stamp, let known = previous?.folder(path, stamp: stamp.stamp) {
            folder = known
        } else {
            folder = Self.list(fd, stamp: stamp?.stamp ?? [], include: include)
        }
        if let stamp, stamp.settled { listing.add(path, folder) }
        arena.reserveCapacity(arena.count + folder.records.count + folder.count * path.count)
        for entry in 0..<folder.count {
            let name = folder.name(entry)
            guard folder.isDirectory(entry) else {
                let start = arena.count
                arena += path
                arena += name
                arena.append(0)
                table.append(Line(fd: fd, start: Int32(start), count: Int32(path.count + name.count), name: Int32(start + path.count)))
                continue
            }
            let subpath = path + name + [UInt8(ascii: "/")]
            literal(subpath + Array(" dir\n".utf8))
            let sub = folder.records.withUnsafeBufferPointer { raw in
                Glibc.openat(fd, UnsafeRawPointer(raw.baseAddress! + folder.starts[entry] + 1).assumingMemoryBound(to: CChar.self), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            if sub < 0 {
                literal(subpath + Array("(unreadable)/ dir\n".utf8))
            } else {
                visit(sub, path: subpath, now: now, previous: previous, listing: &listing, include: include)
            }
        }
    }

    /// The non-hidden entries of `fd`: its folders and the files `include` picks, sorted by name bytes.
    private static func list(_ fd: Int32, stamp: [UInt8], include: (UnsafeBufferPointer<UInt8>) -> Bool) -> FolderListing.Folder {
        var names: [UInt8] = []
        var found: [(start: Int, count: Int, isDirectory: Bool)] = []
        if let dir = fdopendir(dup(fd)) {
            while let entry = readdir(dir) {
                withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                    let name = UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: strlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self)))
                    guard let first = name.first, first != UInt8(ascii: ".") else { return }
                    var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
                    if entry.pointee.d_type == UInt8(DT_UNKNOWN) {  // some file systems leave the type to `stat`
                        var st = stat()
                        isDirectory = fstatat(fd, raw.baseAddress!.assumingMemoryBound(to: CChar.self), &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_mode & S_IFMT == S_IFDIR
                    }
                    guard isDirectory || include(name) else { return }
                    found.append((names.count, name.count, isDirectory))
                    names.append(contentsOf: name)
                }
            }
            closedir(dir)
        }
        names.withUnsafeBufferPointer { raw in
            let base = raw.baseAddress ?? UnsafePointer(bitPattern: 1)!
            // Byte order with `memcmp`: the generic `lexicographicallyPrecedes` was a tenth of a no-op build.
            found.sort { a, b in
                let order = memcmp(base + a.start, base + b.start, min(a.count, b.count))
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
        var records: [UInt8] = []
        records.reserveCapacity(names.count + 2 * found.count)
        var starts: [Int] = []
        starts.reserveCapacity(found.count)
        for entry in found {
            starts.append(records.count)
            records.append(entry.isDirectory ? UInt8(ascii: "d") : UInt8(ascii: "f"))
            records += names[entry.start..<(entry.start + entry.count)]
            records.append(0)
        }
        return FolderListing.Folder(stamp: stamp, records: records, starts: starts)
    }

    /// Stats every file and writes the lines; the stats are the whole cost, so they are spread over the cores.
    private mutating func statFiles(now: Int) {
        let chunkSize = 256
        let chunks = stride(from: 0, to: table.count, by: chunkSize).map { $0..<min($0 + chunkSize, table.count) }
        let parts = arena.withUnsafeBufferPointer { arena in
            table.withUnsafeBufferPointer { table in
                // Read-only while the threads run; the closure would otherwise retain and release the arrays per
                // file, from two threads on one cache line.
                nonisolated(unsafe) let arena = arena.baseAddress!, table = table
                return parallelMap(chunks, serialUpTo: 1) { range -> (bytes: [UInt8], racy: Bool) in
                    var out: [UInt8] = []
                    out.reserveCapacity(range.count * 128)
                    var racy = false
                    for line in table[range] {
                        out.append(contentsOf: UnsafeBufferPointer(start: arena + Int(line.start), count: Int(line.count)))
                        guard line.fd >= 0 else { continue }
                        var st = stat()
                        guard fstatat(line.fd, UnsafeRawPointer(arena + Int(line.name)).assumingMemoryBound(to: CChar.self), &st, AT_SYMLINK_NOFOLLOW) == 0 else {
                            out += Self.unreadable
                            continue
                        }
                        if abs(st.st_mtim.tv_sec * 1_000_000_000 + st.st_mtim.tv_nsec - now) < InputSignature.racyWindowNS { racy = true }
                        Self.appendDecimal(Int(st.st_size), to: &out)
                        Self.appendDecimal(st.st_mtim.tv_sec, to: &out)
                        Self.appendDecimal(st.st_mtim.tv_nsec, to: &out)
                        Self.appendDecimal(Int(st.st_ino), to: &out)
                        Self.appendDecimal(Int(st.st_mode), to: &out)
                        out.append(UInt8(ascii: "\n"))
                    }
                    return (out, racy)
                }
            }
        }
        lines.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count })
        for part in parts {
            lines += part.bytes
            if part.racy { isRacy = true }
        }
    }

    private static let unreadable = Array(" unreadable\n".utf8)

    /// Appends a space and `n` in decimal.
    static func appendDecimal(_ n: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: " "))
        var n = n
        if n < 0 { out.append(UInt8(ascii: "-")); n = -n }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var i = buffer.count
            repeat {
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            } while n > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i...]))
        }
    }
}
