import NoteGraph
import NoteParsing

/// The last build's per-document findings (the first sentence naming each concept, and the claims), so that a
/// rebuild reads them instead of matching every sentence again: after a one-note edit at 10,000 notes, that
/// matching was more than half of analysis. Kept by the caller as a state file beside the site, like `ParseCache`.
///
/// An entry is reused only for a document whose fingerprint (`ParseCache`'s: equal fingerprints, equal documents)
/// is the one it was made from, under the same concept catalogue (mentions are matched against the catalogue, which
/// any note's definitions can change) and by the executable that wrote it. Sentences are kept as their places in
/// the document's sentence lists, not as text: the reused findings share the document's strings, as computed ones
/// do, and the memo of 10,000 notes is a few megabytes.
///
/// Each entry also keeps the document's concept definitions (acronym, expansion and the sentence's place), which
/// depend on the document alone: they are reused for the same document whatever the catalogue, so that a rebuild
/// makes the catalogue without scanning every sentence of the corpus for a definition again.
///
/// The last entry, when some line needed ranked evidence, is the BM25 index evidence was ranked by
/// (`EvidenceIndexMemo`), under the one path no note has: the empty one.
///
/// Format: `formatLine`, the key line, the catalogue's fingerprint, then per document its path, its fingerprint,
/// where its findings start in its bytes, its bytes (definitions, then findings) and their checksum
/// (`BinaryWriter`). Damage reads as a shorter memo: an entry that fails its checksum or does not fit its document
/// is computed again.
public struct AnalysisMemo: Sendable {
    static let formatLine = Array("notegraph analysis memo 3\n".utf8)
    /// The path of the entry that holds the evidence index.
    static let evidenceIndexPath = ""

    private let bytes: [UInt8]
    private let catalog: UInt64
    private let entries: [String: Entry]
    /// Where the evidence index entry's bytes are.
    private let evidenceIndexBytes: Range<Int>?

    private struct Entry: Sendable {
        var fingerprint: UInt64
        var definitions: Range<Int>
        var findings: Range<Int>
        var whole: Range<Int>
    }

    /// Nothing remembered: every document is analysed.
    public static let empty = AnalysisMemo(bytes: [], catalog: 0, entries: [:], evidenceIndexBytes: nil)

    private init(bytes: [UInt8], catalog: UInt64, entries: [String: Entry], evidenceIndexBytes: Range<Int>?) {
        self.bytes = bytes
        self.catalog = catalog
        self.entries = entries
        self.evidenceIndexBytes = evidenceIndexBytes
    }

    /// Reads stored bytes; another format or `key` reads as empty.
    public init(bytes: [UInt8], key: [UInt8]) {
        guard let start = CacheHeader.end(of: bytes, format: Self.formatLine, key: key) else {
            self = .empty
            return
        }
        var catalog: UInt64 = 0
        var entries: [String: Entry] = [:]
        var evidenceIndexBytes: Range<Int>?
        bytes.withUnsafeBytes { raw in
            var r = BinaryReader(raw, at: start)
            guard let stored = try? r.int() else { return }
            catalog = UInt64(bitPattern: Int64(stored))
            while !r.isAtEnd {
                let start = r.offset
                guard let path = try? r.string(), let fingerprint = try? r.int(), let split = try? r.int(), let body = try? r.raw(), let checksum = try? r.int() else { break }
                guard Int(bitPattern: UInt(FNV1a.words(body))) == checksum, (0...body.count).contains(split) else { continue }
                let offset = body.baseAddress! - raw.baseAddress!
                if path == Self.evidenceIndexPath {
                    evidenceIndexBytes = offset..<(offset + body.count)
                    continue
                }
                entries[path] = Entry(
                    fingerprint: UInt64(bitPattern: Int64(fingerprint)), definitions: offset..<(offset + split), findings: (offset + split)..<(offset + body.count),
                    whole: start..<r.offset
                )
            }
        }
        self.init(bytes: bytes, catalog: catalog, entries: entries, evidenceIndexBytes: evidenceIndexBytes)
    }

    /// The evidence index the last build stored; nil if there is none, or it does not read.
    func evidenceIndex() -> EvidenceIndexMemo? {
        guard let range = evidenceIndexBytes else { return nil }
        return bytes.withUnsafeBytes { raw in
            var r = BinaryReader(UnsafeRawBufferPointer(rebasing: raw[range]))
            guard let memo = try? EvidenceIndexMemo(reading: &r), r.isAtEnd else { return nil }
            return memo
        }
    }

    /// The entry that keeps `memo`, the memo's last.
    static func entry(evidenceIndex memo: EvidenceIndexMemo) -> [UInt8] {
        var body = BinaryWriter()
        memo.encode(into: &body)
        return framed(path: evidenceIndexPath, fingerprint: 0, split: 0, body: body.bytes)
    }

    /// How many documents the memo holds.
    public var count: Int { entries.count }

    /// A fingerprint of what mentions are matched against: each concept's acronym and aliases, in order.
    static func fingerprint(of catalog: ConceptCatalog) -> UInt64 {
        var w = BinaryWriter()
        for concept in catalog.concepts {
            w.write(concept.acronym)
            w.write(concept.aliases)
        }
        return w.bytes.withUnsafeBytes { FNV1a.words($0) }
    }

    /// The remembered findings of `text` (whose document has `fingerprint`) under the catalogue with fingerprint
    /// `catalog`, and where their entry is; nil if there are none or they do not fit the text.
    func findings(for text: CorpusText, fingerprint: UInt64, catalog: UInt64, conceptCount: Int) -> (record: FindingsRecord, entry: Range<Int>)? {
        guard catalog == self.catalog, let entry = entries[text.path], entry.fingerprint == fingerprint else { return nil }
        return bytes.withUnsafeBytes { raw in
            var r = BinaryReader(UnsafeRawBufferPointer(rebasing: raw[entry.findings]))
            guard let record = try? FindingsRecord(reading: &r), r.isAtEnd,
                  record.fits(allSentences: text.allSentences.count, proseSentences: text.proseSentences.count, concepts: conceptCount) else { return nil }
            return (record, entry.whole)
        }
    }

    /// The remembered concept definitions of `text` (whose document has `fingerprint`), each with its sentence's
    /// place in `allSentences`, under any catalogue; nil if there are none or they do not fit the text.
    func definitions(for text: CorpusText, fingerprint: UInt64) -> [DocumentDefinition]? {
        guard let entry = entries[text.path], entry.fingerprint == fingerprint else { return nil }
        return bytes.withUnsafeBytes { raw in
            var r = BinaryReader(UnsafeRawBufferPointer(rebasing: raw[entry.definitions]))
            let sentences = text.allSentences
            let definitions = try? r.array { r -> DocumentDefinition in
                let sentence = try r.int()
                guard sentences.indices.contains(sentence) else { throw BinaryReader.Damaged() }
                return DocumentDefinition(sentence: sentence, definition: ConceptDefinition(acronym: try r.string(), expansion: try r.string(), sentence: sentences[sentence]))
            }
            return r.isAtEnd ? definitions : nil
        }
    }

    /// The bytes that start a memo made under `key` for the catalogue with fingerprint `catalog`.
    static func header(key: [UInt8], catalog: UInt64) -> [UInt8] {
        var w = BinaryWriter()
        w.write(Int(bitPattern: UInt(catalog)))
        return CacheHeader.bytes(format: formatLine, key: key) + w.bytes
    }

    /// A document's entry as it was stored.
    func storedEntry(_ range: Range<Int>) -> ArraySlice<UInt8> { bytes[range] }

    /// A new entry for the document at `path`.
    static func entry(path: String, fingerprint: UInt64, definitions: [DocumentDefinition], record: FindingsRecord) -> [UInt8] {
        var findings = BinaryWriter()
        findings.write(definitions.count)
        for d in definitions {
            findings.write(d.sentence)
            findings.write(d.definition.acronym)
            findings.write(d.definition.expansion)
        }
        let split = findings.bytes.count
        record.encode(into: &findings)
        return framed(path: path, fingerprint: fingerprint, split: split, body: findings.bytes)
    }

    /// An entry's bytes: its path, fingerprint, where its findings start, its body and the body's checksum.
    private static func framed(path: String, fingerprint: UInt64, split: Int, body: [UInt8]) -> [UInt8] {
        var w = BinaryWriter(capacity: body.count + path.utf8.count + 32)
        w.write(path)
        w.write(Int(bitPattern: UInt(fingerprint)))
        w.write(split)
        body.withUnsafeBytes { bytes in
            w.write(raw: bytes)
            w.write(Int(bitPattern: UInt(FNV1a.words(bytes))))
        }
        return w.bytes
    }
}

/// A concept definition found in a document, with its sentence's place in the document's `allSentences`.
struct DocumentDefinition: Sendable {
    var sentence: Int
    var definition: ConceptDefinition

    /// Every definition in `text`, in sentence order.
    static func all(in text: CorpusText) -> [DocumentDefinition] {
        text.allSentences.indices.flatMap { k in
            ConceptDefinitionFinder.definitions(in: text.allSentences[k]).map { DocumentDefinition(sentence: k, definition: $0) }
        }
    }
}

/// What one document yields, with sentences as their places in its `CorpusText`: the first sentence naming each
/// concept (in `allSentences`), and its claims (in `proseSentences`). Both the memo and a fresh analysis make the
/// findings from this, so reused and computed findings cannot differ.
struct FindingsRecord: Sendable {
    /// (concept, sentence), by concept.
    var mentions: [(concept: Int, sentence: Int)] = []
    var claims: [Claim] = []

    struct Claim: Sendable {
        var sentence: Int
        var hash: String
        var info: ClaimInfo
        /// Sorted.
        var concepts: [Int]
    }

    init() {}

    func encode(into w: inout BinaryWriter) {
        w.write(mentions.count)
        for m in mentions {
            w.write(m.concept)
            w.write(m.sentence)
        }
        w.write(claims.count)
        for claim in claims {
            w.write(claim.sentence)
            w.write(claim.hash)
            w.write(ClaimType.allCases.firstIndex(of: claim.info.type)!)
            w.write(claim.info.quantities.count)
            for q in claim.info.quantities {
                w.write(Int(bitPattern: UInt(q.value.bitPattern)))
                w.write(q.upper != nil)
                if let upper = q.upper { w.write(Int(bitPattern: UInt(upper.bitPattern))) }
                w.write(Quantity.Unit.allCases.firstIndex(of: q.unit)!)
                w.write(q.text)
            }
            w.write(claim.concepts.count)
            for c in claim.concepts { w.write(c) }
        }
    }

    init(reading r: inout BinaryReader) throws {
        func double(_ r: inout BinaryReader) throws -> Double { Double(bitPattern: UInt64(bitPattern: Int64(try r.int()))) }
        func index<T>(_ r: inout BinaryReader, in all: [T]) throws -> T {
            let i = try r.int()
            guard all.indices.contains(i) else { throw BinaryReader.Damaged() }
            return all[i]
        }
        mentions = try r.array { r in (try r.int(), try r.int()) }
        claims = try r.array { r in
            let sentence = try r.int(), hash = try r.string()
            let type = try index(&r, in: ClaimType.allCases)
            let quantities = try r.array { r in
                let value = try double(&r)
                let upper = try r.bool() ? try double(&r) : nil
                let unit = try index(&r, in: Quantity.Unit.allCases)
                return Quantity(value: value, upper: upper, unit: unit, text: try r.string())
            }
            return Claim(sentence: sentence, hash: hash, info: ClaimInfo(type: type, quantities: quantities), concepts: try r.array { try $0.int() })
        }
    }

    /// Whether every place is one in a text with these many sentences and a catalogue with `concepts` concepts,
    /// and the mentions are in concept order, each concept once.
    func fits(allSentences: Int, proseSentences: Int, concepts: Int) -> Bool {
        zip(mentions, mentions.dropFirst()).allSatisfy { $0.concept < $1.concept }
            && mentions.allSatisfy { (0..<concepts).contains($0.concept) && (0..<allSentences).contains($0.sentence) }
            && claims.allSatisfy { claim in
                (0..<proseSentences).contains(claim.sentence) && claim.concepts.allSatisfy { (0..<concepts).contains($0) }
            }
    }
}

/// How an analysis uses memos: the last build's, each document's fingerprint by path (`ParseCache.documents`), the
/// key the next memo is made under, and where it goes. A class, so that the analysis can say how much it reused.
public final class AnalysisMemoUse {
    public let previous: AnalysisMemo
    public let fingerprints: [String: UInt64]
    public let key: [UInt8]
    /// Receives the next build's memo, in pieces, in order, on the analysing thread.
    let keep: ([UInt8]) -> Void
    /// How many documents' findings came from `previous`.
    public internal(set) var reused = 0

    public init(previous: AnalysisMemo, fingerprints: [String: UInt64], key: [UInt8], keep: @escaping ([UInt8]) -> Void) {
        self.previous = previous
        self.fingerprints = fingerprints
        self.key = key
        self.keep = keep
    }
}
