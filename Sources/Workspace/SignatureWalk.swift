import NoteParsing

#if canImport(Glibc)
import Glibc
#endif

/// One folder tree as `InputSignature` records it: a line per folder and per included file (`size mtime-s mtime-ns
/// inode mode`), depth first, names in byte order, hidden entries skipped, links not followed.
///
/// Written over `openat`/`readdir`/`fstatat` on folder descriptors, names kept NUL-terminated in one buffer,
/// because this is the whole of a no-op build: 10,000 notes cost 10,000 `fstatat` calls (about 2 µs each in the
/// kernel here) and the walk should add nothing to them. `FileManager.enumerator` cost several times more per file.
struct SignatureWalk {
    /// Whether a file changed within `InputSignature.racyWindowNS` of `now`.
    private(set) var isRacy = false

    /// The folders the walk opened, closed when it is done.
    private var descriptors: [Int32] = []
    /// Each folder's path then its entry records (`FolderListing.Folder.records`, names ending in NUL, as `fstatat`
    /// takes them), and the lines written as they are: one buffer of plain bytes, so that the threads that stat the
    /// files share it without reference counting.
    private var arena: [UInt8] = []
    /// The signature's lines in walk order, as places in `arena`.
    private var table: [Line] = []

    /// 32-bit places: the table has a line per file, and its size is fresh memory that a no-op build touches.
    private struct Line {
        /// The folder to stat the file in, or -1 for a line written as it is.
        var fd: Int32
        /// The file's folder path, or the whole line.
        var start: Int32
        var count: Int32
        /// The file's name (followed by a NUL).
        var name: Int32 = 0
        var nameCount: Int32 = 0
    }

    /// Walks `root`, whose lines start with `prefix` (`notes/`), and appends its lines to `pieces`; `include` picks
    /// the files (folders are always walked). Folders whose stamp matches `previous` are not listed again; settled
    /// folders go into `listing`.
    init(_ root: String, prefix: [UInt8], now: Int, previous: FolderListing?, listing: inout FolderListing, into pieces: inout [[UInt8]],
         include: (UnsafeBufferPointer<UInt8>) -> Bool) {
        // Sized by what the last walk found here, so that neither buffer is copied as it grows.
        if let size = previous?.size(under: prefix) {
            arena.reserveCapacity(size.bytes + 2 * size.entries)
            table.reserveCapacity(size.entries)
        }
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 {
            literal(prefix + Array("(unreadable)/ dir\n".utf8))
        } else {
            visit(fd, path: prefix, now: now, previous: previous, listing: &listing, include: include)
        }
        statFiles(now: now, into: &pieces)
        for fd in descriptors { close(fd) }
    }

    private mutating func literal(_ line: [UInt8]) {
        table.append(Line(fd: -1, start: Int32(arena.count), count: Int32(line.count)))
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
        let pathStart = arena.count
        arena += path
        let recordsStart = arena.count
        arena += folder.records
        table.reserveCapacity(table.count + folder.count)
        for entry in 0..<folder.count {
            let name = recordsStart + folder.starts[entry] + 1
            let nameCount = (entry + 1 < folder.count ? folder.starts[entry + 1] : folder.records.count) - folder.starts[entry] - 2
            guard folder.isDirectory(entry) else {
                table.append(Line(fd: fd, start: Int32(pathStart), count: Int32(path.count), name: Int32(name), nameCount: Int32(nameCount)))
                continue
            }
            let subpath = path + folder.name(entry) + [UInt8(ascii: "/")]
            literal(subpath + Array(" dir\n".utf8))
            let sub = arena.withUnsafeBufferPointer { raw in
                Glibc.openat(fd, UnsafeRawPointer(raw.baseAddress! + name).assumingMemoryBound(to: CChar.self), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
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
        return FolderListing.Folder(stamp: stamp, records: records[...], starts: starts)
    }

    /// Stats every file and appends the lines to `pieces`; the stats are the whole cost, so they are spread over the
    /// cores, each chunk written into its own buffer by pointer (the lines of 10,000 notes are a megabyte), and the
    /// buffers are the signature's pieces as they are.
    private mutating func statFiles(now: Int, into pieces: inout [[UInt8]]) {
        let chunkSize = 256
        let chunks = stride(from: 0, to: table.count, by: chunkSize).map { $0..<min($0 + chunkSize, table.count) }
        let parts = arena.withUnsafeBufferPointer { arena in
            table.withUnsafeBufferPointer { table in
                // Read-only while the threads run; the closure would otherwise retain and release the arrays per
                // file, from two threads on one cache line.
                nonisolated(unsafe) let arena = arena.baseAddress!, table = table
                return parallelMap(chunks, serialUpTo: 1) { range -> (bytes: [UInt8], racy: Bool) in
                    var capacity = 0
                    for line in table[range] { capacity += Int(line.count) + Int(line.nameCount) + (line.fd >= 0 ? Self.statsWidth : 0) }
                    var racy = false
                    let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, written in
                        var p = buffer.baseAddress!
                        func put(_ from: UnsafePointer<UInt8>, _ count: Int) {
                            p.update(from: from, count: count)
                            p += count
                        }
                        for line in table[range] {
                            put(arena + Int(line.start), Int(line.count))
                            guard line.fd >= 0 else { continue }
                            put(arena + Int(line.name), Int(line.nameCount))
                            var st = stat()
                            guard fstatat(line.fd, UnsafeRawPointer(arena + Int(line.name)).assumingMemoryBound(to: CChar.self), &st, AT_SYMLINK_NOFOLLOW) == 0 else {
                                Self.unreadable.withUnsafeBufferPointer { put($0.baseAddress!, $0.count) }
                                continue
                            }
                            if abs(st.st_mtim.tv_sec * 1_000_000_000 + st.st_mtim.tv_nsec - now) < InputSignature.racyWindowNS { racy = true }
                            Self.putDecimal(Int(st.st_size), at: &p)
                            Self.putDecimal(st.st_mtim.tv_sec, at: &p)
                            Self.putDecimal(st.st_mtim.tv_nsec, at: &p)
                            Self.putDecimal(Int(st.st_ino), at: &p)
                            Self.putDecimal(Int(st.st_mode), at: &p)
                            p.pointee = UInt8(ascii: "\n")
                            p += 1
                        }
                        written = buffer.baseAddress!.distance(to: p)
                    }
                    return (bytes, racy)
                }
            }
        }
        for part in parts {
            pieces.append(part.bytes)
            if part.racy { isRacy = true }
        }
    }

    private static let unreadable = Array(" unreadable\n".utf8)
    /// The most a file's stats take: five numbers of up to 20 digits and a sign, each after a space, and a newline
    /// (and more than ` unreadable`).
    private static let statsWidth = 5 * 22 + 1

    /// Writes a space and `n` in decimal at `p`, and moves `p` past them.
    static func putDecimal(_ n: Int, at p: inout UnsafeMutablePointer<UInt8>) {
        p.pointee = UInt8(ascii: " ")
        p += 1
        var magnitude = n.magnitude
        if n < 0 {
            p.pointee = UInt8(ascii: "-")
            p += 1
        }
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 { digits += 1; rest /= 10 }
        var q = p + digits
        p = q
        repeat {
            q -= 1
            q.pointee = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
    }
}
