/// Summary statistics over repeated runs. Medians, not means: a single GC pause, page-cache miss
/// or noisy neighbour should not move the headline number.
struct Sample {
    let values: [Double]

    init(_ values: [Double]) {
        precondition(!values.isEmpty)
        self.values = values.sorted()
    }

    var min: Double { values[0] }
    var max: Double { values[values.count - 1] }

    var median: Double {
        let n = values.count
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2
    }
}
