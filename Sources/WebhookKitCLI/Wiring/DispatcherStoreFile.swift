import WebhookKit
import WebhookKitSQLite

/// The dispatcher's SQLite file: durable outbox, webhook registry and delivery log in one
/// file, shared by every `webhook-dispatcher` command.
public struct DispatcherStoreFile: Sendable {
    /// The durable outbox.
    public let outbox: any OutboxStore
    /// The webhook registry (holds credentials; the file is created mode 0600).
    public let registry: any WebhookRegistryStore
    /// The delivery log.
    public let deliveryLog: any DeliveryLog
    /// Closes the file after every call made; stop the dispatcher first.
    public let close: @Sendable () async -> Void

    /// Opens (or creates) the file at `path`.
    public static func open(path: String) throws -> DispatcherStoreFile {
        let database = try SQLiteDispatcherDatabase(path: path)
        return DispatcherStoreFile(
            outbox: database.outbox, registry: database.registry, deliveryLog: database.deliveryLog,
            close: { await database.close() }
        )
    }

    /// Stores in memory, for the demo and tests: lost when the process ends.
    public static func inMemory() -> DispatcherStoreFile {
        DispatcherStoreFile(
            outbox: InMemoryOutboxStore(), registry: InMemoryWebhookRegistryStore(), deliveryLog: InMemoryDeliveryLog(),
            close: {}
        )
    }
}
