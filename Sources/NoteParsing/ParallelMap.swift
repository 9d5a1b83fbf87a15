import Dispatch

/// Maps `items` on all cores. Results keep input order, so output never depends on scheduling.
public func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 32 else { return items.map(transform) }
    return [R](unsafeUninitializedCapacity: items.count) { buffer, count in
        // Each iteration writes only its own slot, so sharing the base pointer is race-free.
        nonisolated(unsafe) let base = buffer.baseAddress!
        withoutActuallyEscaping(transform) { transform in
            DispatchQueue.concurrentPerform(iterations: items.count) { i in
                (base + i).initialize(to: transform(items[i]))
            }
        }
        count = items.count
    }
}
