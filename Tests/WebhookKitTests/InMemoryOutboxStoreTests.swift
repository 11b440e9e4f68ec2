import Testing
import WebhookKit

@Suite("InMemoryOutboxStore")
struct InMemoryOutboxStoreTests {
    static let webhook: WebhookID = "wh-1"
    static let start = Timestamp(millisecondsSince1970: 1_796_412_934_000)

    static func status(_ device: DeviceID, _ pairs: [(String, JSONValue)], webhook: WebhookID = webhook) throws -> OutboxMessage {
        let change = StatusChange(updated: try pairs.map { .init(path: try XAPIPath($0.0), value: $0.1) })
        let notification = DeviceNotification(deviceId: device, webhookId: webhook, timestamp: start, body: .status(change))
        return OutboxMessage(notification: notification, webhookID: webhook, publishedAt: start)
    }

    static func event(_ device: DeviceID) throws -> OutboxMessage {
        let event = DeviceEvent(key: try XAPIPath("BootEvent"), value: .null, timestamp: start)
        let notification = DeviceNotification(deviceId: device, webhookId: webhook, timestamp: start, body: .events([event]))
        return OutboxMessage(notification: notification, webhookID: webhook, publishedAt: start)
    }

    @Test("lanes return messages in enqueue order and complete removes them")
    func order() async throws {
        let store = InMemoryOutboxStore()
        let messages = try (0..<5).map { try Self.status("d1", [("Standby.State", .integer(Int64($0)))]) }
        _ = try await store.enqueue(messages, coalesce: false)
        let lane = LaneKey(webhookID: Self.webhook, deviceID: "d1")
        var seen: [MessageID] = []
        while let head = try await store.head(of: lane, limit: 1).first {
            seen.append(head.id)
            try await store.complete([head])
        }
        #expect(seen == messages.map(\.id))
        #expect(try await store.pendingLanes().isEmpty)
        #expect(await store.pendingCount == 0)
    }

    @Test("a newer status folds into the waiting tail, never into the head")
    func coalescing() async throws {
        let store = InMemoryOutboxStore()
        let first = try Self.status("d1", [("RoomAnalytics.PeopleCount.Current", 1)])
        let second = try Self.status("d1", [("RoomAnalytics.PeopleCount.Current", 2), ("RoomAnalytics.AmbientTemperature", 21)])
        let third = try Self.status("d1", [("RoomAnalytics.PeopleCount.Current", 3)])
        let result1 = try await store.enqueue([first, second], coalesce: true)
        #expect(result1.enqueued == 2)
        #expect(result1.coalesced.isEmpty)
        let result2 = try await store.enqueue([third], coalesce: true)
        #expect(result2.enqueued == 0)
        #expect(result2.coalesced.map(\.replacedID) == [second.id])
        let lane = LaneKey(webhookID: Self.webhook, deviceID: "d1")
        let queued = try await store.head(of: lane, limit: 10)
        #expect(queued.map(\.id) == [first.id, third.id])
        guard case .status(let merged) = queued[1].notification.body else {
            Issue.record("merged message is not a status")
            return
        }
        #expect(merged.value(of: try XAPIPath("RoomAnalytics.PeopleCount.Current")) == 3)
        #expect(merged.value(of: try XAPIPath("RoomAnalytics.AmbientTemperature")) == 21)
    }

    @Test("events are never coalesced, nor statuses across an event")
    func eventsBlockCoalescing() async throws {
        let store = InMemoryOutboxStore()
        let messages = [
            try Self.status("d1", [("Standby.State", "On")]),
            try Self.event("d1"),
            try Self.event("d1"),
            try Self.status("d1", [("Standby.State", "Off")]),
            try Self.status("d2", [("Standby.State", "Off")]),
        ]
        let result = try await store.enqueue(messages, coalesce: true)
        #expect(result.enqueued == 5)
        #expect(try await store.pendingCounts() == [Self.webhook: 5])
    }

    @Test("an attempted message is never coalesced")
    func attemptedIsImmutable() async throws {
        let store = InMemoryOutboxStore()
        let lane = LaneKey(webhookID: Self.webhook, deviceID: "d1")
        _ = try await store.enqueue([try Self.event("d1"), try Self.status("d1", [("Standby.State", "On")])], coalesce: true)
        var waiting = try await store.head(of: lane, limit: 2)[1]
        waiting.attempts = 1
        waiting.firstAttemptAt = Self.start
        try await store.recordAttempt([waiting])
        let result = try await store.enqueue([try Self.status("d1", [("Standby.State", "Off")])], coalesce: true)
        #expect(result.enqueued == 1)
    }

    @Test("dead letters are kept, listed and replayed in order")
    func deadLetters() async throws {
        let store = InMemoryOutboxStore()
        let messages = try (0..<3).map { _ in try Self.event("d1") }
        _ = try await store.enqueue(messages, coalesce: true)
        let lane = LaneKey(webhookID: Self.webhook, deviceID: "d1")
        let head = try await store.head(of: lane, limit: 1)
        try await store.deadLetter(head, reason: "gave up")
        #expect(try await store.deadLetters(webhook: Self.webhook, limit: 10).map(\.id) == [messages[0].id])
        #expect(try await store.deadLetterAll(webhook: Self.webhook, reason: "disabled") == 2)
        #expect(try await store.deadLetters(webhook: Self.webhook, limit: 10).map(\.id) == messages.map(\.id))
        #expect(try await store.replayDeadLetters(webhook: Self.webhook, messageID: nil, now: Self.start) == 3)
        #expect(try await store.head(of: lane, limit: 10).map(\.id) == messages.map(\.id))
        #expect(try await store.head(of: lane, limit: 10).allSatisfy { $0.attempts == 0 })
    }

    @Test("discarding a webhook counts its pending messages and keeps other webhooks")
    func discard() async throws {
        let store = InMemoryOutboxStore()
        _ = try await store.enqueue([try Self.event("d1"), try Self.event("d2"), try Self.status("d1", [("Standby.State", "On")], webhook: "other")], coalesce: true)
        #expect(try await store.discardAll(webhook: Self.webhook) == 2)
        #expect(try await store.pendingLanes() == [LaneKey(webhookID: "other", deviceID: "d1")])
    }

    @Test("a bounded store makes publishers wait instead of growing")
    func backPressure() async throws {
        let store = InMemoryOutboxStore(capacity: 2)
        _ = try await store.enqueue([try Self.event("d1"), try Self.event("d1")], coalesce: false)
        let third = try Self.event("d1")
        let waiting = Task { try await store.enqueue([third], coalesce: false) }
        while await store.waitingPublishers == 0 { await Task.yield() }
        #expect(await store.pendingCount == 2)
        let lane = LaneKey(webhookID: Self.webhook, deviceID: "d1")
        try await store.complete(try await store.head(of: lane, limit: 1))
        #expect(try await waiting.value.enqueued == 1)
        #expect(await store.pendingCount == 2)
    }
}
