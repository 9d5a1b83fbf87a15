/// A 64-bit hash of a file's bytes, eight bytes at a time: tells which generated files changed since the last
/// build without reading the old ones. Stable across runs and machines (unlike `Hasher`); not for security.
enum ContentHash {
    static func hex(_ bytes: [UInt8]) -> String {
        hex([bytes])
    }

    /// The hash of the parts' bytes one after another: the same as of the joined bytes, without joining them.
    static func hex(_ parts: [[UInt8]]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(parts.reduce(0) { $0 + $1.count })
        // Bytes of a word split across two parts wait here for the rest of their word.
        var pending: [UInt8] = []
        for part in parts {
            part.withUnsafeBytes { raw in
                var i = 0
                while !pending.isEmpty && pending.count < 8 && i < raw.count {
                    pending.append(raw[i])
                    i += 1
                }
                if pending.count == 8 {
                    let word = pending.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    hash = (hash ^ word) &* 0x100_0000_01b3
                    hash ^= hash >> 29
                    pending.removeAll(keepingCapacity: true)
                }
                guard pending.isEmpty else { return }
                while i + 8 <= raw.count {
                    hash = (hash ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100_0000_01b3
                    hash ^= hash >> 29
                    i += 8
                }
                pending.append(contentsOf: raw[i...])
            }
        }
        for byte in pending {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
