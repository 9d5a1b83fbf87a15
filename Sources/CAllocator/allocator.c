// notegraph allocates from jemalloc (Debian's libjemalloc2, 5.3) instead of glibc's malloc.
//
// A build is hundreds of thousands of small strings and arrays made and freed on two threads. glibc's malloc,
// limited to one arena so that memory freed by analysis is reused by the threads that render and store (more
// arenas raised the peak by 20-40 MB), made those threads wait on its lock and walk long free lists: about a
// sixth of a cold 10,000-note build's CPU samples were in malloc and free (13%) or waking threads waiting on its
// lock. Alternating cold builds of the 10,000-note benchmark corpus (wall seconds, peak KiB, medians of three
// rounds of one run):
//
//   glibc, one arena, 32 KiB mmap threshold   14.15 s   287,960 KiB
//   jemalloc, options below                    11.85 s   288,308 KiB
//   mimalloc 2.0.9, reset delay 0              10.99 s   296,056 KiB   (over the 300 MB peak target)
//
// and tcmalloc 2.10 (gperftools), in another run of two builds: 8.7-10.3 s, 338,520-342,028 KiB.
//
// The options: two arenas, one per core, instead of jemalloc's default of four per core, whose extra arenas each
// kept freed memory of their own; and freed pages go back to the system after 20 ms. Returned at once throughout
// (`dirty_decay_ms:0`), every buffer freed and made again was fresh memory: a cold 10,000-note build took 345,000
// page faults, 2.8 s of system time. Where the build starts its pages and store, where its peak is, what the arenas
// hold is given back once (`notegraph_allocator_return_freed`, below).
//
// Until round 28 the decay also dropped to 0 there, for 4 MB of peak when the peak was 296-301 MB. That made every
// free of a large buffer an madvise and a TLB shootdown on the other core (`smp_call_function_many_cond` under
// `tlb_flush_mmu_tlbonly` in perf), through half the build's wall time. Alternating cold builds with the decay
// left at 20 ms: see docs/performance-history.md, round 28. Kept 20 ms, freed memory raised the peak by 6-10 MB;
// `oversize_threshold:1048576` takes back part of that: blocks of 1 MiB and more (page and graph.json buffers, state
// files) come from jemalloc's own arena for large blocks, which returns them at once, while the small blocks that
// make up most frees keep the decay (side by side, 6 rounds: largest cold peak 284 -> 280 MB, edit 279 -> 271 MB).
// Set here rather than in MALLOC_CONF so that every run gets them; MALLOC_CONF still overrides them for experiments.
#include "callocator.h"
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__linux__)
#include <jemalloc/jemalloc.h>
#include <sys/types.h>

// Read by jemalloc when it initializes (its own definition is weak, so this one wins).
const char *malloc_conf = "dirty_decay_ms:20,muzzy_decay_ms:0,narenas:2,oversize_threshold:1048576";

const char *notegraph_allocator_version(void) {
    static char text[64];
    const char *version = NULL;
    size_t size = sizeof(version);
    if (mallctl("version", &version, &size, NULL, 0) != 0 || version == NULL) return NULL;
    snprintf(text, sizeof(text), "jemalloc %s", version);
    return text;
}

void notegraph_allocator_return_freed(void) {
    char purge[64];
    snprintf(purge, sizeof(purge), "arena.%u.purge", (unsigned)MALLCTL_ARENAS_ALL);
    mallctl(purge, NULL, NULL, NULL, 0);  // what the arenas hold freed goes back now; the decay stays as it is
}

void notegraph_allocator_set_decay(long milliseconds) {
    ssize_t decay = (ssize_t)milliseconds;
    mallctl("arenas.dirty_decay_ms", NULL, NULL, &decay, sizeof(decay));  // arenas made from now on
    unsigned arenas = 0;
    size_t size = sizeof(arenas);
    if (mallctl("arenas.narenas", &arenas, &size, NULL, 0) != 0) return;
    for (unsigned i = 0; i < arenas; i++) {
        char name[64];
        snprintf(name, sizeof(name), "arena.%u.dirty_decay_ms", i);
        mallctl(name, NULL, NULL, &decay, sizeof(decay));  // fails for an arena not yet made, which is fine
    }
}

long notegraph_allocator_held_freed_pages(void) {
    uint64_t epoch = 1;
    size_t size = sizeof(epoch);
    mallctl("epoch", &epoch, &size, &epoch, size);  // statistics are a snapshot, taken again here
    char name[64];
    snprintf(name, sizeof(name), "stats.arenas.%u.pdirty", (unsigned)MALLCTL_ARENAS_ALL);
    size_t pages = 0;
    size = sizeof(pages);
    return mallctl(name, &pages, &size, NULL, 0) == 0 ? (long)pages : -1;
}

long notegraph_allocator_option(const char *name) {
    // mallctl insists on the option's exact size: the decay times are ssize_t, the arena count is unsigned.
    ssize_t wide = 0;
    size_t size = sizeof(wide);
    if (mallctl(name, &wide, &size, NULL, 0) == 0) return (long)wide;
    unsigned narrow = 0;
    size = sizeof(narrow);
    if (mallctl(name, &narrow, &size, NULL, 0) == 0) return (long)narrow;
    return -1;
}
#else
const char *notegraph_allocator_version(void) { return NULL; }

void notegraph_allocator_return_freed(void) {}

void notegraph_allocator_set_decay(long milliseconds) { (void)milliseconds; }

long notegraph_allocator_held_freed_pages(void) { return -1; }

long notegraph_allocator_option(const char *name) {
    (void)name;
    return -1;
}
#endif
