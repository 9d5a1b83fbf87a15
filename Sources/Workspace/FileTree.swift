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
