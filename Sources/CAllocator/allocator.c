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
// The options: freed pages go back to the system at once (no decay: the build is short and its peak is what
// counts), and two arenas, one per core, instead of jemalloc's default of four per core, whose extra arenas each
// kept freed memory of their own. Set here rather than in MALLOC_CONF so that every run gets them; MALLOC_CONF still
// overrides them for experiments.
#include "callocator.h"
#include <stddef.h>
#include <stdio.h>

#if defined(__linux__)
#include <jemalloc/jemalloc.h>
#include <sys/types.h>

// Read by jemalloc when it initializes (its own definition is weak, so this one wins).
const char *malloc_conf = "dirty_decay_ms:0,muzzy_decay_ms:0,narenas:2";

const char *notegraph_allocator_version(void) {
    static char text[64];
    const char *version = NULL;
    size_t size = sizeof(version);
    if (mallctl("version", &version, &size, NULL, 0) != 0 || version == NULL) return NULL;
    snprintf(text, sizeof(text), "jemalloc %s", version);
    return text;
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

long notegraph_allocator_option(const char *name) {
    (void)name;
    return -1;
}
#endif
