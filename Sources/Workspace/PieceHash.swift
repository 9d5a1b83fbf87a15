import NoteParsing

/// The manifest hash of a chunked file (graph.json), made from its pieces' `FNV1a.words` hashes and lengths, in
/// order, instead of from its bytes: the pieces copied from the last build's file by the kernel are never read, and
/// their hashes are the chunk table's. Equal pieces give equal hashes, so a chunked file that comes out the same is
/// carried over as any other file is; the pieces of a chunked file are cut the same way for the same content (see
/// `GraphJSON`), so its hash is the same whether its chunks were copied or encoded.
struct PieceHash {
    private var hash = FNV1a.wordsBasis
    private(set) var length = 0

    mutating func add(_ pieceHash: UInt64, count: Int) {
        hash = FNV1a.mix(FNV1a.mix(hash, word: pieceHash), word: UInt64(count))
        length += count
    }

    /// 16 hex digits, as `ContentHash` gives.
    var hex: String { ContentHash.hex(FNV1a.mix(hash, word: UInt64(length))) }
}
