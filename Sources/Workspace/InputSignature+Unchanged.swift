#if canImport(Glibc)
import Glibc
#endif

extension InputSignature {
    /// The notes that need not be read again: those whose line (size, modification time, inode, mode) is the same
    /// here as in `previous`, the signature the last build stored, and was already settled when that one was taken.
    /// Paths are relative to the notes folder, as `NotesFolder` shows them; names it would escape are left out.
    ///
    /// Why a note's line vouches for its text: the last build took its signature before reading, and a settled
    /// line's modification time lies at least `racyWindowNS` before that walk. Writing the file after the walk
    /// (before or after that build read it) sets its modification time to about the time of writing, later than
    /// that, so its line now differs. These are the facts a no-op build already trusts for every note at once; here
    /// they are trusted note by note, so that a rebuild after one edit reads one note instead of all of them.
    /// Only a file written with its old size and then given its old modification time back (`touch -d`) could
    /// pass, and that passes the no-op check too.
    ///
    /// Nothing is vouched for when `previous` was taken by another executable (it may pick files by other rules),
    /// nor for a path that appears on two lines of either signature (a site title holding a line break could fake
    /// one).
    public func notesUnchanged(since previous: [UInt8]) -> Set<String> {
        let current = bytes
        guard let old = Self.noteLines(previous, executable: executable), let new = Self.noteLines(current, executable: executable) else { return [] }
        var unchanged = Set<String>(minimumCapacity: min(old.lines.count, new.lines.count))
        for (path, line) in new.lines {
            guard let before = old.lines[path], let line, let before, Self.sameBytes(line.stats, before.stats) else { continue }
            if let taken = old.racyTime, abs(before.modified - taken) < Self.racyWindowNS { continue }
            guard let text = String(validating: path, as: UTF8.self), !path.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { continue }
            unchanged.insert(text)
        }
        return unchanged
    }

    /// One note's line: its stats as written (` size mtime-s mtime-ns inode mode`) and its modification time in ns.
    private struct NoteLine {
        var stats: ArraySlice<UInt8>
        var modified: Int
    }

    /// Each note's line in `bytes` (a stored signature) by path relative to the notes folder (`nil` for a path seen
    /// twice, so that it is never trusted), and the time a racy signature was taken; `nil` when `bytes` is not a
    /// signature taken by `executable`.
    private static func noteLines(_ bytes: [UInt8], executable: [UInt8]) -> (lines: [ArraySlice<UInt8>: NoteLine?], racyTime: Int?)? {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count >= 3, lines[0].starts(with: Array("notegraph build signature 2".utf8)),
              sameBytes(lines[2] + [UInt8(ascii: "\n")], executable[...]) else { return nil }
        let racyPrefix = Array("notegraph build signature 2 racy ".utf8)
        let racyTime = lines[0].starts(with: racyPrefix) ? Int(String(decoding: lines[0].dropFirst(racyPrefix.count), as: UTF8.self)) : nil
        if lines[0].starts(with: racyPrefix), racyTime == nil { return nil }
        let notesPrefix = Array("notes/".utf8)
        var found: [ArraySlice<UInt8>: NoteLine?] = [:]
        found.reserveCapacity(lines.count)
        for line in lines.dropFirst(3) where line.starts(with: notesPrefix) {
            // ` size mtime-s mtime-ns inode mode`: five numbers after the path, which may hold spaces itself.
            var spaces: [Int] = []
            var i = line.endIndex
            while spaces.count < 5, let space = line[line.startIndex..<i].lastIndex(of: UInt8(ascii: " ")) {
                spaces.append(space)
                i = space
            }
            guard spaces.count == 5 else { continue }  // a folder's line, or a file that could not be stat'ed
            let numbers = (0..<5).map { k in Int(String(decoding: line[(spaces[4 - k] + 1)..<(k == 4 ? line.endIndex : spaces[3 - k])], as: UTF8.self)) }
            guard numbers.allSatisfy({ $0 != nil }), let seconds = numbers[1], let nanoseconds = numbers[2] else { continue }
            let path = line[(line.startIndex + notesPrefix.count)..<spaces[4]]
            let note = NoteLine(stats: line[spaces[4]...], modified: seconds * 1_000_000_000 + nanoseconds)
            found[path] = found[path] == nil ? note : .some(nil)
        }
        return (found, racyTime)
    }
}
