import WebhookKit

/// The dispatcher's SQLite file, opened once: the durable outbox, the webhook registry
/// and the delivery log share it (and its transactions).
///
/// Opening refuses, with a ``SQLiteStoreError`` and without changing it, a file that is
/// not SQLite, is damaged, belongs to another kind of store or was written by a newer
/// schema; older schemas are migrated forward. A new file is created with mode 0600,
/// because the registry holds credentials.
///
/// ```swift
/// let database = try SQLiteDispatcherDatabase(path: "/var/lib/hooks/dispatcher.sqlite")
/// var configuration = Dispatcher.Configuration()
/// configuration.deliveryLog = database.deliveryLog
/// let dispatcher = Dispatcher(configuration: configuration, transport: transport,
///                             outbox: database.outbox, registry: database.registry)
/// try await dispatcher.start()
/// // …
/// await dispatcher.shutdown()
/// await database.close()
/// ```
public final class SQLiteDispatcherDatabase: Sendable {
    /// How the file is opened and what the stores keep.
    public struct Configuration: Sendable {
        /// Durability, group commit and checks on open.
        public var file = SQLiteFileOptions()
        /// Pending messages at most before ``SQLiteOutboxStore/enqueue(_:coalesce:)``
        /// waits (back-pressure); `nil` (the default) bounds only by disk space.
        public var outboxCapacity: Int?
        /// How long and how much of the delivery log is kept.
        public var deliveryLogRetention = SQLiteDeliveryLog.Retention()
        /// The clock the delivery log's retention reads.
        public var clock: any WebhookClock = SystemClock()

        /// The defaults: crash-safe WAL with group commit, unbounded outbox, 7 days or
        /// 10,000 attempts per webhook of delivery log.
        public init() {}
    }

    /// The schema version this package writes.
    public static let schemaVersion = DispatcherSchema.schema.version

    /// The file's path.
    public let path: String
    /// The durable outbox.
    public let outbox: SQLiteOutboxStore
    /// The webhook registry.
    public let registry: SQLiteWebhookRegistryStore
    /// The delivery log.
    public let deliveryLog: SQLiteDeliveryLog
    let worker: SQLiteWorker

    /// Opens (or creates) the file at `path`.
    public init(path: String, configuration: Configuration = Configuration()) throws(SQLiteStoreError) {
        let database = try SQLiteFile.open(path: path, schema: DispatcherSchema.schema, options: configuration.file)
        let pending: Int
        do {
            pending = Int(try database.integer("SELECT count(*) FROM outbox", operation: "count pending") ?? 0)
        } catch {
            throw .sqlite(error)
        }
        self.path = path
        // Set before the worker exists; from then on only its jobs use the connection.
        let heads = LaneHeadCache()
        database.outboxLanes = OutboxLanes(heads: heads)
        worker = SQLiteWorker(database: database, groupCommit: configuration.file.groupCommit, label: "WebhookKitSQLite.dispatcher")
        outbox = SQLiteOutboxStore(worker: worker, heads: heads, capacity: configuration.outboxCapacity, pendingCount: pending)
        registry = SQLiteWebhookRegistryStore(worker: worker)
        deliveryLog = SQLiteDeliveryLog(
            worker: worker, retention: configuration.deliveryLogRetention, clock: configuration.clock, sincePrune: DeliveryLogCounter()
        )
    }

    /// Closes the file after every call already made; later calls throw. Stop the
    /// dispatcher first.
    public func close() async {
        _ = try? await worker.perform(.direct) { $0.close() }
    }

    /// How many transactions committed and how many calls they served, showing how
    /// well group commit shares commits.
    public var commitStatistics: (transactions: Int, calls: Int) {
        let statistics = worker.statistics
        return (statistics.transactions, statistics.jobs)
    }
}
