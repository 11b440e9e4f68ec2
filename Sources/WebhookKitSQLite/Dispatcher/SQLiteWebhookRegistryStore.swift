import Foundation
import WebhookKit

/// A ``WebhookRegistryStore`` in the dispatcher's SQLite file: each configuration as its
/// JSON, with its state and timestamps in columns an operator can query.
///
/// The configurations hold credentials, which is why ``SQLiteDispatcherDatabase``
/// creates the file (and SQLite its `-wal` and `-shm` files) readable by the owner only.
public struct SQLiteWebhookRegistryStore: WebhookRegistryStore {
    let worker: SQLiteWorker

    public func loadAll() async throws -> [WebhookConfiguration] {
        let rows = try await worker.perform(.read) { database in
            let select = try database.statement("SELECT id, configuration FROM webhook ORDER BY id", operation: "load webhooks")
            defer { select.reset() }
            var rows: [(String, [UInt8])] = []
            while try select.step() { rows.append((select.string(0), select.blob(1))) }
            return rows
        }
        let decoder = JSONDecoder()
        return try rows.map { id, json in
            do {
                return try decoder.decode(WebhookConfiguration.self, from: Data(json))
            } catch {
                // The decoding error may quote values; name only the row.
                throw SQLiteStoreError.invalidStoredData(table: "webhook", detail: "configuration of \(id) does not decode")
            }
        }
    }

    public func save(_ configuration: WebhookConfiguration) async throws {
        let json = Array(try JSONEncoder().encode(configuration))
        try await worker.perform(.write) { database in
            let upsert = try database.statement(
                """
                INSERT INTO webhook (id, configuration, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET configuration = excluded.configuration, state = excluded.state,
                    created_at = excluded.created_at, updated_at = excluded.updated_at
                """,
                operation: "save webhook"
            )
            try upsert.bind(1, configuration.id.rawValue)
            try upsert.bind(2, blob: json)
            try upsert.bind(3, configuration.state.description)
            try upsert.bind(4, configuration.createdAt.millisecondsSince1970)
            try upsert.bind(5, configuration.updatedAt.millisecondsSince1970)
            try upsert.run()
        }
    }

    public func delete(_ id: WebhookID) async throws {
        try await worker.perform(.write) { database in
            let delete = try database.statement("DELETE FROM webhook WHERE id = ?", operation: "delete webhook")
            try delete.bind(1, id.rawValue)
            try delete.run()
        }
    }
}
