/// The tables of one kind of store file: an application id that marks the file as
/// ours, and forward migrations, one per schema version.
///
/// Migration `i` (0-based) moves a file from version `i` to `i + 1`; its version is kept
/// in `PRAGMA user_version`. Migrations are only ever appended.
struct SQLiteSchema: Sendable {
    /// `PRAGMA application_id` of files of this kind.
    let applicationID: Int32
    /// SQL of each migration, in order.
    let migrations: [String]

    /// The version a file has after every migration.
    var version: Int { migrations.count }
}
