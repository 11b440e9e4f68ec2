import Testing
import WebhookKit
import WebhookKitSQLite

/// An outbox implementation under test, with what the contract tests need to inspect it.
struct OutboxSubject: Sendable {
    let store: any OutboxStore
    let pendingCount: @Sendable () async -> Int
    let waitingPublishers: @Sendable () async -> Int
    let finish: @Sendable () async -> Void

    /// Which implementation to build.
    enum Kind: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case inMemory, sqlite
        var testDescription: String { rawValue }
    }

    static func make(_ kind: Kind, capacity: Int? = nil) throws -> OutboxSubject {
        switch kind {
        case .inMemory:
            let store = InMemoryOutboxStore(capacity: capacity)
            return OutboxSubject(
                store: store, pendingCount: { await store.pendingCount },
                waitingPublishers: { await store.waitingPublishers }, finish: {}
            )
        case .sqlite:
            let directory = try TestDirectory()
            var configuration = SQLiteDispatcherDatabase.Configuration()
            configuration.outboxCapacity = capacity
            let database = try SQLiteDispatcherDatabase(path: directory.path("outbox.sqlite"), configuration: configuration)
            let store = database.outbox
            return OutboxSubject(
                store: store, pendingCount: { await store.pendingCount },
                waitingPublishers: { await store.waitingPublishers },
                finish: {
                    await database.close()
                    directory.remove()
                }
            )
        }
    }
}


