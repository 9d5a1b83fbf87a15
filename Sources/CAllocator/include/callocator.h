// The memory allocator the notegraph executable runs on (see allocator.c).
#ifndef NOTEGRAPH_CALLOCATOR_H
#define NOTEGRAPH_CALLOCATOR_H

/// The allocator serving malloc in this process, as "jemalloc <version>", or NULL when it is the C library's own
/// (other platforms, or a process not linked against CAllocator).
const char *notegraph_allocator_version(void);

/// jemalloc's value of the size_t or ssize_t option `name` (for instance "opt.narenas"), or -1 when unavailable.
long notegraph_allocator_option(const char *name);

#endif
