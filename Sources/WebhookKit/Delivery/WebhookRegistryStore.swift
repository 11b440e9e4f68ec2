/// Where a ``Dispatcher`` keeps its webhook configurations.
///
/// `InMemoryWebhookRegistryStore` keeps them for the life of the process;
/// `SQLiteWebhookRegistryStore` in `WebhookKitSQLite` keeps them in the outbox file.
///
/// ## Implementation requirements
/// - ``save(_:)`` replaces any configuration with the same id, atomically.
/// - Configurations hold credentials: persist them where only the operator can read.
/// - Safe to call concurrently.
public protocol WebhookRegistryStore: Sendable {
    /// Every stored configuration.
    func loadAll() async throws -> [WebhookConfiguration]
    /// Stores or replaces a configuration.
    func save(_ configuration: WebhookConfiguration) async throws
    /// Deletes a configuration; deleting an unknown id does nothing.
    func delete(_ id: WebhookID) async throws
}

/// A ``WebhookRegistryStore`` in memory.
public actor InMemoryWebhookRegistryStore: WebhookRegistryStore {
    private var configurations: [WebhookID: WebhookConfiguration]

    /// Creates a store holding `configurations`.
    public init(_ configurations: [WebhookConfiguration] = []) {
        self.configurations = Dictionary(configurations.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
    }

    public func loadAll() async throws -> [WebhookConfiguration] {
        configurations.values.sorted { $0.id < $1.id }
    }

    public func save(_ configuration: WebhookConfiguration) async throws {
        configurations[configuration.id] = configuration
    }

    public func delete(_ id: WebhookID) async throws {
        configurations[id] = nil
    }
}
