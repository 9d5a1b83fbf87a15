#define _GNU_SOURCE
#include "csystem.h"
#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int notegraph_exchange_paths(const char *a, const char *b) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

// One malloc arena for the whole process, set before main so that it holds before any thread allocates (glibc
// fixes its arena limit when the first thread arena is made, and Swift's async main already runs on a pool
// thread). With glibc's default of one arena per thread (up to 8 per core), memory that analysis frees on one
// thread was not reused by the threads that render pages and write the store: a cold 10,000-note build peaked
// 20-40 MB higher (424-445 MB against 403-405 MB resident in alternating runs), and its CPU time was no lower
// (medians 21.5 s against 20.1 s; the one arena's longer free lists cost a few percent of malloc time, fewer
// copies won it back). Threads still allocate small blocks from their own caches (tcache), so they seldom
// wait for the arena's lock.
#ifdef __GLIBC__
static int arenas_limited = 0;
static int mmap_threshold_fixed = 0;

__attribute__((constructor)) static void notegraph_limit_malloc_arenas(void) {
    arenas_limited = mallopt(M_ARENA_MAX, 1);
    // Blocks of 32 KiB and more always get their own mapping, returned to the system when freed. By default glibc
    // starts at 128 KiB and raises that threshold to the size of the largest such block freed so far (up to
    // 32 MiB), and from then on serves the buffers of rendering, graph.json and the store from the heap, whose top
    // they leave fragmented. Peak resident memory of a cold 10,000-note build, alternating runs: 301.6-306.3 MiB
    // by default, 295.3-297.9 with a fixed 128 KiB, 288.1-291.1 with 32 KiB. The price is more mapping and
    // unmapping: CPU medians 21.7 s (128 KiB) against 22.6 s (32 KiB), about 4%.
    mmap_threshold_fixed = mallopt(M_MMAP_THRESHOLD, 32 * 1024);
}

int notegraph_malloc_arenas_limited(void) { return arenas_limited; }

int notegraph_malloc_mmap_threshold_fixed(void) { return mmap_threshold_fixed; }
#else
int notegraph_malloc_arenas_limited(void) { return 0; }

int notegraph_malloc_mmap_threshold_fixed(void) { return 0; }
#endif
