import WebhookKit
import WebhookKitSQLite

/// The receiver's SQLite file: a `NotificationStore` storing each notification once.
public struct NotificationStoreFile: Sendable {
    /// The store to hand to `WebhookReceiver`.
    public let store: any NotificationStore
    /// Closes the file after every write made.
    public let close: @Sendable () async -> Void
    /// How many notifications the file holds.
    public let count: @Sendable () async throws -> Int

    /// Opens (or creates, mode 0600) the file at `path`.
    public static func open(path: String) throws -> NotificationStoreFile {
        let store = try SQLiteNotificationStore(path: path)
        return NotificationStoreFile(store: store, close: { await store.close() }, count: { try await store.count() })
    }
}
