import Foundation
import Testing
import WebhookKit
@testable import WebhookKitSQLite

@Suite("SQLite file opening")
struct SQLiteFileTests {
    typealias F = OutboxFixtures

    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int) ?? -1
    }

    private func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    @Test("a new file and its WAL and shared-memory files are readable by the owner only")
    func fileMode() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("dispatcher.sqlite")
            var configuration = SQLiteDispatcherDatabase.Configuration()
            configuration.file.exclusiveLocking = false
            let database = try SQLiteDispatcherDatabase(path: path, configuration: configuration)
            try await database.registry.save(WebhookConfiguration(
                name: "a", url: "https://a.example.com/", authorization: .token("secret-token"), dataSource: .allDevices, topics: ["BootEvent"]
            ))
            #expect(try mode(path) == 0o600)
            #expect(try mode(path + "-wal") == 0o600)
            #expect(try mode(path + "-shm") == 0o600)
            await database.close()
        }
    }

    @Test("a new file gets the current schema version and the dispatcher's application id")
    func schemaVersion() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("dispatcher.sqlite")
            let database = try SQLiteDispatcherDatabase(path: path)
            await database.close()
            let raw = try SQLiteDatabase(path: path, flags: 1)
            #expect(try raw.integer("PRAGMA user_version", operation: "test") == Int64(SQLiteDispatcherDatabase.schemaVersion))
            #expect(try raw.integer("PRAGMA application_id", operation: "test") == Int64(DispatcherSchema.applicationID))
            #expect(try raw.strings("PRAGMA journal_mode", operation: "test") == ["wal"])
            raw.close()
        }
    }

    @Test("a text file is refused as not a database and left unchanged")
    func textFile() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("notes.txt")
            try Data(String(repeating: "not a database, just some text\n", count: 20).utf8).write(to: URL(fileURLWithPath: path))
            let before = try directory.bytes(path)
            #expect {
                _ = try SQLiteDispatcherDatabase(path: path)
            } throws: { error in
                guard case .notADatabase(let refused, _) = error as? SQLiteStoreError else { return false }
                return refused == path
            }
            #expect(try directory.bytes(path) == before)
            #expect(!exists(path + "-wal") && !exists(path + "-shm"))
        }
    }

    @Test("a file shorter than a SQLite header is refused")
    func shortFile() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("short.sqlite")
            try Data(OutboxFixtures.header.prefix(40)).write(to: URL(fileURLWithPath: path))
            #expect {
                _ = try SQLiteNotificationStore(path: path)
            } throws: { error in
                guard case .notADatabase(_, let reason) = error as? SQLiteStoreError else { return false }
                return reason.contains("40 bytes")
            }
        }
    }

    @Test("a file with a newer schema is refused with both versions and left unchanged")
    func newerSchema() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("dispatcher.sqlite")
            await (try SQLiteDispatcherDatabase(path: path)).close()
            let raw = try SQLiteDatabase(path: path, flags: 2)
            try raw.execute("PRAGMA user_version = 99", operation: "test")
            raw.close()
            let before = try directory.bytes(path)
            #expect(throws: SQLiteStoreError.newerSchema(found: 99, supported: SQLiteDispatcherDatabase.schemaVersion)) {
                _ = try SQLiteDispatcherDatabase(path: path)
            }
            var options = SQLiteFileOptions()
            options.verifyIntegrityOnOpen = false
            var configuration = SQLiteDispatcherDatabase.Configuration()
            configuration.file = options
            #expect(throws: SQLiteStoreError.newerSchema(found: 99, supported: SQLiteDispatcherDatabase.schemaVersion)) {
                _ = try SQLiteDispatcherDatabase(path: path, configuration: configuration)
            }
            #expect(try directory.bytes(path) == before)
            #expect(!exists(path + "-wal") && !exists(path + "-shm"))
        }
    }

    @Test("a damaged database is refused as corrupt and left unchanged")
    func corruptFile() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("dispatcher.sqlite")
            let database = try SQLiteDispatcherDatabase(path: path)
            let messages = try (0..<400).map { _ in try F.event("d1", value: .string(String(repeating: "x", count: 200))) }
            _ = try await database.outbox.enqueue(messages, coalesce: false)
            await database.close()
            var bytes = try directory.bytes(path)
            #expect(bytes.count > 8 * 4096)
            for offset in stride(from: 2 * 4096, to: bytes.count, by: 4096) {
                bytes.replaceSubrange(offset..<offset + 64, with: [UInt8](repeating: 0xA5, count: 64))
            }
            try bytes.write(to: URL(fileURLWithPath: path))
            #expect {
                _ = try SQLiteDispatcherDatabase(path: path)
            } throws: { error in
                guard case .corrupt(let refused, let detail) = error as? SQLiteStoreError else { return false }
                return refused == path && !detail.isEmpty
            }
            #expect(try directory.bytes(path) == bytes)
            #expect(!exists(path + "-wal") && !exists(path + "-shm"))
        }
    }

    @Test("a receiver file opened as a dispatcher file is refused")
    func wrongApplication() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("received.sqlite")
            await (try SQLiteNotificationStore(path: path)).close()
            #expect(throws: SQLiteStoreError.wrongApplication(path: path, found: ReceiverSchema.applicationID, expected: DispatcherSchema.applicationID)) {
                _ = try SQLiteDispatcherDatabase(path: path)
            }
        }
    }

    @Test("a directory or a missing read-only file cannot be opened")
    func unusablePaths() async throws {
        try await TestDirectory.with { directory in
            #expect {
                _ = try SQLiteDispatcherDatabase(path: directory.url.path)
            } throws: { error in
                guard case .cannotOpen(_, let reason) = error as? SQLiteStoreError else { return false }
                return reason == "not a regular file"
            }
            var configuration = SQLiteDispatcherDatabase.Configuration()
            configuration.file.readOnly = true
            #expect {
                _ = try SQLiteDispatcherDatabase(path: directory.path("missing.sqlite"), configuration: configuration)
            } throws: { error in
                if case .cannotOpen = error as? SQLiteStoreError { return true }
                return false
            }
            #expect(!exists(directory.path("missing.sqlite")))
        }
    }
}

extension SQLiteFileTests {
    @Test("errors name the operation and SQLite's reason but never a bound value")
    func errorsHoldNoSecrets() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("dispatcher.sqlite")
            await (try SQLiteDispatcherDatabase(path: path)).close()
            var configuration = SQLiteDispatcherDatabase.Configuration()
            configuration.file.readOnly = true
            let database = try SQLiteDispatcherDatabase(path: path, configuration: configuration)
            let secret = "pw-very-secret-4711"
            let webhook = WebhookConfiguration(
                name: "a", url: "https://a.example.com/", authorization: .basic(username: "hub", password: secret),
                dataSource: .allDevices, topics: ["BootEvent"]
            )
            do {
                try await database.registry.save(webhook)
                Issue.record("a read-only file accepted a write")
            } catch {
                let text = String(describing: error)
                #expect(text.contains("save webhook"))
                #expect(text.contains("readonly") || text.contains("read-only"))
                #expect(!text.contains(secret))
            }
            await database.close()
        }
    }
}
