import CSQLite
import Foundation

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

    /// An empty database in memory, in one contiguous buffer (SQLite's `memdb`), so `serialized()` copies it once.
    init() throws {
        guard sqlite3_open_v2("file:notegraph-store?vfs=memdb", &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, nil) == SQLITE_OK else {
            throw Failure(description: "cannot create an in-memory database")
        }
        // memdb stops growing at 1 GiB by default ("database or disk is full"): a 100,000-note store is larger.
        var limit = Self.memoryLimit
        sqlite3_file_control(handle, "main", SQLITE_FCNTL_SIZE_LIMIT, &limit)
    }

    /// The most an in-memory store may grow to: just under SQLite's largest single allocation (2 GiB), since memdb
    /// keeps the database in one block and doubles it as it grows (clamped to this, so the last step still fits).
    /// The serialized copy the old `:memory:` store made had the same ceiling; about 150,000 notes of the
    /// benchmark's size fit.
    static let memoryLimit: sqlite3_int64 = 0x7FFF_0000

    /// How large the in-memory database may grow (`SQLITE_FCNTL_SIZE_LIMIT`; a negative argument only reads it).
    var sizeLimit: Int64 {
        var limit: sqlite3_int64 = -1
        sqlite3_file_control(handle, "main", SQLITE_FCNTL_SIZE_LIMIT, &limit)
        return limit
    }

    /// A database file, read-only.
    init(readingAt path: String) throws {
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
            defer { sqlite3_close(handle) }
            throw Failure(description: "\(path): cannot open: \(String(cString: sqlite3_errmsg(handle)))")
        }
        // Map the file instead of reading it page by page: a walk over thousands of nodes spent most of its time in
        // pread copies. A query reads pages once, so a larger page cache would not help.
        try execute("PRAGMA mmap_size = 1073741824")
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close(handle)
    }

    func execute(_ sql: String) throws {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw failure(sql) }
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

    /// The database as one file's bytes.
    func serialized() throws -> [UInt8] {
        var size: sqlite3_int64 = 0
        // A memdb database hands out its own buffer: one copy (into the array) instead of two.
        if let data = sqlite3_serialize(handle, "main", &size, UInt32(SQLITE_SERIALIZE_NOCOPY)) {
            return Array(UnsafeBufferPointer(start: data, count: Int(size)))
        }
        guard let data = sqlite3_serialize(handle, "main", &size, 0) else { throw Failure(description: "cannot serialize the database") }
        defer { sqlite3_free(data) }
        return Array(UnsafeBufferPointer(start: data, count: Int(size)))
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else { throw failure(sql) }
        statements[sql] = statement
        return statement
    }

    private func failure(_ sql: String) -> Failure {
        Failure(description: "SQLite: \(String(cString: sqlite3_errmsg(handle))) in: \(sql)")
    }

    struct Row {
        let statement: OpaquePointer

        func text(_ i: Int32) -> String? {
            guard sqlite3_column_type(statement, i) != SQLITE_NULL, let p = sqlite3_column_text(statement, i) else { return nil }
            return String(cString: p)
        }

        func integer(_ i: Int32) -> Int { Int(sqlite3_column_int64(statement, i)) }

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
