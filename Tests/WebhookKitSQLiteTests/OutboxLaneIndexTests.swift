import Foundation
import Testing
import WebhookKit
@testable import WebhookKitSQLite

/// The lane index kept in memory (schema 2): it mirrors the rows after migrations,
/// rollbacks and restarts.
@Suite("SQLite outbox lane index")
struct OutboxLaneIndexTests {
    typealias F = OutboxFixtures

    private struct Refused: Error {}

    @Test("a schema 1 file is migrated to schema 2: the lane index is dropped and every lane keeps its order")
    func migratesVersion1() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("dispatcher.sqlite")
            let version1 = SQLiteSchema(applicationID: DispatcherSchema.applicationID, migrations: [DispatcherSchema.version1])
            let old = try SQLiteFile.open(path: path, schema: version1, options: SQLiteFileOptions())
            let messages = [try F.event("d1"), try F.event("d2"), try F.event("d1"), try F.event(nil)]
            try old.execute("BEGIN", operation: "test")
            _ = try OutboxTable.enqueue(messages.map(OutboxTable.Row.init), coalesce: false, in: old)
            try old.execute("COMMIT", operation: "test")
            #expect(try old.strings("SELECT name FROM sqlite_master WHERE name = 'outbox_lane'", operation: "test") == ["outbox_lane"])
            old.close()

            let database = try SQLiteDispatcherDatabase(path: path)
            let indexes = try await database.worker.perform(.read) {
                try $0.strings("SELECT name FROM sqlite_master WHERE name = 'outbox_lane'", operation: "test")
            }
            #expect(indexes.isEmpty)
            let version = try await database.worker.perform(.read) { try $0.integer("PRAGMA user_version", operation: "test") }
            #expect(version == 2)
            #expect(try await database.outbox.head(of: F.lane("d1"), limit: 5).map(\.id) == [messages[0].id, messages[2].id])
            #expect(try await database.outbox.pendingLanes() == [F.lane(nil), F.lane("d1"), F.lane("d2")])
            #expect(await database.outbox.pendingCount == 4)
            await database.close()
        }
    }

    @Test("a job that fails after enqueueing leaves neither rows nor lane entries, and later jobs see the rows")
    func rollbackRebuilds() async throws {
        try await TestDirectory.with { directory in
            let database = try SQLiteDispatcherDatabase(path: directory.path("dispatcher.sqlite"))
            let kept = try F.event("d1")
            _ = try await database.outbox.enqueue([kept], coalesce: false)
            let doomed = [try F.event("d1"), try F.event("d9")]
            await #expect(throws: Refused.self) {
                try await database.worker.perform(.write) { connection in
                    _ = try OutboxTable.enqueue(doomed.map(OutboxTable.Row.init), coalesce: false, in: connection)
                    throw Refused()
                }
            }
            #expect(try await database.outbox.head(of: F.lane("d1"), limit: 5).map(\.id) == [kept.id])
            #expect(try await database.outbox.pendingLanes() == [F.lane("d1")])
            #expect(try await database.outbox.pendingCounts() == [F.webhook: 1])
            let later = try F.event("d1")
            _ = try await database.outbox.enqueue([later], coalesce: false)
            #expect(try await database.outbox.head(of: F.lane("d1"), limit: 5).map(\.id) == [kept.id, later.id])
            await database.close()
        }
    }

    @Test("deleting and disabling a webhook clear only its lanes, dead letters keep sequence order")
    func webhookWideOperations() async throws {
        try await TestDirectory.with { directory in
            let database = try SQLiteDispatcherDatabase(path: directory.path("dispatcher.sqlite"))
            let store = database.outbox
            let first = [try F.event("d2"), try F.event("d1"), try F.event("d2", webhook: "wh-2"), try F.event("d1")]
            _ = try await store.enqueue(first, coalesce: false)
            #expect(try await store.deadLetterAll(webhook: F.webhook, reason: "disabled") == 3)
            #expect(try await store.deadLetters(webhook: F.webhook, limit: 10).map(\.id) == [first[0].id, first[1].id, first[3].id])
            #expect(try await store.pendingLanes() == [F.lane("d2", webhook: "wh-2")])
            #expect(try await store.discardAll(webhook: "wh-2") == 1)
            #expect(try await store.pendingLanes().isEmpty)
            #expect(try await store.replayDeadLetters(webhook: F.webhook, messageID: nil, now: F.start) == 3)
            #expect(try await store.head(of: F.lane("d1"), limit: 5).map(\.id) == [first[1].id, first[3].id])
            #expect(await store.pendingCount == 3)
            await database.close()
        }
    }
}

extension OutboxLaneIndexTests {
    @Test("the head served from memory follows completes, attempts, dead letters and new messages")
    func headCacheFollowsChanges() async throws {
        try await TestDirectory.with { directory in
            let database = try SQLiteDispatcherDatabase(path: directory.path("dispatcher.sqlite"))
            let store = database.outbox
            let messages = [try F.event("d1"), try F.event("d1"), try F.event("d1")]
            _ = try await store.enqueue(messages, coalesce: false)
            let first = try #require(try await store.head(of: F.lane("d1"), limit: 1).first)
            #expect(first.id == messages[0].id)
            #expect(try await store.complete([first]) == 1)
            let calls = database.commitStatistics.calls
            var second = try #require(try await store.head(of: F.lane("d1"), limit: 1).first)
            #expect(second.id == messages[1].id)
            #expect(database.commitStatistics.calls == calls, "the head after a complete comes from memory")
            second.attempts = 3
            second.firstAttemptAt = F.start
            second.nextAttemptAt = F.start.advanced(by: .seconds(60))
            try await store.recordAttempt([second])
            let retried = try #require(try await store.head(of: F.lane("d1"), limit: 1).first)
            #expect(retried.attempts == 3)
            #expect(retried.nextAttemptAt == F.start.advanced(by: .seconds(60)))
            #expect(try await store.deadLetter([retried], reason: "gave up") == 1)
            let third = try #require(try await store.head(of: F.lane("d1"), limit: 1).first)
            #expect(third.id == messages[2].id)
            #expect(try await store.complete([third]) == 1)
            #expect(try await store.head(of: F.lane("d1"), limit: 1).isEmpty)
            // A second complete of the same message finds nothing: no stale head came back.
            #expect(try await store.complete([third]) == 0)
            let fourth = try F.event("d1")
            _ = try await store.enqueue([fourth], coalesce: false)
            #expect(try await store.head(of: F.lane("d1"), limit: 1).map(\.id) == [fourth.id])
            await database.close()
        }
    }

    @Test("a lane read ahead is not refilled after a removal; read one at a time, it is")
    func headCacheFollowsOnlySingleReads() async throws {
        try await TestDirectory.with { directory in
            let database = try SQLiteDispatcherDatabase(path: directory.path("dispatcher.sqlite"))
            let store = database.outbox
            let messages = [try F.event("d1"), try F.event("d1"), try F.event("d1"), try F.event("d1")]
            _ = try await store.enqueue(messages, coalesce: false)
            let ahead = try await store.head(of: F.lane("d1"), limit: 3)
            #expect(ahead.map(\.id) == messages.prefix(3).map(\.id))
            #expect(try await store.complete([ahead[0]]) == 1)
            var calls = database.commitStatistics.calls
            #expect(try await store.head(of: F.lane("d1"), limit: 1).map(\.id) == [messages[1].id])
            #expect(database.commitStatistics.calls == calls + 1, "a lane reading ahead gets no head cached by the removal")
            // Now read one at a time: the next removal caches the new head.
            #expect(try await store.complete([ahead[1]]) == 1)
            calls = database.commitStatistics.calls
            #expect(try await store.head(of: F.lane("d1"), limit: 1).map(\.id) == [messages[2].id])
            #expect(database.commitStatistics.calls == calls, "the head after a complete comes from memory")
            await database.close()
        }
    }

    @Test("a removal that rolls back leaves the head in place")
    func headAfterRolledBackRemoval() async throws {
        try await TestDirectory.with { directory in
            let database = try SQLiteDispatcherDatabase(path: directory.path("dispatcher.sqlite"))
            let messages = [try F.event("d1"), try F.event("d1")]
            _ = try await database.outbox.enqueue(messages, coalesce: false)
            let head = try #require(try await database.outbox.head(of: F.lane("d1"), limit: 1).first)
            #expect(try await database.outbox.complete([head]) == 1)
            let second = try #require(try await database.outbox.head(of: F.lane("d1"), limit: 1).first)
            await #expect(throws: Refused.self) {
                try await database.worker.perform(.write) { connection in
                    _ = try OutboxTable.remove([second], in: connection)
                    throw Refused()
                }
            }
            #expect(try await database.outbox.head(of: F.lane("d1"), limit: 1).map(\.id) == [messages[1].id])
            #expect(await database.outbox.pendingCount == 1)
            await database.close()
        }
    }
}
