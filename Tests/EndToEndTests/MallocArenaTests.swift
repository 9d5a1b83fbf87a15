#if canImport(Glibc)
import CSystem
import Testing

/// Builds run with one malloc arena and a fixed 32 KiB mmap threshold, set by a constructor before main (see
/// csystem.c): an arena limit set later, once a thread has its own arena, would be ignored by glibc, and without
/// either the build's peak memory would rise again.
@Suite("Malloc arenas")
struct MallocArenaTests {
    @Test func mallocIsTunedBeforeMain() {
        #expect(notegraph_malloc_arenas_limited() == 1)
        #expect(notegraph_malloc_mmap_threshold_fixed() == 1)
    }
}
#endif
