import Dispatch

/// Maps `items` on all cores. Results keep input order, so output never depends on scheduling. Up to
/// `serialUpTo` items are mapped on the calling thread (for small work items, threads cost more than they give);
/// pass 1 when each item is a large job.
public func parallelMap<T: Sendable, R: Sendable>(_ items: [T], serialUpTo: Int = 32, _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > serialUpTo else { return items.map(transform) }
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

/// Runs `first` and `second` at the same time and returns both results: for a serial stage (writing the SQLite
/// store) that can overlap a parallel one (rendering pages) instead of waiting for it.
public func concurrently<A: Sendable, B: Sendable>(_ first: @Sendable () throws -> A, _ second: @Sendable () throws -> B) throws -> (A, B) {
    nonisolated(unsafe) var a: Result<A, Error>?
    nonisolated(unsafe) var b: Result<B, Error>?
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            // Each iteration writes only its own variable, and concurrentPerform returns after both finished.
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                if i == 0 { a = Result { try first() } } else { b = Result { try second() } }
            }
        }
    }
    return (try a!.get(), try b!.get())
}
