import WebhookKit
#if !WEBHOOKKIT_NO_SQLITE
import WebhookKitSQLite
#endif

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
        #if !WEBHOOKKIT_NO_SQLITE
        let store = try SQLiteNotificationStore(path: path)
        return NotificationStoreFile(store: store, close: { await store.close() }, count: { try await store.count() })
        #else
        throw StoreUnavailable(path: path)
        #endif
    }
}

/// This build has no SQLite support (the `WebhookKitSQLite` module is missing).
public struct StoreUnavailable: Error, CustomStringConvertible {
    /// The file that was asked for.
    public let path: String

    /// A sentence naming the file and the reason.
    public var description: String {
        "cannot open \(path): this build has no SQLite support (module WebhookKitSQLite)"
    }
}
