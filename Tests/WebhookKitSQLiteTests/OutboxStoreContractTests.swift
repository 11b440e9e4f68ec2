import Testing
import WebhookKit

/// The ``OutboxStore`` requirements, run against the in-memory reference and SQLite.
@Suite("OutboxStore contract")
struct OutboxStoreContractTests {
    typealias F = OutboxFixtures

    @Test("lanes return messages in enqueue order and complete removes them", arguments: OutboxSubject.Kind.allCases)
    func order(kind: OutboxSubject.Kind) async throws {
        let subject = try OutboxSubject.make(kind)
        let store = subject.store
        let messages = try (0..<5).map { try F.status("d1", [("Standby.State", .integer(Int64($0)))]) }
        let result = try await store.enqueue(messages, coalesce: false)
        #expect(result.enqueued == 5)
        var seen: [MessageID] = []
        var sequences: [Int64] = []
        while let head = try await store.head(of: F.lane("d1"), limit: 1).first {
            seen.append(head.id)
            sequences.append(head.sequence)
            try await store.complete([head])
        }
        #expect(seen == messages.map(\.id))
        #expect(sequences == sequences.sorted() && Set(sequences).count == 5)
        #expect(try await store.pendingLanes().isEmpty)
        #expect(await subject.pendingCount() == 0)
        await subject.finish()
    }

    @Test("a message reads back exactly as enqueued, with a sequence and pending status", arguments: OutboxSubject.Kind.allCases)
    func roundTrip(kind: OutboxSubject.Kind) async throws {
        let subject = try OutboxSubject.make(kind)
        var message = try F.status("d1", [("RoomAnalytics.AmbientTemperature", 21.5), ("Standby.State", "Off")])
        message.attempts = 2
        message.firstAttemptAt = F.start.advanced(by: .seconds(1))
        message.nextAttemptAt = F.start.advanced(by: .seconds(9))
        _ = try await subject.store.enqueue([message, try F.event(nil, value: ["a": [1, 2.5, true, nil]])], coalesce: false)
        let stored = try #require(try await subject.store.head(of: F.lane("d1"), limit: 5).first)
        #expect(stored.sequence > 0)
        message.sequence = stored.sequence
        #expect(stored == message)
        let deviceless = try await subject.store.head(of: F.lane(nil), limit: 5)
        #expect(deviceless.count == 1)
        #expect(deviceless.first?.notification.deviceId == nil)
        await subject.finish()
    }

    @Test("a newer status folds into the waiting tail, never into the head", arguments: OutboxSubject.Kind.allCases)
    func coalescing(kind: OutboxSubject.Kind) async throws {
        let subject = try OutboxSubject.make(kind)
        let store = subject.store
        let first = try F.status("d1", [("RoomAnalytics.PeopleCount.Current", 1)])
        let second = try F.status("d1", [("RoomAnalytics.PeopleCount.Current", 2), ("RoomAnalytics.AmbientTemperature", 21)])
        let third = try F.status("d1", [("RoomAnalytics.PeopleCount.Current", 3)])
        let result1 = try await store.enqueue([first], coalesce: true)
        let result2 = try await store.enqueue([second], coalesce: true)
        #expect(result1.enqueued == 1 && result2.enqueued == 1)
        #expect(result2.coalesced.isEmpty)
        let result3 = try await store.enqueue([third], coalesce: true)
        #expect(result3.enqueued == 0)
        #expect(result3.coalesced.map(\.replacedID) == [second.id])
        #expect(result3.coalesced.map(\.webhookID) == [F.webhook])
        let queued = try await store.head(of: F.lane("d1"), limit: 10)
        #expect(queued.map(\.id) == [first.id, third.id])
        guard case .status(let merged) = queued[1].notification.body else {
            Issue.record("merged message is not a status")
            return
        }
        #expect(merged.value(of: try XAPIPath("RoomAnalytics.PeopleCount.Current")) == 3)
        #expect(merged.value(of: try XAPIPath("RoomAnalytics.AmbientTemperature")) == 21)
        #expect(try await store.pendingCounts() == [F.webhook: 2])
        #expect(await subject.pendingCount() == 2)
        await subject.finish()
    }

    @Test("within one call, statuses coalesce into the tail built so far", arguments: OutboxSubject.Kind.allCases)
    func coalescingWithinOneCall(kind: OutboxSubject.Kind) async throws {
        let subject = try OutboxSubject.make(kind)
        let messages = try (1...4).map { try F.status("d1", [("RoomAnalytics.PeopleCount.Current", .integer(Int64($0)))]) }
        let result = try await subject.store.enqueue(messages, coalesce: true)
        #expect(result.enqueued == 2)
        #expect(result.coalesced.map(\.replacedID) == [messages[1].id, messages[2].id])
        #expect(try await subject.store.head(of: F.lane("d1"), limit: 10).map(\.id) == [messages[0].id, messages[3].id])
        await subject.finish()
    }

    @Test("without coalescing every status is its own message", arguments: OutboxSubject.Kind.allCases)
    func coalescingOff(kind: OutboxSubject.Kind) async throws {
        let subject = try OutboxSubject.make(kind)
        let messages = try (1...4).map { try F.status("d1", [("Standby.State", .integer(Int64($0)))]) }
        #expect(try await subject.store.enqueue(messages, coalesce: false).enqueued == 4)
        await subject.finish()
    }

    @Test("events are never coalesced, nor statuses across an event or another lane", arguments: OutboxSubject.Kind.allCases)
    func eventsBlockCoalescing(kind: OutboxSubject.Kind) async throws {
        let subject = try OutboxSubject.make(kind)
        let messages = [
            try F.status("d1", [("Standby.State", "On")]),
            try F.event("d1"),
            try F.event("d1"),
            try F.status("d1", [("Standby.State", "Off")]),
            try F.status("d2", [("Standby.State", "Off")]),
            try F.status("d1", [("Standby.State", "On")], webhook: "other"),
        ]
        let result = try await subject.store.enqueue(messages, coalesce: true)
        #expect(result.enqueued == 6)
        #expect(try await subject.store.pendingCounts() == [F.webhook: 5, "other": 1])
        await subject.finish()
    }

    @Test("an attempted message is never coalesced", arguments: OutboxSubject.Kind.allCases)
    func attemptedIsImmutable(kind: OutboxSubject.Kind) async throws {
        let subject = try OutboxSubject.make(kind)
        let store = subject.store
        _ = try await store.enqueue([try F.event("d1"), try F.status("d1", [("Standby.State", "On")])], coalesce: true)
        var waiting = try await store.head(of: F.lane("d1"), limit: 2)[1]
        waiting.attempts = 1
        waiting.firstAttemptAt = F.start
        try await store.recordAttempt([waiting])
        let result = try await store.enqueue([try F.status("d1", [("Standby.State", "Off")])], coalesce: true)
        #expect(result.enqueued == 1)
        #expect(result.coalesced.isEmpty)
        await subject.finish()
    }

    @Test("recordAttempt keeps the message at the head with its count and times", arguments: OutboxSubject.Kind.allCases)
    func recordAttempt(kind: OutboxSubject.Kind) async throws {
        let subject = try OutboxSubject.make(kind)
        let store = subject.store
        _ = try await store.enqueue([try F.event("d1"), try F.event("d1")], coalesce: false)
        var head = try #require(try await store.head(of: F.lane("d1"), limit: 1).first)
        head.attempts = 3
        head.firstAttemptAt = F.start.advanced(by: .seconds(2))
        head.nextAttemptAt = F.start.advanced(by: .seconds(60))
        try await store.recordAttempt([head])
        let again = try await store.head(of: F.lane("d1"), limit: 2)
        #expect(again.first == head)
        #expect(again.last?.attempts == 0)
        await subject.finish()
    }
}
