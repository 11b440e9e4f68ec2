import Foundation
import Testing
import WebhookKit
import WebhookKitSQLite
import WebhookKitTesting

@Suite("SQLite registry and delivery log")
struct SQLiteRegistryAndLogTests {
    private func configuration(_ name: String, state: WebhookState = .active) -> WebhookConfiguration {
        WebhookConfiguration(
            id: WebhookID("wh-\(name)"), name: name, url: "https://\(name).example.com/in",
            authorization: .basic(username: "hub", password: "pw-\(name)"), dataSource: .workspaces(["room-1"]),
            topics: ["RoomAnalytics.*"], signingSecret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            state: state, createdAt: Timestamp(millisecondsSince1970: 1_800_000_000_000)
        )
    }

    @Test("configurations survive a restart with credentials, state and timestamps; save replaces, delete removes")
    func registry() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("dispatcher.sqlite")
            let database = try SQLiteDispatcherDatabase(path: path)
            let first = configuration("a")
            var second = configuration("b")
            try await database.registry.save(first)
            try await database.registry.save(second)
            second.state = .disabled(reason: "410 Gone")
            second.updatedAt = Timestamp(millisecondsSince1970: 1_800_000_360_000)
            try await database.registry.save(second)
            try await database.registry.save(configuration("c"))
            try await database.registry.delete("wh-c")
            try await database.registry.delete("wh-unknown")
            await database.close()
            let reopened = try SQLiteDispatcherDatabase(path: path)
            #expect(try await reopened.registry.loadAll() == [first, second])
            await reopened.close()
        }
    }

    private func attempt(_ webhook: WebhookID, _ index: Int, at time: Timestamp, status: Int? = 500) -> DeliveryAttempt {
        DeliveryAttempt(
            webhookID: webhook, messageID: MessageID("m-\(index)"), attemptedAt: time, attempt: 1,
            statusCode: status, failure: status == 200 ? nil : (status.map { "http_\($0)" } ?? "timeout"),
            latencyMilliseconds: Int64(index), responseExcerpt: "body \(index)"
        )
    }

    @Test("the log returns a webhook's attempts newest first with every field, and one message's attempts")
    func recent() async throws {
        try await TestDirectory.with { directory in
            let clock = ManualClock()
            var configuration = SQLiteDispatcherDatabase.Configuration()
            configuration.clock = clock
            let database = try SQLiteDispatcherDatabase(path: directory.path("dispatcher.sqlite"), configuration: configuration)
            let attempts = (0..<5).map { attempt("wh-1", $0, at: clock.now(), status: $0 == 4 ? 200 : ($0 == 2 ? nil : 503)) }
            await database.deliveryLog.record(attempts)
            await database.deliveryLog.record([attempt("wh-2", 9, at: clock.now())])
            #expect(try await database.deliveryLog.recent(webhook: "wh-1", limit: 10) == attempts.reversed())
            #expect(try await database.deliveryLog.recent(webhook: "wh-1", limit: 2) == [attempts[4], attempts[3]])
            #expect(try await database.deliveryLog.attempts(webhook: "wh-1", messageID: "m-2") == [attempts[2]])
            #expect(try await database.deliveryLog.recent(webhook: "wh-2", limit: 10).map(\.messageID) == ["m-9"])
            await database.close()
        }
    }

    @Test("retention drops attempts past the age and beyond the count per webhook")
    func retention() async throws {
        try await TestDirectory.with { directory in
            let clock = ManualClock()
            var configuration = SQLiteDispatcherDatabase.Configuration()
            configuration.clock = clock
            configuration.deliveryLogRetention = .init(maximumAge: .seconds(3600), maximumPerWebhook: 10, pruneInterval: 5)
            let database = try SQLiteDispatcherDatabase(path: directory.path("dispatcher.sqlite"), configuration: configuration)
            let log = database.deliveryLog
            await log.record((0..<3).map { attempt("old", $0, at: clock.now()) })
            clock.advance(by: .seconds(7200))
            #expect(try await log.recent(webhook: "old", limit: 10).isEmpty)
            for index in 0..<25 { await log.record([attempt("busy", index, at: clock.now())]) }
            #expect(try await log.storedCount(webhook: "old") == 0)
            #expect(try await log.storedCount(webhook: "busy") <= 10 + 5)
            try await log.prune()
            #expect(try await log.storedCount(webhook: "busy") == 10)
            #expect(try await log.recent(webhook: "busy", limit: 100).map(\.messageID) == (15..<25).reversed().map { MessageID("m-\($0)") })
            await database.close()
        }
    }

    @Test("the default retention is 7 days or 10,000 attempts per webhook")
    func defaultRetention() {
        let retention = SQLiteDeliveryLog.Retention()
        #expect(retention.maximumAge == .seconds(604_800))
        #expect(retention.maximumPerWebhook == 10_000)
    }
}
