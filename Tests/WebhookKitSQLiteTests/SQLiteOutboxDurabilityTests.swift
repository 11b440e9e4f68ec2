import Foundation
import Testing
import WebhookKit
@testable import WebhookKitSQLite

@Suite("SQLite outbox durability")
struct SQLiteOutboxDurabilityTests {
    typealias F = OutboxFixtures

    /// A store with messages in three lanes, an attempted head and a dead letter.
    private func populate(_ store: SQLiteOutboxStore) async throws -> [MessageID] {
        let messages = [
            try F.event("d1"), try F.status("d1", [("Standby.State", "On")]), try F.event("d1"),
            try F.event("d2"), try F.event(nil), try F.event("d3"), try F.event("d1", webhook: "wh-2"),
        ]
        _ = try await store.enqueue(messages, coalesce: true)
        var head = try #require(try await store.head(of: F.lane("d1"), limit: 1).first)
        head.attempts = 4
        head.firstAttemptAt = F.start.advanced(by: .seconds(3))
        head.nextAttemptAt = F.start.advanced(by: .seconds(300))
        try await store.recordAttempt([head])
        try await store.deadLetter(try await store.head(of: F.lane("d3"), limit: 1), reason: "gave up after 9 attempts")
        return messages.map(\.id)
    }

    /// Everything observable about a store, for before/after comparison.
    private func snapshot(_ store: SQLiteOutboxStore) async throws -> [String] {
        var lines: [String] = []
        for lane in try await store.pendingLanes() {
            for message in try await store.head(of: lane, limit: 100) {
                lines.append("\(lane) \(message.sequence) \(message.id) \(message.attempts) \(String(describing: message.firstAttemptAt)) \(message.nextAttemptAt) \(message.notification.kind)")
            }
        }
        for webhook in ["wh-1", "wh-2"] as [WebhookID] {
            for dead in try await store.deadLetters(webhook: webhook, limit: 100) {
                lines.append("dead \(dead.id) \(dead.status) \(dead.attempts)")
            }
        }
        lines.append("counts \(try await store.pendingCounts().sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })")
        lines.append("pending \(await store.pendingCount)")
        return lines
    }

    @Test("after close and reopen every lane, order, attempt count, time and dead letter is back")
    func restart() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("outbox.sqlite")
            let database = try SQLiteDispatcherDatabase(path: path)
            _ = try await populate(database.outbox)
            let before = try await snapshot(database.outbox)
            await database.close()
            let reopened = try SQLiteDispatcherDatabase(path: path)
            #expect(try await snapshot(reopened.outbox) == before)
            let head = try #require(try await reopened.outbox.head(of: F.lane("d1"), limit: 1).first)
            #expect(head.attempts == 4)
            #expect(head.nextAttemptAt == F.start.advanced(by: .seconds(300)))
            await reopened.close()
        }
    }

    @Test("a process killed between commits leaves every committed message behind")
    func crashImage() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("outbox.sqlite")
            let database = try SQLiteDispatcherDatabase(path: path)
            _ = try await populate(database.outbox)
            let before = try await snapshot(database.outbox)
            try directory.crashImage(of: path, to: directory.path("image.sqlite"))
            let recovered = try SQLiteDispatcherDatabase(path: directory.path("image.sqlite"))
            #expect(try await snapshot(recovered.outbox) == before)
            await recovered.close()
            await database.close()
        }
    }

    @Test("a process killed during a commit leaves none of that transaction")
    func crashDuringCommit() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("outbox.sqlite")
            let image = directory.path("image.sqlite")
            let database = try SQLiteDispatcherDatabase(path: path)
            let committed = try F.event("d1")
            _ = try await database.outbox.enqueue([committed], coalesce: false)
            database.worker.setBeforeCommitHook {
                try? directory.crashImage(of: path, to: image)
            }
            let lost = try (0..<500).map { _ in try F.event("d1", value: .string(String(repeating: "y", count: 300))) }
            _ = try await database.outbox.enqueue(lost, coalesce: false)
            database.worker.setBeforeCommitHook(nil)
            await database.close()
            let recovered = try SQLiteDispatcherDatabase(path: image)
            #expect(try await recovered.outbox.head(of: F.lane("d1"), limit: 1000).map(\.id) == [committed.id])
            #expect(await recovered.outbox.pendingCount == 1)
            await recovered.close()
        }
    }

    @Test("sequences keep increasing across restarts even after the outbox emptied")
    func sequencesNeverRepeat() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("outbox.sqlite")
            let database = try SQLiteDispatcherDatabase(path: path)
            _ = try await database.outbox.enqueue([try F.event("d1"), try F.event("d1")], coalesce: false)
            let first = try await database.outbox.head(of: F.lane("d1"), limit: 10)
            try await database.outbox.complete(first)
            await database.close()
            let reopened = try SQLiteDispatcherDatabase(path: path)
            _ = try await reopened.outbox.enqueue([try F.event("d1")], coalesce: false)
            let next = try #require(try await reopened.outbox.head(of: F.lane("d1"), limit: 1).first)
            #expect(next.sequence > (first.map(\.sequence).max() ?? 0))
            await reopened.close()
        }
    }

    @Test("a read-only file makes enqueue throw and stores nothing")
    func readOnly() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("outbox.sqlite")
            let database = try SQLiteDispatcherDatabase(path: path)
            _ = try await database.outbox.enqueue([try F.event("d1")], coalesce: false)
            await database.close()
            var configuration = SQLiteDispatcherDatabase.Configuration()
            configuration.file.readOnly = true
            let readOnly = try SQLiteDispatcherDatabase(path: path, configuration: configuration)
            await #expect {
                _ = try await readOnly.outbox.enqueue([try F.event("d1")], coalesce: false)
            } throws: { error in
                (error as? SQLiteError)?.isReadOnly == true
            }
            #expect(try await readOnly.outbox.pendingCounts() == [F.webhook: 1])
            #expect(await readOnly.outbox.pendingCount == 1)
            await readOnly.close()
        }
    }

    @Test("a full disk makes enqueue throw and leaves no part of the call stored")
    func fullDisk() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("outbox.sqlite")
            var configuration = SQLiteDispatcherDatabase.Configuration()
            configuration.file.maximumPageCount = 40
            let database = try SQLiteDispatcherDatabase(path: path, configuration: configuration)
            let kept = try F.event("d1")
            _ = try await database.outbox.enqueue([kept], coalesce: false)
            let tooMany = try (0..<500).map { _ in try F.event("d1", value: .string(String(repeating: "z", count: 500))) }
            await #expect {
                _ = try await database.outbox.enqueue(tooMany, coalesce: false)
            } throws: { error in
                (error as? SQLiteError)?.isFull == true
            }
            #expect(try await database.outbox.head(of: F.lane("d1"), limit: 1000).map(\.id) == [kept.id])
            #expect(await database.outbox.pendingCount == 1)
            let small = try F.event("d2")
            #expect(try await database.outbox.enqueue([small], coalesce: false).enqueued == 1)
            await database.close()
        }
    }
}
