#if canImport(Glibc)
import Glibc
#endif

/// The names a signature walk found in each folder, with the folder's stamp (device, inode, modification and
/// change times), kept beside the signature (the state file `listing`) so that the next walk lists again only the
/// folders that changed.
///
/// Why that is safe: adding, removing or renaming an entry sets its folder's modification and change times to now
/// (POSIX), and a change time cannot be set back. So a folder whose stamp is what it was when it was listed still
/// holds the same names, and the walk only has to `fstatat` them. Listing 10,000 names with `getdents64` took 6–9 ms
/// of kernel time on the benchmark machine, a third as much as stat'ing them; reading them back is one copy per
/// folder, and they come sorted. A folder that changed within
/// `InputSignature.racyWindowNS` of being listed is not kept: within one tick of the file clock an entry could be
/// added without moving its stamp.
///
/// Format, binary-safe because file names cannot hold NUL: a header line, the executable's stamp line (a listing
/// is trusted only by the build that wrote it: another version may pick other files), then for each folder its
/// path as the signature writes it (`notes/sub/`), its stamp and its entry count, each ending in NUL, then its
/// entries (`Folder.records`).
public struct FolderListing: Sendable, Equatable {
    /// One folder's stamp and entries.
    struct Folder: Equatable {
        var stamp: [UInt8]
        /// Each entry as `d` (folder) or `f` (file), its name and a NUL, names in byte order: the stored form, and
        /// NUL-terminated names that `fstatat` takes as they are. A slice: a listing read back shares the bytes it
        /// was read from instead of copying each folder's part (fresh memory is most of a no-op build's overhead).
        var records: ArraySlice<UInt8>
        /// Where each entry starts in `records`, counted from its start.
        var starts: [Int]

        var count: Int { starts.count }
        func isDirectory(_ i: Int) -> Bool { records[records.startIndex + starts[i]] == UInt8(ascii: "d") }
        /// The name's bytes, without the NUL.
        func name(_ i: Int) -> ArraySlice<UInt8> {
            let base = records.startIndex
            return records[(base + starts[i] + 1)..<(base + (i + 1 < starts.count ? starts[i + 1] : records.count) - 1)]
        }
    }

    /// The executable's stamp line this listing was written with.
    let executable: [UInt8]
    /// By path as the signature writes it (`notes/`, `notes/sub/`).
    private(set) var folders: [[UInt8]: Folder] = [:]

    static let header = Array("notegraph folder listing 1\n".utf8)

    init(executable: [UInt8]) {
        self.executable = executable
    }

    /// Reads stored bytes; anything malformed reads as an empty listing (every folder is listed again).
    public init(bytes: [UInt8]) {
        var folders: [[UInt8]: Folder] = [:]
        var executable: [UInt8] = []
        bytes.withUnsafeBufferPointer { raw in
            guard raw.starts(with: Self.header), let newline = raw[Self.header.count...].firstIndex(of: UInt8(ascii: "\n")) else { return }
            var i = newline + 1
            /// The index of the next NUL at or after `from`.
            func nul(from: Int) -> Int? {
                guard from < raw.count, let p = memchr(raw.baseAddress! + from, 0, raw.count - from) else { return nil }
                return raw.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
            }
            func field() -> ArraySlice<UInt8>? {
                guard let end = nul(from: i) else { return nil }
                defer { i = end + 1 }
                return ArraySlice(raw[i..<end])
            }
            var parsed: [[UInt8]: Folder] = [:]
            while i < raw.count {
                // An entry takes at least three bytes (kind, name, NUL): a larger count is damage, not a reason to
                // reserve memory for it.
                guard let path = field(), let stamp = field(), let countField = field(),
                      let count = Int(String(decoding: countField, as: UTF8.self)), count >= 0, count <= (raw.count - i) / 3 else { return }
                let first = i
                var starts: [Int] = []
                starts.reserveCapacity(count)
                for _ in 0..<count {
                    guard let end = nul(from: i), end > i + 1, raw[i] == UInt8(ascii: "d") || raw[i] == UInt8(ascii: "f") else { return }
                    starts.append(i - first)
                    i = end + 1
                }
                parsed[Array(path)] = Folder(stamp: Array(stamp), records: bytes[first..<i], starts: starts)
            }
            folders = parsed
            executable = Array(raw[Self.header.count...newline])
        }
        self.executable = executable
        self.folders = folders
    }

    /// The bytes of the records and the number of entries of the folders at or under `path`, what a walk of it
    /// will hold.
    func size(under path: [UInt8]) -> (bytes: Int, entries: Int) {
        var size = (bytes: 0, entries: 0)
        for (folderPath, folder) in folders where folderPath.starts(with: path) {
            size.bytes += folderPath.count + folder.records.count
            size.entries += folder.count
        }
        return size
    }

    /// The folder at `path`, if it was listed with this `stamp`.
    func folder(_ path: [UInt8], stamp: [UInt8]) -> Folder? {
        guard let folder = folders[path], folder.stamp == stamp else { return nil }
        return folder
    }

    mutating func add(_ path: [UInt8], _ folder: Folder) {
        folders[path] = folder
    }

    /// The stored form, folders in path order so that equal listings are equal bytes.
    public var bytes: [UInt8] {
        var out = Self.header + executable
        for path in folders.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let folder = folders[path]!
            out += path
            out.append(0)
            out += folder.stamp
            out.append(0)
            out += Array(String(folder.count).utf8)
            out.append(0)
            out += folder.records
        }
        return out
    }

    /// A folder's stamp as the listing stores it, and whether it is settled: unchanged for `window` before `now`.
    static func stamp(of st: stat, now: Int, window: Int) -> (stamp: [UInt8], settled: Bool) {
        let changed = max(st.st_mtim.tv_sec * 1_000_000_000 + st.st_mtim.tv_nsec, st.st_ctim.tv_sec * 1_000_000_000 + st.st_ctim.tv_nsec)
        let text = "\(st.st_dev) \(st.st_ino) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec) \(st.st_ctim.tv_sec).\(st.st_ctim.tv_nsec)"
        return (Array(text.utf8), now - changed >= window)
    }
}
