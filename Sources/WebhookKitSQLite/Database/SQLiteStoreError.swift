/// Why a SQLite-backed store could not open its file or do its work.
///
/// Opening refuses a file it cannot trust (not SQLite, damaged, written by a newer
/// version, belonging to another kind of store) and leaves it exactly as it was.
public enum SQLiteStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file is not a SQLite database (no SQLite header, or too short to hold one).
    case notADatabase(path: String, reason: String)
    /// The file is a SQLite database but damaged; `detail` is SQLite's first finding.
    case corrupt(path: String, detail: String)
    /// The file was written by a newer version of this package; its schema version is
    /// `found`, this version reads up to `supported`.
    case newerSchema(found: Int, supported: Int)
    /// The file is a SQLite database of another kind (e.g. a receiver store opened as a
    /// dispatcher database); `found` is its `application_id`.
    case wrongApplication(path: String, found: Int32, expected: Int32)
    /// The path cannot be used: missing for a read-only open, not a regular file, or the
    /// system refused to create it.
    case cannotOpen(path: String, reason: String)
    /// A stored row could not be read back (a field that does not decode).
    case invalidStoredData(table: String, detail: String)
    /// SQLite reported a failure.
    case sqlite(SQLiteError)

    /// A sentence naming the file or field and the reason.
    public var description: String {
        switch self {
        case .notADatabase(let path, let reason): "\(path) is not a SQLite database: \(reason)"
        case .corrupt(let path, let detail): "\(path) is damaged: \(detail)"
        case .newerSchema(let found, let supported):
            "the database has schema version \(found), newer than the \(supported) this version supports"
        case .wrongApplication(let path, let found, let expected):
            "\(path) belongs to another application (application_id \(found), expected \(expected))"
        case .cannotOpen(let path, let reason): "cannot open \(path): \(reason)"
        case .invalidStoredData(let table, let detail): "a row of \(table) cannot be read: \(detail)"
        case .sqlite(let error): error.description
        }
    }
}
