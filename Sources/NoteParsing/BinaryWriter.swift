#if canImport(Glibc)
import Glibc
#endif

/// Appends values as compact bytes for `BinaryReader`: integers as zigzag LEB128 varints, strings as their UTF-8
/// length then bytes. The format of the parse cache (`NoteDocument.encode(into:)`).
///
/// Written by hand: no listed package offers a binary `Codable` coder, and Foundation's property-list and JSON
/// coders are text-first and allocate per key, the work a cache exists to avoid.
public struct BinaryWriter {
    public private(set) var bytes: [UInt8] = []
    /// Strings already written, by their place among the strings `BinaryReader` keeps: a repeat is written as a
    /// reference (a negative length), so it is decoded as the same storage instead of a copy. A parsed note shares
    /// its sentences between paragraphs and links; decoded copies cost a third more memory.
    private var written: [UTF8Key: Int] = [:]
    /// Strings this short live inside the `String` value itself: nothing to share.
    static let inlineLimit = 15

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func write(_ value: Int) {
        // Zigzag, so that small negative numbers stay short too.
        var v = UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63)
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    public mutating func write(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    public mutating func write(_ value: String) {
        if wroteRepeat(of: value) { return }
        var value = value
        value.withUTF8 { utf8 in
            write(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Writes a long string written before as a reference to its place (a negative length) and returns true; a long
    /// string not written before is given the next place, for the caller to write out.
    private mutating func wroteRepeat(of value: String) -> Bool {
        guard value.utf8.count > Self.inlineLimit else { return false }
        let key = UTF8Key(value)
        if let place = written[key] {
            write(-1 - place)
            return true
        }
        written[key] = written.count
        return false
    }

    /// `value`, which is usually a part of `text` (a sentence of its paragraph) lying at or after `cursor`, written as
    /// where it lies there: a tag of 1 plus its distance from `cursor`, then its length. Read back with
    /// `BinaryReader.string(sliceOf:cursor:)`, after `text`. Otherwise a repeat, or a tag of 0 and the string. Sentences
    /// written out in full were a third of the parse cache; each now costs a few bytes.
    public mutating func write(_ value: String, sliceOf text: UnsafeBufferPointer<UInt8>, cursor: inout Int) {
        if wroteRepeat(of: value) { return }
        var value = value
        value.withUTF8 { utf8 in
            if let start = Self.position(of: utf8, in: text, from: cursor) {
                write(1 + start - cursor)
                write(utf8.count)
                cursor = start + utf8.count
            } else {
                write(0)
                write(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }
    }

    /// Where `needle` first occurs in `haystack` at or after `from`.
    private static func position(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from <= haystack.count, needle.count <= haystack.count - from else { return nil }
        if needle.isEmpty { return from }
        guard let needleBase = needle.baseAddress, let base = haystack.baseAddress else { return nil }
        // By hand: glibc's memmem is declared only under _GNU_SOURCE. A sentence lies a few spaces after the one
        // before it, so the first candidate is nearly always the place.
        let first = needle[0], last = haystack.count - needle.count
        var i = from
        while i <= last {
            guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return nil }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + i, needleBase, needle.count) == 0 { return i }
            i += 1
        }
        return nil
    }

    public mutating func write(_ value: String?) {
        write(value != nil)
        if let value { write(value) }
    }

    public mutating func write(_ values: [String]) {
        write(values.count)
        for value in values { write(value) }
    }

    public mutating func write(raw: UnsafeRawBufferPointer) {
        write(raw.count)
        bytes.append(contentsOf: raw)
    }
}
