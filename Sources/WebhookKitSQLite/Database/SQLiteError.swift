import CSQLite

/// A failure reported by SQLite: the result code, SQLite's message and what the store
/// was doing.
///
/// Bound values (which may be credentials) never appear here: only the operation, the
/// code and SQLite's own message, which names tables and columns but not values.
public struct SQLiteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The extended SQLite result code, e.g. `SQLITE_FULL` (13) or `SQLITE_READONLY` (8).
    public var code: Int32
    /// SQLite's message for the failure.
    public var message: String
    /// What the store was doing, e.g. `"insert outbox message"`.
    public var operation: String

    /// Creates an error.
    public init(code: Int32, message: String, operation: String) {
        self.code = code
        self.message = message
        self.operation = operation
    }

    /// The primary result code (the low byte of ``code``).
    public var primaryCode: Int32 { code & 0xFF }

    /// Whether the disk (or the configured maximum size) is full.
    public var isFull: Bool { primaryCode == SQLITE_FULL }

    /// Whether the file or connection does not accept writes.
    public var isReadOnly: Bool { primaryCode == SQLITE_READONLY }

    /// Whether the file is damaged or not a database.
    public var isCorrupt: Bool { primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB }

    /// `sqlite: <operation> failed: <message> (code N, <name>)`.
    public var description: String {
        let name = String(cString: sqlite3_errstr(code))
        return "sqlite: \(operation) failed: \(message) (code \(code), \(name))"
    }
}
