#if os(Linux)
import CAllocator
import Testing

/// notegraph runs on jemalloc with the options set in allocator.c (no decay, one arena per core): linked but not
/// serving malloc, or with its options lost, builds would be slower or peak higher again (see allocator.c).
@Suite("Allocator")
struct AllocatorTests {
    @Test func jemallocServesMallocWithTheBuildsOptions() throws {
        let version = try #require(notegraph_allocator_version())
        #expect(String(cString: version).hasPrefix("jemalloc 5."))
        #expect(notegraph_allocator_option("opt.narenas") == 2)
        #expect(notegraph_allocator_option("opt.dirty_decay_ms") == 0)
        #expect(notegraph_allocator_option("opt.muzzy_decay_ms") == 0)
    }
}
#endif
