import NoteParsing

/// What a build needs to know of a store to update a copy of it instead of writing every row, kept in the store
/// itself (table `ledger`, a row per node): the node's position, a hash of its id, and a hash of each of its three
/// parts — its row, its outgoing edges' rows and its unresolved links' rows, each exactly as stored. A build
/// compares them with the same hashes of its own graph and rewrites only the parts that differ (see
/// `StoredGraph.write`). Ids are kept as hashes: the ledger of 130,000 nodes is a few megabytes of integers.
struct StoreLedger: Sendable {
    struct Entry: Sendable, Equatable {
        var id: Int
        var position: Int
        var hashes: Hashes
    }

    /// The hashes of a node's three parts.
    struct Hashes: Sendable, Equatable {
        var row: Int
        var edges: Int
        var unresolved: Int
    }

    /// In graph order (by position).
    var entries: [Entry]

    /// The hash of a node id that a ledger keeps.
    static func idHash(_ id: String) -> Int {
        var id = id
        return id.withUTF8 { Int(bitPattern: UInt(FNV1a.words(UnsafeRawBufferPointer($0)))) }
    }
}
