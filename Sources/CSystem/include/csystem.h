// Small wrappers over Linux system calls and libc calls that Swift cannot call directly (renameat2 is not in
// every libc's headers, `syscall` is variadic, and glibc's <malloc.h> is not part of Swift's Glibc module).
#ifndef NOTEGRAPH_CSYSTEM_H
#define NOTEGRAPH_CSYSTEM_H

/// Atomically exchanges two paths (both must exist): renameat2(RENAME_EXCHANGE). Returns 0, or -1 with errno set
/// (EINVAL/ENOSYS where the file system or kernel does not support it).
int notegraph_exchange_paths(const char *a, const char *b);

/// Whether glibc's malloc was limited to one arena when the program started (see csystem.c); false on other C
/// libraries.
int notegraph_malloc_arenas_limited(void);

/// 1 if glibc took the fixed 32 KiB mmap threshold set before main (see csystem.c), 0 otherwise.
int notegraph_malloc_mmap_threshold_fixed(void);

#endif
