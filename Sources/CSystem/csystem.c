#define _GNU_SOURCE
#include "csystem.h"
#include <errno.h>
#include <fcntl.h>
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

int notegraph_copy_range(int from, long long offset, int to, long long count) {
    off_t in = (off_t)offset;
    while (count > 0) {
        ssize_t n = copy_file_range(from, &in, to, NULL, (size_t)count, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (n == 0) {  // the source ended before the range did
            errno = EIO;
            return -1;
        }
        count -= n;
    }
    return 0;
}
