// Small wrappers over Linux system calls and libc calls that Swift cannot call directly (renameat2 is not in
// every libc's headers and `syscall` is variadic).
#ifndef NOTEGRAPH_CSYSTEM_H
#define NOTEGRAPH_CSYSTEM_H

/// Atomically exchanges two paths (both must exist): renameat2(RENAME_EXCHANGE). Returns 0, or -1 with errno set
/// (EINVAL/ENOSYS where the file system or kernel does not support it).
int notegraph_exchange_paths(const char *a, const char *b);

#endif
