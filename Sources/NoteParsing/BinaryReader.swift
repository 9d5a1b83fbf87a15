/// Reads what `BinaryWriter` wrote, checking every length against the bytes left: a damaged or truncated cache
/// throws `Damaged` instead of reading past its end.
public struct BinaryReader {
    /// Thrown when the bytes do not hold what is being read.
    public struct Damaged: Error {
        public init() {}
    }

    private let base: UnsafeRawBufferPointer
    public private(set) var offset: Int
    /// The strings read so far that a later one may repeat, in order.
    private var seen: [String] = []

    /// Reads `bytes` from `offset`; the buffer must stay valid while the reader is used.
    public init(_ bytes: UnsafeRawBufferPointer, at offset: Int = 0) {
        self.base = bytes
        self.offset = offset
    }

    public var isAtEnd: Bool { offset >= base.count }

    public mutating func int() throws -> Int {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < base.count, shift < 64 else { throw Damaged() }
            let byte = base[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: result >> 1 ^ (0 &- (result & 1))))
    }

    /// A count or length: never negative, never more than the bytes left (each element takes at least one byte).
    public mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= base.count - offset else { throw Damaged() }
        return n
    }

    public mutating func bool() throws -> Bool {
        guard offset < base.count else { throw Damaged() }
        defer { offset += 1 }
        switch base[offset] {
        case 0: return false
        case 1: return true
        default: throw Damaged()
        }
    }

    /// The next length-prefixed bytes, as a slice of the buffer.
    public mutating func raw() throws -> UnsafeRawBufferPointer {
        let n = try count()
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: base[offset..<(offset + n)])
    }

    public mutating func string() throws -> String {
        let n = try int()
        if n < 0 { return try repeated(n) }
        return kept(try literal(n), length: n)
    }

    /// What `BinaryWriter.write(_:sliceOf:cursor:)` wrote: a repeat, a string, or a part of `text`.
    public mutating func string(sliceOf text: UnsafeBufferPointer<UInt8>, cursor: inout Int) throws -> String {
        let tag = try int()
        if tag < 0 { return try repeated(tag) }
        let n = try int()
        if tag == 0 { return kept(try literal(n), length: n) }
        let (start, overflow) = cursor.addingReportingOverflow(tag - 1)
        guard !overflow, n >= 0, start <= text.count, n <= text.count - start else { throw Damaged() }
        cursor = start + n
        return kept(String(decoding: UnsafeBufferPointer(rebasing: text[start..<(start + n)]), as: UTF8.self), length: n)
    }

    /// A repeat of an earlier string, by the negative length written for it (see `BinaryWriter.written`).
    private func repeated(_ tag: Int) throws -> String {
        guard -1 - tag < seen.count else { throw Damaged() }
        return seen[-1 - tag]
    }

    /// The next `n` bytes as a string. The writer only writes valid UTF-8; a damaged byte is repaired rather than
    /// trusted.
    private mutating func literal(_ n: Int) throws -> String {
        guard n >= 0, n <= base.count - offset else { throw Damaged() }
        defer { offset += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: base[offset..<(offset + n)]), as: UTF8.self)
    }

    /// `value`, kept for later repeats when its written length (`n`) is one the writer gave a place to.
    private mutating func kept(_ value: String, length n: Int) -> String {
        if n > BinaryWriter.inlineLimit { seen.append(value) }
        return value
    }

    public mutating func optionalString() throws -> String? {
        try bool() ? try string() : nil
    }

    /// A count, then that many elements read by `element`.
    public mutating func array<T>(_ element: (inout BinaryReader) throws -> T) throws -> [T] {
        let n = try count()
        var values: [T] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try element(&self)) }
        return values
    }

    public mutating func strings() throws -> [String] {
        let n = try count()
        var values: [String] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try string()) }
        return values
    }
}

/// The first line of a cache a build keeps beside the site (`ParseCache`, `AnalysisMemo`): its format, then the key it
/// was made under (the executable's stamp) on a line of its own.
public enum CacheHeader {
    public static func bytes(format: [UInt8], key: [UInt8]) -> [UInt8] {
        format + key + [UInt8(ascii: "\n")]
    }

    /// Where what follows the header starts, if `bytes` start with the header of `format` and `key`.
    public static func end(of bytes: [UInt8], format: [UInt8], key: [UInt8]) -> Int? {
        let header = self.bytes(format: format, key: key)
        return bytes.starts(with: header) ? header.count : nil
    }
}
