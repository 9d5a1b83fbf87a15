#if os(Linux)
import CAllocator
import Testing

/// notegraph runs on jemalloc with the options set in allocator.c (20 ms decay, one arena per core): linked but not
/// serving malloc, or with its options lost, builds would be slower or peak higher again (see allocator.c).
@Suite("Allocator")
struct AllocatorTests {
    @Test func jemallocServesMallocWithTheBuildsOptions() throws {
        let version = try #require(notegraph_allocator_version())
        #expect(String(cString: version).hasPrefix("jemalloc 5."))
        #expect(notegraph_allocator_option("opt.narenas") == 2)
        #expect(notegraph_allocator_option("opt.dirty_decay_ms") == 20)
        #expect(notegraph_allocator_option("opt.muzzy_decay_ms") == 0)
    }

    /// Where the build's pages and store begin, freed memory stops being kept for reuse, in every arena.
    @Test func freedMemoryGoesBackAtOnceAfterTheSwitch() throws {
        _ = try #require(notegraph_allocator_version())
        #expect(notegraph_allocator_option("arena.0.dirty_decay_ms") == 20)
        notegraph_allocator_return_freed_at_once()
        #expect(notegraph_allocator_option("arenas.dirty_decay_ms") == 0)
        #expect(notegraph_allocator_option("arena.0.dirty_decay_ms") == 0)
    }
}
#endif
