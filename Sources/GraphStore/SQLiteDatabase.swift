import CSQLite
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A minimal SQLite connection: statements with positional parameters, rows read by column index.
///
/// Written over the C API rather than taken from GRDB: notegraph runs a dozen fixed statements, needs
/// `sqlite3_serialize` to build the database in memory as a pure build step, and GRDB would add minutes to
/// every fresh build of the project for that.
final class SQLiteDatabase: @unchecked Sendable {  // one connection, used under `lock`
    enum Value {
        case text(String)
        case integer(Int)
        case real(Double)
        case blob([UInt8])
        case null
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    let lock = NSLock()

    /// A new database file at `path`, which must not exist yet (it is created here, never through a symbolic link).
    /// Written straight to the file rather than built in memory and copied out: a 10,000-note store is 130 MB,
    /// which the build then held twice (SQLite's buffer and the copy) until the site was committed.
    init(creatingAt path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(description: "\(path): cannot create: \(String(cString: strerror(errno)))") }
        close(fd)
        handle = try Self.connection(to: path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX)
    }

    /// An existing database file, for writing (the caller made it: never through a symbolic link).
    init(updatingAt path: String) throws {
        handle = try Self.connection(to: path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX)
    }

    /// A database file, read-only.
    ///
    /// Opened for writing where the file allows it, with writes refused (`query_only`): a store is in WAL mode, and
    /// a read-only connection to one leaves its log and index files behind, which the last read-write connection
    /// to close removes. Read-only where writing is not allowed (SQLite then reads without creating them).
    init(readingAt path: String) throws {
        if let writable = try? Self.connection(to: path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX) {
            handle = writable
            try execute("PRAGMA query_only = 1")
        } else {
            handle = try Self.connection(to: path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX)
        }
        // Map the file instead of reading it page by page: a walk over thousands of nodes spent most of its time in
        // pread copies. A query reads pages once, so a larger page cache would not help.
        try execute("PRAGMA mmap_size = 1073741824")
    }

    /// A connection to `path` opened with `flags`; a failure to open names the file and SQLite's reason.
    private static func connection(to path: String, _ flags: Int32) throws -> OpaquePointer? {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK else {
            defer { sqlite3_close(handle) }
            throw Failure(description: "\(path): cannot open: \(String(cString: sqlite3_errmsg(handle)))")
        }
        return handle
    }

    /// Leaves the write-ahead log as it is when this connection closes (SQLite checkpoints it into the database file
    /// and removes it by default): for a store updated through a link to the current site's file, whose commits must
    /// stay in the log beside the new link until the new site is in place (see `StoredGraph.write`).
    func keepWriteAheadLogOnClose() throws {
        guard notegraph_sqlite_keep_wal_on_close(handle) == SQLITE_OK else { throw failure("keeping the write-ahead log on close") }
    }

    /// Closes the connection now rather than when the last reference goes (a file about to be removed).
    func closeNow() {
        for statement in statements.values { sqlite3_finalize(statement) }
        statements = [:]
        sqlite3_close(handle)  // a no-op once closed: the handle is nil
        handle = nil
    }

    deinit {
        closeNow()
    }

    func execute(_ sql: String) throws {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw failure(sql) }
    }

    /// Runs `sql` once with the parameters `bind` sets, for bulk inserts: values go straight to SQLite, with no array
    /// of `Value`s made per row (a 10,000-note store inserts about 450,000 rows).
    func insert(_ sql: String, bind: (Binder) -> Void) throws {
        try insert(statement(sql), bind: bind)
    }

    /// A statement prepared once for many rows.
    struct Statement {
        fileprivate let handle: OpaquePointer
        fileprivate let sql: String
    }

    /// The prepared statement for `sql`, for a loop of `insert(_:bind:)`: finding it by its SQL text for every row
    /// hashed the whole text each time.
    func statement(_ sql: String) throws -> Statement {
        Statement(handle: try prepared(sql), sql: sql)
    }

    /// Runs a prepared statement once with the parameters `bind` sets.
    func insert(_ statement: Statement, bind: (Binder) -> Void) throws {
        defer { sqlite3_reset(statement.handle) }
        bind(Binder(statement: statement.handle))
        guard sqlite3_step(statement.handle) == SQLITE_DONE else { throw failure(statement.sql) }
    }

    /// Sets the parameters of a statement, by position from 1; every parameter is set for every row.
    struct Binder {
        let statement: OpaquePointer

        func callAsFunction(_ i: Int32, _ text: String?) {
            guard var text else { sqlite3_bind_null(statement, i); return }
            // Handed over as the String's own bytes with their length: passing the String as a C string copied
            // it into a new NUL-terminated buffer for every value. The text ends at a NUL, as that C string did.
            text.withUTF8 { utf8 in
                let length = utf8.firstIndex(of: 0) ?? utf8.count
                guard length > 0, let start = utf8.baseAddress else {
                    sqlite3_bind_text(statement, i, "", 0, SQLITE_TRANSIENT)
                    return
                }
                UnsafeRawPointer(start).withMemoryRebound(to: CChar.self, capacity: length) {
                    _ = sqlite3_bind_text(statement, i, $0, Int32(length), SQLITE_TRANSIENT)
                }
            }
        }

        func callAsFunction(_ i: Int32, _ n: Int) { sqlite3_bind_int64(statement, i, Int64(n)) }

        func callAsFunction(_ i: Int32, _ n: Int?) {
            if let n { sqlite3_bind_int64(statement, i, Int64(n)) } else { sqlite3_bind_null(statement, i) }
        }

        func callAsFunction(_ i: Int32, _ x: Double?) {
            if let x { sqlite3_bind_double(statement, i, x) } else { sqlite3_bind_null(statement, i) }
        }

        func callAsFunction(_ i: Int32, _ bytes: [UInt8]) {
            bytes.withUnsafeBytes { _ = sqlite3_bind_blob(statement, i, $0.baseAddress, Int32($0.count), SQLITE_TRANSIENT) }
        }
    }

    /// Runs `sql` with `parameters`, calling `row` for each result row.
    func query(_ sql: String, _ parameters: [Value] = [], row: (Row) throws -> Void = { _ in }) throws {
        let statement = try prepared(sql)
        defer { sqlite3_reset(statement); sqlite3_clear_bindings(statement) }
        for (i, value) in parameters.enumerated() {
            let index = Int32(i + 1)
            switch value {
            case .text(let s): sqlite3_bind_text(statement, index, s, -1, SQLITE_TRANSIENT)
            case .integer(let n): sqlite3_bind_int64(statement, index, Int64(n))
            case .real(let x): sqlite3_bind_double(statement, index, x)
            case .blob(let bytes): bytes.withUnsafeBytes { _ = sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), SQLITE_TRANSIENT) }
            case .null: sqlite3_bind_null(statement, index)
            }
        }
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw failure(sql) }
            try row(Row(statement: statement))
        }
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else { throw failure(sql) }
        statements[sql] = statement
        return statement
    }

    private func failure(_ sql: String) -> Failure {
        // "database or disk is full" alone does not say which; the system's own error does ("No space left on device").
        let code = sqlite3_errcode(handle) & 0xFF, system = sqlite3_system_errno(handle)
        let cause = (code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_CANTOPEN) && system != 0 ? " (\(String(cString: strerror(system))))" : ""
        return Failure(description: "SQLite: \(String(cString: sqlite3_errmsg(handle)))\(cause) in: \(sql)")
    }

    struct Row {
        let statement: OpaquePointer

        func text(_ i: Int32) -> String? {
            guard sqlite3_column_type(statement, i) != SQLITE_NULL, let p = sqlite3_column_text(statement, i) else { return nil }
            return String(cString: p)
        }

        func integer(_ i: Int32) -> Int { Int(sqlite3_column_int64(statement, i)) }
        func isNull(_ i: Int32) -> Bool { sqlite3_column_type(statement, i) == SQLITE_NULL }

        func real(_ i: Int32) -> Double? {
            sqlite3_column_type(statement, i) == SQLITE_NULL ? nil : sqlite3_column_double(statement, i)
        }

        func blob(_ i: Int32) -> [UInt8] {
            let count = Int(sqlite3_column_bytes(statement, i))
            guard count > 0, let p = sqlite3_column_blob(statement, i) else { return [] }
            return Array(UnsafeRawBufferPointer(start: p, count: count))
        }
    }
}

/// SQLite's "copy the value now" destructor, which the C macro spells as -1.
private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
