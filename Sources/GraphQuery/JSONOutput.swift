import NoteParsing

/// What graph.json's node and edge writers call (`GraphJSON.write(_:to:)`): the JSON writer, or `JSONCallHasher`,
/// which takes the same calls and hashes them instead of escaping anything. One function describes an item for
/// both, and the optional fields are written for both by this protocol's extension, so the hash that decides
/// whether a chunk of graph.json is carried over (see `GraphJSONChunks`) can never leave out a field the encoding
/// has.
public protocol JSONOutput {
    mutating func beginObject()
    mutating func endObject()
    mutating func beginArray()
    mutating func endArray()
    mutating func key(_ key: StaticString)
    mutating func string(_ s: String)
    mutating func string(_ first: String, _ separator: StaticString, _ second: String)
    mutating func number(_ n: Int)
    mutating func number(_ x: Double)
}

extension JSONOutput {
    // Optional fields are omitted, never written as null.
    public mutating func field(_ name: StaticString, _ s: String?) { if let s { key(name); string(s) } }
    public mutating func field(_ name: StaticString, _ n: Int?) { if let n { key(name); number(n) } }
    public mutating func field(_ name: StaticString, _ x: Double?) { if let x { key(name); number(x) } }
    public mutating func field(_ name: StaticString, _ list: [String]) {
        guard !list.isEmpty else { return }
        key(name)
        beginArray()
        for s in list { string(s) }
        endArray()
    }
}

extension JSONWriter: JSONOutput {}

/// Hashes the calls a `JSONWriter` would get, in order: the same calls give the same bytes from one build of
/// notegraph, so equal hashes stand for equal JSON (to 64 bits, as page fingerprints do). Each call folds in a tag
/// and each string its length, so that different call sequences do not run together.
struct JSONCallHasher: JSONOutput {
    private(set) var value: UInt64

    init(seed: UInt64 = FNV1a.wordsBasis) {
        value = seed
    }

    private mutating func tag(_ t: UInt64) { value = FNV1a.mix(value, word: t) }

    private mutating func bytes(_ s: String) {
        if let hash = s.utf8.withContiguousStorageIfAvailable({ FNV1a.words(UnsafeRawBufferPointer($0)) }) { return tag(hash) }
        var s = s
        tag(s.withUTF8 { FNV1a.words(UnsafeRawBufferPointer($0)) })
    }

    private mutating func bytes(_ s: StaticString) {
        tag(FNV1a.words(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)))
    }

    mutating func beginObject() { tag(1) }
    mutating func endObject() { tag(2) }
    mutating func beginArray() { tag(3) }
    mutating func endArray() { tag(4) }
    mutating func key(_ key: StaticString) { tag(5); bytes(key) }
    mutating func string(_ s: String) { tag(6); bytes(s) }
    mutating func string(_ first: String, _ separator: StaticString, _ second: String) { tag(7); bytes(first); bytes(separator); bytes(second) }
    mutating func number(_ n: Int) { tag(8); tag(UInt64(bitPattern: Int64(n))) }
    mutating func number(_ x: Double) { tag(9); tag(x.bitPattern) }
}
