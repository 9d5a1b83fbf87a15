#if canImport(Glibc)
import CSystem
import Testing

/// Builds run with one malloc arena, set by a constructor before main (see csystem.c): a limit set later, once
/// a thread has its own arena, would be ignored by glibc, and the build's peak memory would rise again.
@Suite("Malloc arenas")
struct MallocArenaTests {
    @Test func oneArenaIsSetBeforeMain() {
        #expect(notegraph_malloc_arenas_limited() == 1)
    }
}
#endif
