import Foundation
import Testing
@testable import Workspace

#if canImport(Glibc)
import Glibc
#endif

/// Files are read to their end whatever size was taken for them beforehand: a file that grew since its `fstat`
/// (a note saved during the build) is read whole, not cut at the size the build saw.
@Suite struct FileReadingTests {
    @Test func aFileIsReadToItsEndWhateverItsSizeWasTakenToBe() throws {
        let tmp = try SiteOutputTests.temporary()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let file = tmp.appendingPathComponent("state")
        let bytes = (0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        try Data(bytes).write(to: file)
        for hint in [0, 1, 4_096, 100_002, 100_003, 100_004, 1 << 20] {
            let fd = open(file.path, O_RDONLY)
            #expect(fd >= 0)
            defer { close(fd) }
            #expect(FileTree.readToEnd(fd, sizeHint: hint) == bytes, "size taken as \(hint)")
        }
        #expect(FileTree.contents(ofRegularFile: file.path) == bytes)
        let empty = tmp.appendingPathComponent("empty")
        try Data().write(to: empty)
        #expect(FileTree.contents(ofRegularFile: empty.path) == [])
        // A folder is not a regular file.
        #expect(FileTree.contents(ofRegularFile: tmp.path) == nil)
    }
}
