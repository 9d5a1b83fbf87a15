#if canImport(Glibc)
import Glibc
#endif

/// A string as a dictionary key by its UTF-8 bytes. `String`'s own `==` and hash are by canonical equivalence: an
/// NFD "é" would stand in for an NFC one and come back with other bytes (in the parse cache's repeats, see
/// `BinaryWriter`, and the store's shared edge sentences), and hashing normalises every string, which cost as much
/// as the rest of the parse cache's encoding.
public struct UTF8Key: Hashable, Sendable {
    public private(set) var string: String

    public init(_ string: String) {
        self.string = string
        self.string.makeContiguousUTF8()
    }

    public func hash(into hasher: inout Hasher) {
        var string = string
        string.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public static func == (a: UTF8Key, b: UTF8Key) -> Bool {
        sameBytes(a.string, b.string)
    }

    /// Whether `a` and `b` are the same UTF-8 bytes: one `memcmp` on their storage (`utf8.elementsEqual` goes byte
    /// by byte through the generic Sequence path), or that byte walk for a string without contiguous storage.
    @inlinable
    public static func sameBytes(_ a: String, _ b: String) -> Bool {
        let compared = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
        return (compared ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }
}
