import NoteParsing

#if canImport(Glibc)
import Glibc
#endif

/// The last build's parsed notes, by exact path and text: a rebuild decodes the notes that did not change instead
/// of parsing them again (after a one-note edit at 10,000 notes, one parse and 9,999 decodes). Kept by the caller
/// as a state file beside the site; a note is reused only when its path, its text's length and its text's 64-bit
/// hash are what was parsed, and only by the executable that wrote the cache (another version may parse
/// differently), so the documents, and everything built from them, are the same as a cold build's.
///
/// Format: `formatLine`, the key line (the executable's stamp), then for each note its path, its text's length and
/// `FNV1a.words` hash, its `NoteDocument` bytes (each length-prefixed, `BinaryWriter`) and a checksum of those bytes.
/// Damage reads as a shorter cache: an entry that cannot be read, or whose document bytes fail their checksum, is
/// parsed again.
///
/// The text itself is not kept: it was a third of the cache (28 MB at 10,000 notes), and every build already has it
/// in memory, so a hash compares as surely for an edit (two versions of a note of the same length colliding is a
/// one in 2^64 chance) while a hundred-thousand-note build writes 280 MB less.
public struct ParseCache: Sendable {
    static let formatLine = Array("notegraph parse cache 4\n".utf8)

    private let bytes: [UInt8]
    /// Each cached note's text (its length and hash), document and whole entry, as ranges of `bytes`, by path.
    private let entries: [String: Entry]
    /// The documents decoded before the notes were read (see `decodeAhead`), by path.
    private var ahead: [String: Cached] = [:]

    /// A cached document, where its entry is in `bytes`, and the checksum of its bytes.
    private typealias Cached = (document: NoteDocument, entry: Range<Int>, checksum: UInt64)

    private struct Entry: Sendable {
        var textLength: Int
        var textHash: Int
        var document: Range<Int>
        /// `FNV1a.words` of the document bytes, as a bit pattern.
        var checksum: Int
        var whole: Range<Int>
    }

    /// Nothing cached: every note is parsed.
    public static let empty = ParseCache(bytes: [], entries: [:])

    private init(bytes: [UInt8], entries: [String: Entry]) {
        self.bytes = bytes
        self.entries = entries
    }

    /// Reads stored bytes; another format or `key` reads as empty.
    public init(bytes: [UInt8], key: [UInt8]) {
        guard let start = CacheHeader.end(of: bytes, format: Self.formatLine, key: key) else {
            self = .empty
            return
        }
        var entries: [String: Entry] = [:]
        bytes.withUnsafeBytes { raw in
            var r = BinaryReader(raw, at: start)
            while !r.isAtEnd {
                let start = r.offset
                guard let path = try? r.string(), let textLength = try? r.int(), let textHash = try? r.int(), let document = try? r.raw(),
                      let checksum = try? r.int() else { break }
                entries[path] = Entry(textLength: textLength, textHash: textHash, document: range(of: document, in: raw), checksum: checksum, whole: start..<r.offset)
            }
        }
        self.init(bytes: bytes, entries: entries)
    }

    /// How many notes the cache holds.
    public var count: Int { entries.count }

    /// Decodes, on all cores, the cached documents of the notes at `paths` that are to be left unread (see
    /// `SourceFile.unread`), and returns the paths it could: the others must be read after all. Done before
    /// `documents(for:)` so that a note is never left unread when its entry turns out damaged.
    public mutating func decodeAhead(_ paths: Set<String>) -> Set<String> {
        let wanted = paths.filter { entries[$0] != nil }.sorted()
        let cache = self
        let decoded = parallelMap(wanted) { path in cache.decoded(path, checkingText: nil) }
        for (path, cached) in zip(wanted, decoded) { ahead[path] = cached }
        return Set(ahead.keys)
    }

    /// How many notes go through one round of parsing or decoding before their cache entries are handed on: keeps
    /// the new cache's bytes from piling up in memory while both cores stay busy.
    static let batchSize = 512

    /// The documents of `files`, in order, decoded from the cache or parsed, how many were decoded, and each
    /// document's fingerprint: the checksum of its cache bytes, which are all of it (see `NoteDocument.encode`), so
    /// equal fingerprints mean equal documents for this executable. The next build's cache (under `key`) goes to
    /// `keep` in pieces, in order, as the batches are done.
    public func documents(for files: [SourceFile], key: [UInt8], keep: (UnsafeRawBufferPointer) -> Void) -> (documents: [NoteDocument], reused: Int, fingerprints: [UInt64]) {
        CacheHeader.bytes(format: Self.formatLine, key: key).withUnsafeBytes(keep)
        var documents: [NoteDocument] = []
        var fingerprints: [UInt64] = []
        documents.reserveCapacity(files.count)
        fingerprints.reserveCapacity(files.count)
        var reused = 0
        bytes.withUnsafeBytes { old in
            // Reused entries lie one after another in the old cache, as their notes do in the folder: each run of them
            // is handed on in place, in one piece, instead of being copied into a new buffer first (after a one-note
            // edit at 10,000 notes, a hundred megabytes copied for nothing).
            var run: Range<Int>?
            func flush() {
                if let r = run, !r.isEmpty { keep(UnsafeRawBufferPointer(rebasing: old[r])) }
                run = nil
            }
            for start in stride(from: 0, to: files.count, by: Self.batchSize) {
                let batch = Array(files[start..<min(start + Self.batchSize, files.count)])
                let results = parallelMap(batch) { file -> (document: NoteDocument, entry: [UInt8], reused: Range<Int>?, fingerprint: UInt64) in
                    // Bodies packed as they are made (see `NoteDocument.packBody`), so that no more trees than a
                    // batch's are ever held at once; a cached document's body is read packed.
                    if file.isUnread {
                        guard let cached = ahead[file.path] else { preconditionFailure("\(file.path) was left unread without its document decoded ahead") }
                        return (cached.document, [], cached.entry, cached.checksum)
                    }
                    if let cached = cachedEntry(for: file) { return (cached.document, [], cached.entry, cached.checksum) }
                    var document = NoteParser.parse(file)
                    document.packBody()
                    let (entry, checksum) = Self.entry(file, document)
                    return (document, entry, nil, checksum)
                }
                for result in results {
                    documents.append(result.document)
                    fingerprints.append(result.fingerprint)
                    if let entry = result.reused {
                        reused += 1
                        if let r = run, r.upperBound == entry.lowerBound { run = r.lowerBound..<entry.upperBound; continue }
                        flush()
                        run = entry
                    } else {
                        flush()
                        result.entry.withUnsafeBytes(keep)
                    }
                }
            }
            flush()
        }
        return (documents, reused, fingerprints)
    }

    /// The cached document of `file` and where its entry is in `bytes`, when its path, text length and text hash are
    /// the cached ones and the entry decodes.
    private func cachedEntry(for file: SourceFile) -> Cached? {
        var text = file.text
        return text.withUTF8 { decoded(file.path, checkingText: UnsafeRawBufferPointer($0)) }
    }

    /// The cached document at `path`, when its entry decodes and, given `text`, was made from that text.
    private func decoded(_ path: String, checkingText text: UnsafeRawBufferPointer?) -> Cached? {
        guard let entry = entries[path] else { return nil }
        return bytes.withUnsafeBytes { raw -> Cached? in
            if let text, text.count != entry.textLength || Self.hash(text) != entry.textHash { return nil }
            let document = UnsafeRawBufferPointer(rebasing: raw[entry.document])
            // The text is compared, the document checked: a flipped byte in a string would otherwise decode.
            guard Self.hash(document) == entry.checksum else { return nil }
            var r = BinaryReader(document)
            guard let document = try? NoteDocument(reading: &r), r.isAtEnd, document.path == path else { return nil }
            return (document, entry.whole, UInt64(bitPattern: Int64(entry.checksum)))
        }
    }

    /// `FNV1a.words` of `bytes` as the cache writes it, a bit pattern: a note's text and its document's checksum.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        Int(bitPattern: UInt(FNV1a.words(bytes)))
    }

    /// One note's cache entry, and the checksum of its document bytes.
    static func entry(_ file: SourceFile, _ document: NoteDocument) -> (entry: [UInt8], checksum: UInt64) {
        var encoded = BinaryWriter(capacity: 4 * file.text.utf8.count)
        document.encode(into: &encoded)
        var w = BinaryWriter(capacity: encoded.bytes.count + file.path.utf8.count + 40)
        w.write(file.path)
        var text = file.text
        text.withUTF8 { utf8 in
            w.write(utf8.count)
            w.write(Self.hash(UnsafeRawBufferPointer(utf8)))
        }
        let checksum = encoded.bytes.withUnsafeBytes { document in
            let checksum = FNV1a.words(document)
            w.write(raw: document)
            w.write(Int(bitPattern: UInt(checksum)))
            return checksum
        }
        return (w.bytes, UInt64(checksum))
    }
}

private func range(of part: UnsafeRawBufferPointer, in whole: UnsafeRawBufferPointer) -> Range<Int> {
    guard let base = whole.baseAddress, let start = part.baseAddress else { return 0..<0 }
    let offset = start - base
    return offset..<(offset + part.count)
}
