// Small wrappers over Linux system calls and libc calls that Swift cannot call directly (renameat2 is not in
// every libc's headers, copy_file_range is declared only under _GNU_SOURCE, and `syscall` is variadic).
#ifndef NOTEGRAPH_CSYSTEM_H
#define NOTEGRAPH_CSYSTEM_H

/// Atomically exchanges two paths (both must exist): renameat2(RENAME_EXCHANGE). Returns 0, or -1 with errno set
/// (EINVAL/ENOSYS where the file system or kernel does not support it).
int notegraph_exchange_paths(const char *a, const char *b);

/// Copies `count` bytes at `offset` of the file open at `from` to the current position of `to` (which advances),
/// in the kernel: copy_file_range, looping over short copies. Returns 0, or -1 with errno set (EXDEV, EINVAL,
/// ENOSYS, EOPNOTSUPP where the kernel or file systems cannot; EIO if `from` ends first). On failure some bytes
/// may have been copied: the caller truncates them away.
int notegraph_copy_range(int from, long long offset, int to, long long count);

#endif
