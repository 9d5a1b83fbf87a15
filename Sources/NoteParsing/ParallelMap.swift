import Dispatch
import Foundation

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

/// Runs `background` on a thread of its own while `foreground` runs on the calling thread, and returns both
/// results. The caller's `parallelMap`s are not nested in an apply (`DispatchQueue.concurrentPerform` narrows a
/// nested apply to one thread), so they keep every core.
public func alongside<A: Sendable, B>(_ background: @escaping @Sendable () throws -> A, _ foreground: () throws -> B) throws -> (A, B) {
    let box = ResultBox<A>(), done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.result = Result { try background() }
        done.signal()
    }
    thread.stackSize = 8 << 20  // SQLite and the graph walks are not shallow; the default is 512 KB on Linux
    thread.start()
    let foregroundResult = Result { try foreground() }
    done.wait()
    return (try box.result!.get(), try foregroundResult.get())
}

/// A result handed from one thread to another: written before a semaphore is signalled, read after it is waited on.
private final class ResultBox<A>: @unchecked Sendable {
    var result: Result<A, Error>?
}
