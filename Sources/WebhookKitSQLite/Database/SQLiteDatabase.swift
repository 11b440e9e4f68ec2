import CSQLite

/// One SQLite connection with a cache of prepared statements.
///
/// Not thread-safe by itself: a ``SQLiteWorker`` owns each connection and runs every use
/// of it on its serial queue.
final class SQLiteDatabase {
    private(set) var handle: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]
    /// How often the connection rolled back changes (a failed job's savepoint, a failed
    /// transaction): state derived from the rows and kept in memory is stale when this
    /// moved since it was built.
    var rollbacks = 0
    /// The outbox's lane index, when this connection holds an outbox.
    var outboxLanes: OutboxLanes?
    let path: String

    /// Opens `path` with SQLite `flags` (`SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE` …).
    init(path: String, flags: Int32) throws(SQLiteError) {
        self.path = path
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(path, &connection, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(connection)
            throw SQLiteError(code: code, message: message, operation: "open database")
        }
        handle = connection
        sqlite3_extended_result_codes(connection, 1)
    }

    deinit {
        close()
    }

    /// Finalizes every statement and closes the connection (a WAL file is checkpointed
    /// and removed when this was the last connection).
    func close() {
        statements = [:]
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    var isOpen: Bool { handle != nil }

    /// Runs SQL without parameters (several statements allowed).
    func execute(_ sql: String, operation: String) throws(SQLiteError) {
        let connection = try open(operation)
        let code = sqlite3_exec(connection, sql, nil, nil, nil)
        if code != SQLITE_OK { throw error(code: code, operation: operation) }
    }

    /// A prepared statement for `sql`, reset and ready for binding; prepared once and cached.
    func statement(_ sql: String, operation: String) throws(SQLiteError) -> SQLiteStatement {
        if let cached = statements[sql] {
            cached.reset()
            return cached
        }
        let connection = try open(operation)
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard code == SQLITE_OK, let prepared else { throw error(code: code, operation: operation) }
        let statement = SQLiteStatement(handle: prepared, database: self, operation: operation)
        statements[sql] = statement
        return statement
    }

    /// The first column of the first row of `sql` as an integer (`PRAGMA user_version` …).
    func integer(_ sql: String, operation: String) throws(SQLiteError) -> Int64? {
        let statement = try statement(sql, operation: operation)
        defer { statement.reset() }
        return try statement.step() ? statement.optionalInt64(0) : nil
    }

    /// Every row of the first column of `sql` as text.
    func strings(_ sql: String, operation: String) throws(SQLiteError) -> [String] {
        let statement = try statement(sql, operation: operation)
        defer { statement.reset() }
        var rows: [String] = []
        while try statement.step() { rows.append(statement.string(0)) }
        return rows
    }

    /// Rows changed by the last statement.
    var changes: Int { handle.map { Int(sqlite3_changes64($0)) } ?? 0 }

    /// The rowid of the last insert.
    var lastInsertRowID: Int64 { handle.map { sqlite3_last_insert_rowid($0) } ?? 0 }

    /// `true` outside a transaction; SQLite rolls a transaction back by itself after
    /// some errors (a full disk, I/O errors), which this reveals.
    var isAutocommit: Bool { handle.map { sqlite3_get_autocommit($0) != 0 } ?? true }

    /// An error for `code` with the connection's current message.
    func error(code: Int32, operation: String) -> SQLiteError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        let extended = handle.map { sqlite3_extended_errcode($0) } ?? code
        return SQLiteError(code: extended & 0xFF == code & 0xFF ? extended : code, message: message, operation: operation)
    }

    private func open(_ operation: String) throws(SQLiteError) -> OpaquePointer {
        guard let handle else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "the database is closed", operation: operation)
        }
        return handle
    }
}
