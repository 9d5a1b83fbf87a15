import Foundation
import GraphQuery

#if canImport(Glibc)
import Glibc
#endif

/// A file of the current (last published) site, open for reading byte ranges: what a build copies unchanged parts
/// of instead of making them again (graph.json's chunks, see `GraphJSONChunks`). Held open, so the bytes stay
/// readable while the new site is staged, until the swap.
public final class PublishedFile: @unchecked Sendable {  // only `pread`s, which any thread may make at once
    private let fd: Int32
    public let size: Int
    /// Its size, modification time and inode when it was opened.
    public let stamp: FileStamp

    /// The regular file at `path` in the output folder (never through a link), if there is one.
    init?(path: String) {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return nil
        }
        self.fd = fd
        size = Int(st.st_size)
        stamp = FileStamp(st)
    }

    /// The open file, for a kernel copy out of it (`SitePublication.add(path:copyingFrom:producedBy:)`).
    var descriptor: Int32 { fd }

    deinit { close(fd) }

    /// Fills `buffer` with the file's bytes at `offset`; false if the file does not hold that many there.
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard offset >= 0, buffer.count <= size - offset else { return false }
        guard let base = buffer.baseAddress else { return true }
        var done = 0
        while done < buffer.count {
            let n = pread(fd, base + done, buffer.count - done, off_t(offset + done))
            if n > 0 { done += n; continue }
            if n < 0 && errno == EINTR { continue }
            return false  // an error, or the file shrank
        }
        return true
    }
}

extension SiteOutput {
    /// The current site's file `name` (at the top of the output folder), open for reading, if it is a regular file
    /// there and the folder a real one.
    public func publishedFile(_ name: String) -> PublishedFile? {
        guard SiteOutput.isSafeRelativePath(name), !name.contains("/"), FileTree.lstatMode(folder.path)?.mode == S_IFDIR else { return nil }
        return PublishedFile(path: folder.path + "/" + name)
    }
}

extension FileStamp {
    /// The stamp `stat` gives.
    init(_ st: stat) {
        self.init(size: Int(st.st_size), modified: Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec), inode: Int(st.st_ino))
    }
}
