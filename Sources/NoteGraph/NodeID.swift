import Foundation
import NoteParsing

/// A node's stable identifier: `<kind>/<slug>` (`note/does-instruction-tuning-teach-task-understanding`),
/// `concept/kto`, or `claim/<note-slug>/<hash>`. Stable across builds for the same input.
public struct NodeID: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    /// Equal for canonically equivalent ids, as `==` (String's) is: the hash of the id's UTF-8 bytes in NFC, in one
    /// pass over them for an ASCII id (every id notegraph makes: slugs are NFC, claim hashes hex). String's own
    /// hash checks normalization and feeds SipHash every byte; ids are looked up by the hundred thousand in every
    /// build (each edge's two ends, each node's position), where that was most of the lookup.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(Self.stableHash(rawValue))
    }

    static func stableHash(_ text: String) -> UInt64 {
        let ascii = text.utf8.withContiguousStorageIfAvailable { utf8 -> UInt64? in
            let raw = UnsafeRawBufferPointer(utf8)
            var i = 0, high: UInt64 = 0
            while i + 8 <= raw.count {
                high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                i += 8
            }
            while i < raw.count {
                high |= UInt64(raw[i])
                i += 1
            }
            return high & 0x8080_8080_8080_8080 == 0 ? FNV1a.words(raw) : nil
        }
        if let hash = ascii ?? nil { return hash }
        // Another script, or a bridged string: the same function of the NFC form's bytes.
        var nfc = text.precomposedStringWithCanonicalMapping
        return nfc.withUTF8 { FNV1a.words(UnsafeRawBufferPointer($0)) }
    }
}
