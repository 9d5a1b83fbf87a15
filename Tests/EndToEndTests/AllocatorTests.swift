#if os(Linux)
import CAllocator
import Testing

/// notegraph runs on jemalloc with the options set in allocator.c (20 ms decay, one arena per core, blocks of 1 MiB
/// and more returned at once): linked but not serving malloc, or with its options lost, builds would be slower or
/// peak higher again (see allocator.c).
@Suite("Allocator")
struct AllocatorTests {
    @Test func jemallocServesMallocWithTheBuildsOptions() throws {
        let version = try #require(notegraph_allocator_version())
        #expect(String(cString: version).hasPrefix("jemalloc 5."))
        #expect(notegraph_allocator_option("opt.narenas") == 2)
        #expect(notegraph_allocator_option("opt.dirty_decay_ms") == 20)
        #expect(notegraph_allocator_option("opt.muzzy_decay_ms") == 0)
        #expect(notegraph_allocator_option("opt.oversize_threshold") == 1_048_576)
    }

    /// Where the build's pages and store begin, what the arenas hold freed goes back, and the 20 ms decay stays:
    /// dropped to 0 there, every large free was an madvise and a TLB shootdown (allocator.c, round 28).
    @Test func heldMemoryGoesBackAndTheDecayStays() throws {
        _ = try #require(notegraph_allocator_version())
        notegraph_allocator_return_freed()
        #expect(notegraph_allocator_option("arena.0.dirty_decay_ms") == 20)
        #expect(notegraph_allocator_option("arenas.dirty_decay_ms") == 20)
        // Something freed for the arenas to hold: 32 MiB in blocks of 128 KiB, each touched, then freed, with the
        // decay off meanwhile so that it is held however long that takes beside the other tests of this process.
        notegraph_allocator_set_decay(-1)
        let blocks = (0..<256).map { _ in UnsafeMutableRawPointer.allocate(byteCount: 131_072, alignment: 16) }
        for block in blocks { block.initializeMemory(as: UInt8.self, repeating: 1, count: 131_072) }
        for block in blocks { block.deallocate() }
        let held = notegraph_allocator_held_freed_pages()
        notegraph_allocator_return_freed()
        let after = notegraph_allocator_held_freed_pages()
        let decayAfter = notegraph_allocator_option("arena.0.dirty_decay_ms")
        notegraph_allocator_set_decay(20)
        #expect(held >= 8_192)  // 32 MiB of 4 KiB pages
        #expect(after < held / 4)  // others may free a little between the two reads, not 8 MiB
        #expect(decayAfter == -1)
        #expect(notegraph_allocator_option("arena.0.dirty_decay_ms") == 20)
    }
}
#endif
