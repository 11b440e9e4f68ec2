import WebhookKit

/// A ``NotificationStore`` in a SQLite file: each notification stored once by its id
/// (insert-if-absent), so a retried delivery has an exactly-once effect, and queryable
/// by device, workspace, path and time.
///
/// ``insertIfAbsent(_:)`` returns only after its row is committed, so the receiver's
/// `200 OK` always means stored; concurrent calls share commits (group commit).
///
/// ```swift
/// let store = try SQLiteNotificationStore(path: "/var/lib/hooks/received.sqlite")
/// let receiver = WebhookReceiver(configuration: .init(authorization: auth, store: store))
/// // …
/// let people = try await store.latestValue(device: "desk-1", path: XAPIPath("RoomAnalytics.PeopleCount.Current"))
/// ```
public final class SQLiteNotificationStore: NotificationStore {
    /// How the file is opened.
    public struct Configuration: Sendable, Hashable {
        /// Durability, group commit and checks on open.
        public var file: SQLiteFileOptions

        /// Creates a configuration: crash-safe WAL with group commit by default.
        public init(file: SQLiteFileOptions = SQLiteFileOptions()) {
            self.file = file
        }
    }

    /// The schema version this package writes.
    public static let schemaVersion = ReceiverSchema.schema.version

    /// The file's path.
    public let path: String
    let worker: SQLiteWorker

    /// Opens (or creates, with mode 0600) the file at `path`; refuses, unchanged, a file
    /// that is not SQLite, is damaged, is another kind of store or has a newer schema.
    public init(path: String, configuration: Configuration = Configuration()) throws(SQLiteStoreError) {
        let database = try SQLiteFile.open(path: path, schema: ReceiverSchema.schema, options: configuration.file)
        self.path = path
        worker = SQLiteWorker(database: database, groupCommit: configuration.file.groupCommit, label: "WebhookKitSQLite.receiver")
    }

    /// Stores `notification` unless its id is stored already; returns whether it was
    /// stored. The row is committed when this returns.
    public func insertIfAbsent(_ notification: DeviceNotification) async throws -> Bool {
        let row = NotificationTable.Row(notification)
        return try await worker.perform(.write) { try NotificationTable.insertIfAbsent(row, in: $0) }
    }

    /// How many notifications are stored.
    public func count() async throws -> Int {
        try await worker.perform(.read) {
            Int(try $0.integer("SELECT count(*) FROM notification", operation: "count notifications") ?? 0)
        }
    }

    /// Every stored message id in the order of first arrival.
    public func allIDsInArrivalOrder() async throws -> [MessageID] {
        try await worker.perform(.read) {
            try $0.strings("SELECT id FROM notification ORDER BY arrival", operation: "list notification ids").map { MessageID($0) }
        }
    }

    /// Closes the file after every call already made; later calls throw.
    public func close() async {
        _ = try? await worker.perform(.direct) { $0.close() }
    }
}
