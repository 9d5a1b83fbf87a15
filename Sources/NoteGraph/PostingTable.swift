/// Lists of numbers under 64-bit keys, stored flat: one array of all numbers, one of where each list starts, and an
/// open-addressing table from key to list. Millions of short lists (one per word triple of a big corpus) as
/// separate arrays in a `Dictionary` cost an allocation each and a SipHash per entry: most of a 100,000-note
/// corpus's suggestion time went to building them.
struct PostingTable: Sendable {
    /// Keys and their list numbers by slot; `listOfSlot` is -1 where the slot is empty.
    private let keyOfSlot: [UInt64]
    private let listOfSlot: [Int32]
    private let starts: [Int32]
    private let items: [Int32]

    /// Collects (key, number) entries; each list keeps the order its numbers were added in.
    struct Builder {
        private var keyOfSlot = [UInt64](repeating: 0, count: 16)
        private var listOfSlot = [Int32](repeating: -1, count: 16)
        private var lists = 0
        private var entryList: [Int32] = []
        private var entryItem: [Int32] = []

        mutating func add(_ key: UInt64, _ item: Int32) {
            var slot = PostingTable.slot(key, in: keyOfSlot, listOfSlot)
            if listOfSlot[slot] < 0 {
                if 2 * (lists + 1) > listOfSlot.count {
                    grow()
                    slot = PostingTable.slot(key, in: keyOfSlot, listOfSlot)
                }
                keyOfSlot[slot] = key
                listOfSlot[slot] = Int32(lists)
                lists += 1
            }
            entryList.append(listOfSlot[slot])
            entryItem.append(item)
        }

        private mutating func grow() {
            let (oldKeys, oldLists) = (keyOfSlot, listOfSlot)
            keyOfSlot = [UInt64](repeating: 0, count: 2 * oldKeys.count)
            listOfSlot = [Int32](repeating: -1, count: 2 * oldKeys.count)
            for (key, list) in zip(oldKeys, oldLists) where list >= 0 {
                let slot = PostingTable.slot(key, in: keyOfSlot, listOfSlot)
                keyOfSlot[slot] = key
                listOfSlot[slot] = list
            }
        }

        /// A counting sort of the entries by list: two passes, no per-list arrays.
        func build() -> PostingTable {
            var starts = [Int32](repeating: 0, count: lists + 1)
            for list in entryList { starts[Int(list) + 1] += 1 }
            for i in 0..<lists { starts[i + 1] += starts[i] }
            var next = starts
            var items = [Int32](repeating: 0, count: entryItem.count)
            for (list, item) in zip(entryList, entryItem) {
                items[Int(next[Int(list)])] = item
                next[Int(list)] += 1
            }
            return PostingTable(keyOfSlot: keyOfSlot, listOfSlot: listOfSlot, starts: starts, items: items)
        }
    }

    private init(keyOfSlot: [UInt64], listOfSlot: [Int32], starts: [Int32], items: [Int32]) {
        self.keyOfSlot = keyOfSlot
        self.listOfSlot = listOfSlot
        self.starts = starts
        self.items = items
    }

    /// The numbers added under `key`, in the order they were added; empty for an unknown key.
    func list(_ key: UInt64) -> ArraySlice<Int32> {
        let list = listOfSlot[Self.slot(key, in: keyOfSlot, listOfSlot)]
        guard list >= 0 else { return [] }
        return items[Int(starts[Int(list)])..<Int(starts[Int(list) + 1])]
    }

    /// The slot holding `key`, or the empty slot where it would go (linear probing from a Fibonacci hash; the
    /// table is never more than half full, and its size is a power of two, at least 16).
    private static func slot(_ key: UInt64, in keys: [UInt64], _ lists: [Int32]) -> Int {
        let mask = keys.count - 1
        // The product's top bits depend on every bit of the key.
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - keys.count.trailingZeroBitCount))
        while lists[slot] >= 0 && keys[slot] != key { slot = (slot + 1) & mask }
        return slot
    }
}
