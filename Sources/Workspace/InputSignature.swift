import Foundation
import NoteParsing

#if canImport(Glibc)
import Glibc
#endif

/// What a build read, as cheap facts: every note's and template's size, modification time (ns) and inode, the
/// build options and the notegraph executable itself. Equal signatures mean a rebuild would write the same site,
/// so `notegraph build` can stop after one `lstat` per file (about 10 ms for 10,000 notes).
///
/// Walked with `opendir`/`lstat` rather than `FileManager.enumerator`, which costs several times more per file;
/// the rules match `NotesFolder`: hidden entries skipped, symbolic links not followed.
public struct InputSignature: Equatable, Sendable {
    public let bytes: [UInt8]

    public init(notes: URL, templates: URL?, options: String) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let nowNS = now.tv_sec * 1_000_000_000 + now.tv_nsec
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        out += Array("options \(options)\nexecutable \(InputSignature.stamp(ofFileAt: "/proc/self/exe"))\n".utf8)
        var racy = InputSignature.walk(notes.path, prefix: Array("notes/".utf8), into: &out, now: nowNS) { name in
            name.count > 3 && name[name.count - 3] == UInt8(ascii: ".") && name[name.count - 2] | 0x20 == UInt8(ascii: "m") && name[name.count - 1] | 0x20 == UInt8(ascii: "d")
        }
        if let templates { racy = InputSignature.walk(templates.path, prefix: Array("templates/".utf8), into: &out, now: nowNS) { _ in true } || racy }
        // A file modified less than `racyWindow` before now may be modified again within the same timestamp tick
        // (the kernel's clock for file times advances by a few milliseconds; some file systems keep whole seconds)
        // with the same size: its stat would not change. Such a signature is marked with the time it was taken, so
        // it equals no other and the next build rebuilds instead of trusting it.
        isRacy = racy
        bytes = Array("notegraph build signature 2\(racy ? " racy \(nowNS)" : "")\n".utf8) + out
    }

    /// How recently a file must have changed for its size and time not to prove that it has not changed since.
    public static let racyWindowNS = 1_000_000_000

    /// Whether a file was modified so recently (see `racyWindowNS`) that this signature cannot vouch for it.
    public private(set) var isRacy = false

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        isRacy = bytes.starts(with: Array("notegraph build signature 2 racy".utf8))
    }

    /// The lines about the executable and the notes (the third line up to the templates): equal for two
    /// signatures when the graph built from the notes would be the same, whatever the templates and site options.
    public var graphPart: ArraySlice<UInt8> {
        var newlines = 0
        var start = bytes.endIndex
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            newlines += 1
            if newlines == 2 { start = i + 1; break }
        }
        let marker = Array("\ntemplates/".utf8)
        var end = bytes.endIndex
        var i = start
        while i + marker.count <= bytes.count {
            if bytes[i] == marker[0], bytes[i..<i + marker.count].elementsEqual(marker) { end = i + 1; break }
            i += 1
        }
        return bytes[min(start, end)..<end]
    }

    /// Size, mtime and inode of the file at `path` (following links), or "missing".
    static func stamp(ofFileAt path: String) -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { return "missing" }
        return "\(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec) \(st.st_ino)"
    }

    /// One file or folder found by the walk, and what `fstatat` said of it.
    private struct Found {
        var prefix: [UInt8]
        var name: [UInt8]
        /// The open folder the name is relative to.
        var folder: Int32
        var isDirectory: Bool
        var numbers: [Int] = []
    }

    /// Appends the stats below `folder`; returns whether a file changed within `racyWindowNS` of `now`.
    private static func walk(_ folder: String, prefix: [UInt8], into out: inout [UInt8], now: Int, include: ([UInt8]) -> Bool) -> Bool {
        var found: [Found] = []
        var descriptors: [Int32] = []
        list(folder, prefix: prefix, found: &found, descriptors: &descriptors, include: include)
        // The stats are the whole cost (one system call per file): spread them over the cores.
        let files = found.indices.filter { !found[$0].isDirectory }
        let listed = found
        // More than 32 chunks: parallelMap runs shorter lists serially.
        let size = max(64, files.count / 64)
        let chunks = stride(from: 0, to: files.count, by: size).map { files[$0..<min($0 + size, files.count)] }
        let stats = parallelMap(chunks) { chunk in
            chunk.map { i -> [Int] in
                var st = stat()
                let ok = (listed[i].name + [0]).withUnsafeBufferPointer {
                    fstatat(listed[i].folder, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &st, AT_SYMLINK_NOFOLLOW)
                } == 0
                return ok ? [Int(st.st_size), st.st_mtim.tv_sec, st.st_mtim.tv_nsec, Int(st.st_ino), Int(st.st_mode)] : []
            }
        }
        var racy = false
        for (i, numbers) in zip(files, stats.joined()) {
            found[i].numbers = numbers
            if numbers.count == 5, abs(numbers[1] * 1_000_000_000 + numbers[2] - now) < racyWindowNS { racy = true }
        }
        for fd in descriptors { close(fd) }
        for f in found {
            out += f.prefix
            out += f.name
            if f.isDirectory {
                out += Array("/ dir\n".utf8)
                continue
            }
            for n in f.numbers {
                out.append(UInt8(ascii: " "))
                appendDecimal(n, to: &out)
            }
            out += Array(f.numbers.isEmpty ? " unreadable\n".utf8 : "\n".utf8)
        }
        return racy
    }

    /// Lists `folder` depth first, names in byte order, keeping each folder open for the stats.
    private static func list(_ folder: String, prefix: [UInt8], found: inout [Found], descriptors: inout [Int32], include: ([UInt8]) -> Bool) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0, let dir = fdopendir(dup(fd)) else {
            found.append(Found(prefix: prefix, name: Array("(unreadable)".utf8), folder: -1, isDirectory: true))
            if fd >= 0 { close(fd) }
            return
        }
        descriptors.append(fd)
        var entries: [(name: [UInt8], isDirectory: Bool)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            guard name.first != UInt8(ascii: ".") else { continue }
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {  // some file systems leave the type to `stat`
                var st = stat()
                isDirectory = (name + [0]).withUnsafeBufferPointer {
                    fstatat(fd, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &st, AT_SYMLINK_NOFOLLOW)
                } == 0 && st.st_mode & S_IFMT == S_IFDIR
            }
            entries.append((name, isDirectory))
        }
        closedir(dir)
        for entry in entries.sorted(by: { precedes($0.name, $1.name) }) {
            if entry.isDirectory {
                found.append(Found(prefix: prefix, name: entry.name, folder: fd, isDirectory: true))
                list(folder + "/" + String(decoding: entry.name, as: UTF8.self), prefix: prefix + entry.name + [UInt8(ascii: "/")], found: &found, descriptors: &descriptors, include: include)
            } else if include(entry.name) {
                found.append(Found(prefix: prefix, name: entry.name, folder: fd, isDirectory: false))
            }
        }
    }

    /// Byte order of two names with `memcmp` (the generic `lexicographicallyPrecedes` was a tenth of a no-op build).
    private static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return a.count < b.count }
        let order = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in memcmp(x.baseAddress!, y.baseAddress!, min(x.count, y.count)) } }
        return order != 0 ? order < 0 : a.count < b.count
    }

    private static func appendDecimal(_ n: Int, to out: inout [UInt8]) {
        var n = n
        if n < 0 { out.append(UInt8(ascii: "-")); n = -n }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var i = buffer.count
            repeat {
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            } while n > 0
            out.append(contentsOf: buffer[i...])
        }
    }
}
