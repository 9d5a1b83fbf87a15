/// Each node's edge positions, by node position, as one array of positions and where each node's part starts
/// (compressed sparse rows): two arrays in all, instead of an array per node.
struct EdgeLists: Sendable {
    /// Node p's positions are `positions[starts[p] ..< starts[p + 1]]`.
    private let starts: [Int]
    private let positions: [Int]

    /// Lists every edge position i under the node `ends[i]`, in ascending order of i; a negative end (not a
    /// node) is left out.
    init(ends: [Int32], nodeCount: Int) {
        var starts = [Int](repeating: 0, count: nodeCount + 1)
        for end in ends where end >= 0 { starts[Int(end) + 1] += 1 }
        for p in 0..<nodeCount { starts[p + 1] += starts[p] }
        var next = starts
        var positions = [Int](repeating: 0, count: starts[nodeCount])
        for (i, end) in ends.enumerated() where end >= 0 {
            positions[next[Int(end)]] = i
            next[Int(end)] += 1
        }
        self.starts = starts
        self.positions = positions
    }

    subscript(p: Int) -> ArraySlice<Int> {
        positions[starts[p]..<starts[p + 1]]
    }
}
