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
        var a = a.string, b = b.string
        return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
    }
}
