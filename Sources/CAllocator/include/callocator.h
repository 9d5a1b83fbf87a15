// The memory allocator the notegraph executable runs on (see allocator.c).
#ifndef NOTEGRAPH_CALLOCATOR_H
#define NOTEGRAPH_CALLOCATOR_H

/// The allocator serving malloc in this process, as "jemalloc <version>", or NULL when it is the C library's own
/// (other platforms, or a process not linked against CAllocator).
const char *notegraph_allocator_version(void);

/// What the allocator holds freed goes back to the system now; later frees still go back after the decay time
/// (jemalloc; nothing elsewhere). The build calls it where its peak begins (see allocator.c).
void notegraph_allocator_return_freed(void);

/// Freed pages go back to the system `milliseconds` after they are freed, in every arena (-1: kept until purged).
void notegraph_allocator_set_decay(long milliseconds);

/// Pages freed and held by the allocator for reuse, in all arenas (jemalloc's `pdirty`), or -1 when unavailable.
long notegraph_allocator_held_freed_pages(void);

/// jemalloc's value of the size_t or ssize_t option `name` (for instance "opt.narenas"), or -1 when unavailable.
long notegraph_allocator_option(const char *name);

#endif
