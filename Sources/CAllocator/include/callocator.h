// The memory allocator the notegraph executable runs on (see allocator.c).
#ifndef NOTEGRAPH_CALLOCATOR_H
#define NOTEGRAPH_CALLOCATOR_H

/// The allocator serving malloc in this process, as "jemalloc <version>", or NULL when it is the C library's own
/// (other platforms, or a process not linked against CAllocator).
const char *notegraph_allocator_version(void);

/// From now on, freed memory goes back to the system at once, and what is held freed goes back now (jemalloc;
/// nothing elsewhere). The build calls it where its peak begins (see allocator.c).
void notegraph_allocator_return_freed_at_once(void);

/// jemalloc's value of the size_t or ssize_t option `name` (for instance "opt.narenas"), or -1 when unavailable.
long notegraph_allocator_option(const char *name);

#endif
