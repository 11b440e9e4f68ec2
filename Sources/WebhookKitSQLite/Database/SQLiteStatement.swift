import CSQLite

/// A prepared statement of a ``SQLiteDatabase``: bind parameters (1-based), step, read
/// columns (0-based). Owned by the database's statement cache.
final class SQLiteStatement {
    let handle: OpaquePointer
    private unowned let database: SQLiteDatabase
    let operation: String

    init(handle: OpaquePointer, database: SQLiteDatabase, operation: String) {
        self.handle = handle
        self.database = database
        self.operation = operation
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Clears bindings and rewinds, ready for the next use.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func bind(_ index: Int32, _ value: Int64?) throws(SQLiteError) {
        let code = if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
        try check(code)
    }

    func bind(_ index: Int32, _ value: Int?) throws(SQLiteError) {
        try bind(index, value.map(Int64.init))
    }

    func bind(_ index: Int32, _ value: String?) throws(SQLiteError) {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        var text = value
        let code = text.withUTF8 { buffer -> Int32 in
            guard let base = buffer.baseAddress else {
                return sqlite3_bind_text(handle, index, "", 0, webhookkit_sqlite_transient())
            }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                sqlite3_bind_text64(handle, index, $0, sqlite3_uint64(buffer.count), webhookkit_sqlite_transient(), UInt8(SQLITE_UTF8))
            }
        }
        try check(code)
    }

    func bind(_ index: Int32, blob: [UInt8]?) throws(SQLiteError) {
        guard let blob else { return try check(sqlite3_bind_null(handle, index)) }
        let code = blob.withUnsafeBytes { buffer in
            sqlite3_bind_blob64(handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), sqlite3_uint64(buffer.count), webhookkit_sqlite_transient())
        }
        try check(code)
    }

    /// Runs one step: `true` when a row is ready, `false` when done.
    @discardableResult
    func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.error(code: code, operation: operation)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Steps to the end, for statements that return no rows.
    func run() throws(SQLiteError) {
        while try step() {}
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func int(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(handle, column))
    }

    func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : int64(column)
    }

    func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    func optionalString(_ column: Int32) -> String? {
        isNull(column) ? nil : string(column)
    }

    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    private func check(_ code: Int32) throws(SQLiteError) {
        if code != SQLITE_OK { throw database.error(code: code, operation: operation) }
    }
}
