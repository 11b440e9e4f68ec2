import Testing
import WebhookKit

extension OutboxStoreContractTests {
    @Test("dead letters are kept, listed and replayed in order", arguments: OutboxSubject.Kind.allCases)
    func deadLetters(kind: OutboxSubject.Kind) async throws {
        let subject = try OutboxSubject.make(kind)
        let store = subject.store
        let messages = try (0..<3).map { _ in try F.event("d1") }
        _ = try await store.enqueue(messages, coalesce: true)
        var head = try await store.head(of: F.lane("d1"), limit: 1)
        head[0].attempts = 5
        try await store.recordAttempt(head)
        head = try await store.head(of: F.lane("d1"), limit: 1)
        try await store.deadLetter(head, reason: "gave up")
        let dead = try await store.deadLetters(webhook: F.webhook, limit: 10)
        #expect(dead.map(\.id) == [messages[0].id])
        #expect(dead.first?.status == .deadLetter(reason: "gave up"))
        #expect(dead.first?.attempts == 5)
        #expect(await subject.pendingCount() == 2)
        #expect(try await store.deadLetterAll(webhook: F.webhook, reason: "disabled") == 2)
        #expect(try await store.pendingCounts().isEmpty)
        let all = try await store.deadLetters(webhook: F.webhook, limit: 10)
        #expect(all.map(\.id) == messages.map(\.id))
        #expect(all.last?.status == .deadLetter(reason: "disabled"))
        #expect(try await store.deadLetters(webhook: F.webhook, limit: 2).count == 2)
        #expect(try await store.replayDeadLetters(webhook: F.webhook, messageID: nil, now: F.start.advanced(by: .seconds(5))) == 3)
        let replayed = try await store.head(of: F.lane("d1"), limit: 10)
        #expect(replayed.map(\.id) == messages.map(\.id))
        #expect(replayed.allSatisfy { $0.attempts == 0 && $0.firstAttemptAt == nil && $0.status == .pending })
        #expect(replayed.allSatisfy { $0.nextAttemptAt == F.start.advanced(by: .seconds(5)) })
        #expect(try await store.deadLetters(webhook: F.webhook, limit: 10).isEmpty)
        #expect(await subject.pendingCount() == 3)
        await subject.finish()
    }

    @Test("dead letters list in the order they died, not the order they were published", arguments: OutboxSubject.Kind.allCases)
    func deadLetterOrder(kind: OutboxSubject.Kind) async throws {
        let subject = try OutboxSubject.make(kind)
        let store = subject.store
        let early = try F.event("d1")
        let late = try F.event("d2")
        _ = try await store.enqueue([early, late], coalesce: false)
        try await store.deadLetter(try await store.head(of: F.lane("d2"), limit: 1), reason: "late first")
        try await store.deadLetter(try await store.head(of: F.lane("d1"), limit: 1), reason: "early second")
        #expect(try await store.deadLetters(webhook: F.webhook, limit: 10).map(\.id) == [late.id, early.id])
        await subject.finish()
    }

    @Test("one dead letter can be replayed alone", arguments: OutboxSubject.Kind.allCases)
    func replayOne(kind: OutboxSubject.Kind) async throws {
        let subject = try OutboxSubject.make(kind)
        let store = subject.store
        let messages = try (0..<3).map { _ in try F.event("d1") }
        _ = try await store.enqueue(messages, coalesce: false)
        #expect(try await store.deadLetterAll(webhook: F.webhook, reason: "disabled") == 3)
        #expect(try await store.replayDeadLetters(webhook: F.webhook, messageID: messages[1].id, now: F.start) == 1)
        #expect(try await store.replayDeadLetters(webhook: F.webhook, messageID: "unknown", now: F.start) == 0)
        #expect(try await store.head(of: F.lane("d1"), limit: 10).map(\.id) == [messages[1].id])
        #expect(try await store.deadLetters(webhook: F.webhook, limit: 10).map(\.id) == [messages[0].id, messages[2].id])
        await subject.finish()
    }

    @Test("completing or dead-lettering a message that is gone changes nothing", arguments: OutboxSubject.Kind.allCases)
    func goneMessages(kind: OutboxSubject.Kind) async throws {
        let subject = try OutboxSubject.make(kind)
        let store = subject.store
        _ = try await store.enqueue([try F.event("d1"), try F.event("d1")], coalesce: false)
        let head = try await store.head(of: F.lane("d1"), limit: 1)
        try await store.complete(head)
        try await store.complete(head)
        try await store.deadLetter(head, reason: "late")
        #expect(try await store.deadLetters(webhook: F.webhook, limit: 10).isEmpty)
        #expect(await subject.pendingCount() == 1)
        #expect(try await store.pendingCounts() == [F.webhook: 1])
        await subject.finish()
    }

    @Test("discarding a webhook counts its pending messages, drops its dead letters and keeps other webhooks", arguments: OutboxSubject.Kind.allCases)
    func discard(kind: OutboxSubject.Kind) async throws {
        let subject = try OutboxSubject.make(kind)
        let store = subject.store
        _ = try await store.enqueue([
            try F.event("d1"), try F.event("d2"), try F.event("d3"),
            try F.status("d1", [("Standby.State", "On")], webhook: "other"),
        ], coalesce: true)
        try await store.deadLetter(try await store.head(of: F.lane("d3"), limit: 1), reason: "gave up")
        #expect(try await store.discardAll(webhook: F.webhook) == 2)
        #expect(try await store.deadLetters(webhook: F.webhook, limit: 10).isEmpty)
        #expect(try await store.pendingLanes() == [F.lane("d1", webhook: "other")])
        #expect(try await store.pendingCounts() == ["other": 1])
        #expect(await subject.pendingCount() == 1)
        await subject.finish()
    }

    @Test("pendingLanes lists each lane once, sorted, the device-less lane included", arguments: OutboxSubject.Kind.allCases)
    func lanes(kind: OutboxSubject.Kind) async throws {
        let subject = try OutboxSubject.make(kind)
        _ = try await subject.store.enqueue([
            try F.event("d2"), try F.event("d1"), try F.event("d2"), try F.event(nil), try F.event("d1", webhook: "a"),
        ], coalesce: false)
        #expect(try await subject.store.pendingLanes() == [F.lane("d1", webhook: "a"), F.lane(nil), F.lane("d1"), F.lane("d2")])
        await subject.finish()
    }

    @Test("a bounded store makes publishers wait instead of growing", arguments: OutboxSubject.Kind.allCases)
    func backPressure(kind: OutboxSubject.Kind) async throws {
        let subject = try OutboxSubject.make(kind, capacity: 2)
        let store = subject.store
        _ = try await store.enqueue([try F.event("d1"), try F.event("d1")], coalesce: false)
        let third = try F.event("d1")
        let waiting = Task { try await store.enqueue([third], coalesce: false) }
        while await subject.waitingPublishers() == 0 { await Task.yield() }
        #expect(await subject.pendingCount() == 2)
        try await store.complete(try await store.head(of: F.lane("d1"), limit: 1))
        #expect(try await waiting.value.enqueued == 1)
        #expect(await subject.pendingCount() == 2)
        await subject.finish()
    }

    @Test("concurrent enqueues are all stored, each lane in its callers' order", arguments: OutboxSubject.Kind.allCases)
    func concurrentEnqueues(kind: OutboxSubject.Kind) async throws {
        let subject = try OutboxSubject.make(kind)
        let store = subject.store
        let devices: [DeviceID] = (0..<8).map { DeviceID("d\($0)") }
        try await withThrowingTaskGroup(of: [MessageID].self) { group in
            for device in devices {
                group.addTask {
                    var ids: [MessageID] = []
                    for _ in 0..<25 {
                        let message = try F.event(device)
                        ids.append(message.id)
                        _ = try await store.enqueue([message], coalesce: true)
                    }
                    let stored = try await store.head(of: F.lane(device), limit: 100).map(\.id)
                    #expect(stored == ids)
                    return ids
                }
            }
            var total = 0
            for try await ids in group { total += ids.count }
            #expect(total == 200)
        }
        #expect(await subject.pendingCount() == 200)
        #expect(try await store.pendingCounts() == [F.webhook: 200])
        await subject.finish()
    }
}
