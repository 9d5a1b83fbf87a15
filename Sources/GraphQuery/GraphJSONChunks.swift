import NoteParsing

/// Where graph.json's chunks lie in the file one build wrote, and what each was made from: lets the next build
/// copy the chunks whose nodes or edges are the same instead of encoding them again. After a one-note edit nearly
/// all of the file (a sixth of a gigabyte at 10,000 notes, a second of encoding on both cores) is unchanged.
///
/// Chunks end where an item's hash says so (content-defined, as rsync and backup tools cut files), not every so
/// many items: a claim added near the front would otherwise shift every later chunk, and none would match.
public struct GraphJSONChunks: Sendable, Equatable {
    public struct Chunk: Sendable, Equatable {
        /// The hash of the chunk's items (`JSONCallHasher` over each, folded in order).
        public var items: UInt64
        /// Where its bytes start in the file, and how many there are (the separators between chunks excluded).
        public var offset: Int
        public var count: Int
        /// `FNV1a.words` of those bytes: a chunk is copied only if the file still holds them.
        public var bytes: UInt64
    }

    public var chunks: [Chunk]

    public init(chunks: [Chunk]) {
        self.chunks = chunks
    }

    private static let formatLine = Array("notegraph graph.json chunks 1\n".utf8)

    /// The table as the state file holds it, headed like the build's caches (`CacheHeader`) with `key` (the
    /// executable's: another build of notegraph may write the same items differently).
    public func bytes(key: [UInt8]) -> [UInt8] {
        var w = BinaryWriter(capacity: chunks.count * 24)
        w.write(chunks.count)
        for c in chunks {
            w.write(Int(bitPattern: UInt(c.items)))
            w.write(c.offset)
            w.write(c.count)
            w.write(Int(bitPattern: UInt(c.bytes)))
        }
        return CacheHeader.bytes(format: Self.formatLine, key: key) + w.bytes
    }

    /// The table in `bytes`, if they hold one stamped with `key`; nil for anything else.
    public init?(bytes: [UInt8], key: [UInt8]) {
        guard let start = CacheHeader.end(of: bytes, format: Self.formatLine, key: key) else { return nil }
        let read = bytes.withUnsafeBytes { raw -> [Chunk]? in
            var r = BinaryReader(raw, at: start)
            let chunks = try? r.array { r in
                let items = try r.int(), offset = try r.int(), count = try r.int(), hash = try r.int()
                guard offset >= 0, count >= 0 else { throw BinaryReader.Damaged() }
                return Chunk(items: UInt64(bitPattern: Int64(items)), offset: offset, count: count, bytes: UInt64(bitPattern: Int64(hash)))
            }
            return r.isAtEnd ? chunks : nil
        }
        guard let read else { return nil }
        chunks = read
    }
}

/// A file's size, modification time (nanoseconds since 1970) and inode: what tells that a file notegraph wrote is
/// still the one it wrote, without reading it (a rewrite changes the time; `make` and the no-op build trust the
/// same facts). A build keeps graph.json's beside the chunk table (the state file `graph.json-stamp`), and the next
/// copies chunks only from a graph.json that still has it. Kept apart from the table, which is the same for the
/// same graph, while the stamp changes with every file written.
public struct FileStamp: Sendable, Equatable {
    public var size: Int
    public var modified: Int
    public var inode: Int

    public init(size: Int, modified: Int, inode: Int) {
        self.size = size
        self.modified = modified
        self.inode = inode
    }

    /// `size modified inode`, one line.
    public var bytes: [UInt8] { Array("\(size) \(modified) \(inode)\n".utf8) }

    /// The stamp in `bytes`, if they are one (`bytes`'s form); nil for anything else.
    public init?(bytes: [UInt8]) {
        guard bytes.last == UInt8(ascii: "\n") else { return nil }
        let numbers = String(decoding: bytes.dropLast(), as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false).map { Int($0) }
        guard numbers.count == 3, let size = numbers[0], let modified = numbers[1], let inode = numbers[2] else { return nil }
        self.init(size: size, modified: modified, inode: inode)
    }
}

/// Where a chunked file (graph.json) goes as it is written: its bytes, each piece with its `FNV1a.words` hash when
/// the writer has it, and, when the destination can, chunks of the last build's file copied in place (`copy`:
/// the range's offset, length and `FNV1a.words` hash, as the chunk table has them; false if it could not, and
/// then nothing was written).
public struct ChunkedSink {
    public var write: (_ bytes: [UInt8], _ hash: UInt64?) throws -> Void
    public var copy: ((_ offset: Int, _ count: Int, _ hash: UInt64) throws -> Bool)?
    /// Asked, before anything is written, when every chunk is one of the last build's: whether the file these pieces
    /// make (each piece's `FNV1a.words` and length, in order) is the one already published, which the sink then
    /// keeps as it is; if so (true), nothing is written. Nil for a sink that cannot keep a file.
    public var unchanged: ((_ pieces: [(hash: UInt64, count: Int)]) throws -> Bool)?

    public init(
        write: @escaping (_ bytes: [UInt8], _ hash: UInt64?) throws -> Void, copy: ((_ offset: Int, _ count: Int, _ hash: UInt64) throws -> Bool)? = nil,
        unchanged: ((_ pieces: [(hash: UInt64, count: Int)]) throws -> Bool)? = nil
    ) {
        self.write = write
        self.copy = copy
        self.unchanged = unchanged
    }
}

/// What a build hands graph.json's writer: the last build's chunk table and a way to read the file it describes,
/// and, once written, this build's table and how many chunks were copied.
public final class GraphJSONReuse: @unchecked Sendable {  // `made` and `copied` are set by the one writer, read after it
    /// Reads `buffer.count` bytes of the last build's graph.json at `offset` into `buffer`; false if it cannot.
    public typealias Reader = @Sendable (_ offset: Int, _ buffer: UnsafeMutableRawBufferPointer) -> Bool

    private let previous: [UInt64: GraphJSONChunks.Chunk]
    private let read: Reader?
    /// The table of the file this build wrote, once it is written.
    public internal(set) var made: GraphJSONChunks?
    /// How many of its chunks were copied from the last build's file.
    public internal(set) var copied = 0
    /// Whether the last build's file was kept whole, nothing written (see `ChunkedSink.unchanged`).
    public internal(set) var keptWhole = false

    /// With no table, every chunk is encoded (and this build's table is still made). `read` is for a writer whose
    /// sink cannot copy (`GraphJSON.write(_:reusing:to:)`): without it, such a writer encodes every chunk too, while
    /// a sink that copies (`ChunkedSink.copy`) needs only the table.
    public init(previous: GraphJSONChunks? = nil, read: Reader? = nil) {
        var byItems: [UInt64: GraphJSONChunks.Chunk] = [:]
        for chunk in previous?.chunks ?? [] where byItems[chunk.items] == nil { byItems[chunk.items] = chunk }
        self.previous = byItems
        self.read = read
    }

    /// The last build's chunk made from items hashing to `items`, if the table has one.
    func previousChunk(items: UInt64) -> GraphJSONChunks.Chunk? {
        previous[items]
    }

    /// The last build's bytes of a chunk made from items hashing to `items`, into `buffer` (emptied first), if the
    /// table has one and the file still holds its bytes.
    func copy(items: UInt64, into buffer: inout [UInt8]) -> GraphJSONChunks.Chunk? {
        guard let chunk = previous[items], let read else { return nil }
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: repeatElement(0, count: chunk.count))
        let ok = buffer.withUnsafeMutableBytes { read(chunk.offset, $0) } && buffer.withUnsafeBytes { FNV1a.words($0) } == chunk.bytes
        if !ok { buffer.removeAll(keepingCapacity: true) }
        return ok ? chunk : nil
    }
}
