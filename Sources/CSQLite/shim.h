#include <sqlite3.h>

/// Keeps a connection's write-ahead log on close, uncheckpointed: `sqlite3_db_config` is variadic, which Swift
/// cannot call. Returns SQLite's result code.
static inline int notegraph_sqlite_keep_wal_on_close(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}
