import Testing
@testable import NoteGraph

/// `Graph.permute` moves values through pointers along the permutation's cycles; it must give exactly
/// `order.map { values[$0] }` for every shape of permutation, and leave no value copied twice or lost.
@Suite struct GraphPermuteTests {
    /// A deterministic shuffle (SplitMix64), so a failure names a reproducible order.
    static func shuffled(_ count: Int, seed: UInt64) -> [Int] {
        var state = seed
        var order = Array(0..<count)
        for i in stride(from: count - 1, to: 0, by: -1) {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            order.swapAt(i, Int(z % UInt64(i + 1)))
        }
        return order
    }

    @Test(arguments: [0, 1, 2, 3, 17, 1000])
    func permutingGivesTheValuesInTheNewOrder(count: Int) {
        // Heap-allocated strings (longer than the 15 bytes Swift keeps inline), so a copy or a lost value would show.
        let values = (0..<count).map { "value number \($0) of the permutation test" }
        var orders: [[Int]] = [Array(0..<count), Array((0..<count).reversed())]
        if count > 1 { orders.append(Array(1..<count) + [0]) }  // one cycle through everything
        for seed in 1...5 { orders.append(Self.shuffled(count, seed: UInt64(seed))) }
        for order in orders {
            var permuted = values
            Graph.permute(&permuted, into: order)
            #expect(permuted == order.map { values[$0] }, "order \(order.prefix(8))…")
        }
    }
}
