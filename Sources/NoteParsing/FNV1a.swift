/// FNV-1a, 64 bits: a fast, stable hash for content identity (claim ids, import hashes). Not for security.
public enum FNV1a {
    public static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// The hash as 16 lowercase hex digits.
    public static func hex(_ text: String) -> String {
        let hex = String(hash(text), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension FNV1a {
    /// A hash of `bytes` taken eight bytes at a time (FNV-style multiply, with a shift to mix high bits down),
    /// the length folded in last: about eight times faster than the byte-wise hash, for checksumming megabytes.
    /// The same function as `ContentHash` in Workspace, which feeds it in pieces through `mix` and `finish`.
    public static func words(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = wordsBasis
        var i = 0
        while i + 8 <= bytes.count {
            hash = mix(hash, word: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        return finish(hash, tail: UnsafeRawBufferPointer(rebasing: bytes[i...]), length: bytes.count)
    }

    /// Where `words` starts.
    public static let wordsBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// One step of `words`: eight more bytes, read as a little-endian word.
    @inlinable
    public static func mix(_ hash: UInt64, word: UInt64) -> UInt64 {
        let mixed = (hash ^ word) &* 0x100_0000_01b3
        return mixed ^ mixed >> 29
    }

    /// The end of `words`: the last bytes, fewer than eight, one at a time, then the length of everything hashed.
    @inlinable
    public static func finish(_ hash: UInt64, tail: some Sequence<UInt8>, length: Int) -> UInt64 {
        var hash = hash
        for byte in tail { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return (hash ^ UInt64(length)) &* 0x100_0000_01b3
    }
}
