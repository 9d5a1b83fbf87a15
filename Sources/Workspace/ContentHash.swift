import NoteParsing

/// A 64-bit hash of a file's bytes, eight bytes at a time: tells which generated files changed since the last
/// build without reading the old ones. Stable across runs and machines (unlike `Hasher`); not for security.
///
/// Fed in pieces as a file is written, so a file encoded while it is written (graph.json) is hashed without ever
/// being whole in memory; the length is folded in at the end, when it is known. The function is `FNV1a.words`
/// (the parse cache's checksum), fed piece by piece.
struct ContentHash {
    private var hash = FNV1a.wordsBasis
    private var length = 0
    /// Bytes of a word split across two pieces wait here for the rest of their word.
    private var pending: [UInt8] = []

    static func hex(_ bytes: [UInt8]) -> String {
        hex([bytes])
    }

    /// The hash of the parts' bytes one after another: the same as of the joined bytes, without joining them.
    static func hex(_ parts: [[UInt8]]) -> String {
        var hash = ContentHash()
        for part in parts { hash.update(part) }
        return hash.hex
    }

    mutating func update(_ bytes: [UInt8]) {
        length += bytes.count
        bytes.withUnsafeBytes { raw in
            var i = 0
            while !pending.isEmpty && pending.count < 8 && i < raw.count {
                pending.append(raw[i])
                i += 1
            }
            if pending.count == 8 {
                mix(pending.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
                pending.removeAll(keepingCapacity: true)
            }
            guard pending.isEmpty else { return }
            while i + 8 <= raw.count {
                mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            pending.append(contentsOf: raw[i...])
        }
    }

    private mutating func mix(_ word: UInt64) {
        hash = FNV1a.mix(hash, word: word)
    }

    /// The hash of everything given to `update`, as 16 hex digits.
    var hex: String { Self.hex(FNV1a.finish(hash, tail: pending, length: length)) }

    /// `value` as the manifest writes a hash: 16 hex digits, zero-padded.
    static func hex(_ value: UInt64) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
