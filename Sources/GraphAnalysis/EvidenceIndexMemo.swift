import NoteParsing

/// The BM25 index that evidence was ranked by in the last build, with the path and document fingerprint of each
/// document it counted, in order. Kept as the analysis memo's last entry (see `AnalysisMemo`), so that a rebuild
/// counts again only the notes and papers whose documents changed: counting every one of them was a quarter of an
/// edit's analysis at 10,000 notes once some lines admit a gap.
///
/// Equal fingerprints stand for equal documents (`ParseCache`'s), and a document's terms depend on its document
/// alone, so the updated index holds the postings and lengths a fresh one would: the same scores, the same evidence.
struct EvidenceIndexMemo {
    var paths: [String]
    var fingerprints: [UInt64]
    var index: BM25Index

    /// A fresh index is made instead when more than this share of the documents changed: updating every list then
    /// costs what counting does.
    static let largestChangedShare = 4

    /// The index of the documents at `paths` with `fingerprints` (nil: a document no fingerprint describes, always
    /// counted again), from this memo's where the paths are the remembered ones in the same order and at most a
    /// quarter of the documents changed; `terms` gives a document's terms by position. Nil otherwise.
    func updated(paths: [String], fingerprints: [UInt64?], terms: @Sendable (Int) -> [String]) -> BM25Index? {
        guard paths == self.paths else { return nil }
        let changed = paths.indices.filter { fingerprints[$0] != self.fingerprints[$0] }
        guard !changed.isEmpty else { return index }
        guard changed.count * Self.largestChangedShare <= paths.count else { return nil }
        let recounted = BM25Index(documentCount: changed.count) { terms(changed[$0]) }
        return index.replacing(changed, with: recounted)
    }

    func encode(into w: inout BinaryWriter) {
        w.write(paths.count)
        for (path, (fingerprint, length)) in zip(paths, zip(fingerprints, index.documentLengths)) {
            w.write(path)
            w.write(Int(bitPattern: UInt(fingerprint)))
            w.write(length)
        }
        // Terms in order, so that equal indexes give equal bytes; each list as its raw postings (two 32-bit numbers
        // each), read back by one copy instead of a varint per number.
        let postings = index.allPostings.sorted { $0.key < $1.key }
        w.write(postings.count)
        for (term, list) in postings {
            w.write(term)
            list.withUnsafeBytes { w.write(raw: $0) }
        }
    }

    /// Reads what `encode(into:)` wrote; throws `BinaryReader.Damaged` for bytes that do not hold an index of
    /// these documents (a document number out of range, or a list out of document order).
    init(reading r: inout BinaryReader) throws {
        let count = try r.count()
        var paths: [String] = [], fingerprints: [UInt64] = [], lengths: [Int] = []
        paths.reserveCapacity(count)
        fingerprints.reserveCapacity(count)
        lengths.reserveCapacity(count)
        for _ in 0..<count {
            paths.append(try r.string())
            fingerprints.append(UInt64(bitPattern: Int64(try r.int())))
            lengths.append(try r.int())
        }
        let termCount = try r.count()
        var postings: [String: [BM25Index.Posting]] = [:]
        postings.reserveCapacity(termCount)
        let stride = MemoryLayout<BM25Index.Posting>.stride
        for _ in 0..<termCount {
            let term = try r.string()
            let raw = try r.raw()
            guard raw.count % stride == 0 else { throw BinaryReader.Damaged() }
            let list = [BM25Index.Posting](unsafeUninitializedCapacity: raw.count / stride) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
                initialized = raw.count / stride
            }
            var previous = -1
            for posting in list {
                guard posting.doc > previous, posting.doc < count else { throw BinaryReader.Damaged() }
                previous = posting.doc
            }
            postings[term] = list
        }
        self.paths = paths
        self.fingerprints = fingerprints
        self.index = BM25Index(postings: postings, lengths: lengths)
    }

    init(paths: [String], fingerprints: [UInt64], index: BM25Index) {
        self.paths = paths
        self.fingerprints = fingerprints
        self.index = index
    }
}
