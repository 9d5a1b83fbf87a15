import Foundation
import NoteParsing

#if canImport(Glibc)
import Glibc
#endif

/// What a build read, as cheap facts: every note's and template's size, modification time (ns) and inode, the
/// build options and the notegraph executable itself. Equal signatures mean a rebuild would write the same site,
/// so `notegraph build` can stop after one `fstatat` per file (`SignatureWalk`). The rules match `NotesFolder`:
/// hidden entries skipped, symbolic links not followed.
public struct InputSignature: Equatable, Sendable {
    /// The signature's bytes in the pieces the walk wrote them in (a header, then one piece per chunk of files
    /// each thread stat'ed). Not joined: a no-op build only compares them, piece by piece, with the stored file,
    /// and joining a megabyte of fresh memory cost about as much as the comparison saves (page faults).
    let pieces: [[UInt8]]
    /// The folders the walk listed, for the next walk (see `FolderListing`); not part of what is compared.
    public let listing: FolderListing

    /// The signature's bytes in one array, as the build stores them.
    public var bytes: [UInt8] {
        guard pieces.count != 1 else { return pieces[0] }
        var joined: [UInt8] = []
        joined.reserveCapacity(count)
        for piece in pieces { joined += piece }
        return joined
    }

    /// The number of bytes.
    public var count: Int { pieces.reduce(0) { $0 + $1.count } }

    /// Walks the notes and templates. Folders whose stamp is the same as in `previous` (the last build's listing)
    /// are not listed again, only their files are stat'ed: the signature comes out the same either way.
    public init(notes: URL, templates: URL?, options: String, previous: FolderListing? = nil) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        self.init(notes: notes, templates: templates, options: options, previous: previous, now: now.tv_sec * 1_000_000_000 + now.tv_nsec)
    }

    /// The signature as if taken at `nowNS` (nanoseconds since 1970), the time recent changes are judged against.
    init(notes: URL, templates: URL?, options: String, previous: FolderListing?, now nowNS: Int) {
        let executable = Array("executable \(InputSignature.stamp(ofFileAt: "/proc/self/exe"))\n".utf8)
        // A listing written by another executable may have been walked by other rules.
        let previous = previous?.executable == executable ? previous : nil
        var listing = FolderListing(executable: executable)
        // The lines go straight after the header of a trusted signature; a racy one gets its longer header after.
        let header = Array("notegraph build signature 2\n".utf8)
        var pieces = [header + Array("options \(options)\n".utf8) + executable]
        let notesWalk = SignatureWalk(notes.path, prefix: Array("notes/".utf8), now: nowNS, previous: previous, listing: &listing, into: &pieces) {
            NotesFolder.isMarkdown($0)
        }
        let templatesWalk = templates.map { SignatureWalk($0.path, prefix: Array("templates/".utf8), now: nowNS, previous: previous, listing: &listing, into: &pieces) { _ in true } }
        // A file modified less than `racyWindow` before now may be modified again within the same timestamp tick
        // (the kernel's clock for file times advances by a few milliseconds; some file systems keep whole seconds)
        // with the same size: its stat would not change. Such a signature is marked with the time it was taken, so
        // it equals no other and the next build rebuilds instead of trusting it.
        let racy = notesWalk.isRacy || templatesWalk?.isRacy == true
        isRacy = racy
        if racy { pieces[0].replaceSubrange(0..<header.count, with: Array("notegraph build signature 2 racy \(nowNS)\n".utf8)) }
        self.pieces = pieces
        self.listing = listing
    }

    /// The line naming the executable that took the signature (its size, time and inode): what a cache written by
    /// this build is keyed by, since another version may parse or render differently.
    public var executable: [UInt8] { listing.executable }

    /// Signatures are equal when their bytes are (the listing is a cache).
    public static func == (a: InputSignature, b: InputSignature) -> Bool {
        guard a.count == b.count else { return false }
        var rest = a.remainder
        for piece in b.pieces where !piece.withUnsafeBytes({ rest.consume($0) }) { return false }
        return true
    }

    /// The signature's bytes from the start, to be matched against other bytes in order, one block at a time.
    var remainder: Remainder { Remainder(pieces: pieces) }

    /// What is left of a signature's bytes after the blocks matched so far.
    struct Remainder {
        let pieces: [[UInt8]]
        private var piece = 0, offset = 0

        init(pieces: [[UInt8]]) { self.pieces = pieces }

        /// Whether `block` is what comes next; if so, moves past it.
        mutating func consume(_ block: UnsafeRawBufferPointer) -> Bool {
            var done = 0
            while done < block.count {
                guard piece < pieces.count else { return false }
                let available = pieces[piece].count - offset
                guard available > 0 else { piece += 1; offset = 0; continue }
                let n = min(available, block.count - done)
                let same = pieces[piece].withUnsafeBytes { memcmp($0.baseAddress! + offset, block.baseAddress! + done, n) == 0 }
                guard same else { return false }
                offset += n
                done += n
            }
            return true
        }
    }

    /// `memcmp`: Array's `==` compares a megabyte element by element.
    static func sameBytes(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        a.count == b.count && a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
    }

    /// How recently a file must have changed for its size and time not to prove that it has not changed since.
    public static let racyWindowNS = 1_000_000_000

    /// Whether a file was modified so recently (see `racyWindowNS`) that this signature cannot vouch for it.
    public private(set) var isRacy = false

    public init(bytes: [UInt8]) {
        pieces = [bytes]
        listing = FolderListing(executable: [])
        isRacy = bytes.starts(with: Array("notegraph build signature 2 racy".utf8))
    }

    /// The lines about the executable and the notes (the third line up to the templates): equal for two
    /// signatures when the graph built from the notes would be the same, whatever the templates and site options.
    public var graphPart: ArraySlice<UInt8> {
        let bytes = bytes
        let range = bytes.withUnsafeBufferPointer { raw -> Range<Int> in
            guard let base = raw.baseAddress else { return 0..<0 }
            /// The index of the first newline at or after `from`, found with `memchr` (lines are long, this is fast).
            func newline(from: Int) -> Int? {
                guard from < raw.count, let p = memchr(base + from, 0x0A, raw.count - from) else { return nil }
                return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            }
            guard let first = newline(from: 0), let second = newline(from: first + 1) else { return raw.count..<raw.count }
            let marker = Self.templatesPrefix
            var line = second + 1
            while let end = newline(from: line) {
                let next = end + 1
                if raw.count - next >= marker.count, memcmp(base + next, marker, marker.count) == 0 { return (second + 1)..<next }
                line = next
            }
            return (second + 1)..<raw.count
        }
        return bytes[range]
    }

    private static let templatesPrefix = Array("templates/".utf8)

    /// Whether both signatures' `graphPart`s are the same bytes.
    public func sameGraph(as other: InputSignature) -> Bool {
        Self.sameBytes(graphPart, other.graphPart)
    }

    /// Size, mtime and inode of the file at `path` (following links), or "missing".
    static func stamp(ofFileAt path: String) -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { return "missing" }
        return "\(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec) \(st.st_ino)"
    }
}
