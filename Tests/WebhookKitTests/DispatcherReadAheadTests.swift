import Synchronization
import Testing
import WebhookKit
import WebhookKitTesting

@Suite("Dispatcher read-ahead and batched removal")
struct DispatcherReadAheadTests {
    @Test("a status read ahead is not sent stale when a newer one folds into it in the store")
    func readAheadNotStale() async throws {
        let (harness, gate) = try await DispatcherHarness.holdingFirstRequest()
        let hook = try await harness.webhook()
        let first = try Fixtures.status("d1", [("RoomAnalytics.PeopleCount.Current", 0)])
        let second = try Fixtures.status("d1", [("RoomAnalytics.PeopleCount.Current", 1)])
        // One publish: both are in the lane when its worker first reads it.
        try await harness.dispatcher.publish([first, second])
        await gate.waitForArrivals(count: 1)
        let third = try Fixtures.status("d1", [("RoomAnalytics.PeopleCount.Current", 2)])
        let result = try await harness.dispatcher.publish(third)
        #expect(result.coalesced == 1)
        gate.open()
        await harness.drained()
        let sent = try harness.transport.requests.map { try WireDecoder().decode($0.body) }
        #expect(sent.map(\.id) == [first.id, third.id])
        if case .status(let merged) = sent.last?.body {
            #expect(merged.value(of: try XAPIPath("RoomAnalytics.PeopleCount.Current")) == 2)
        } else {
            Issue.record("second request is not a status")
        }
        #expect(harness.dispatcher.metrics.snapshot()[hook.id]?.figures.delivered == 2)
    }

    @Test("a lane longer than its read-ahead is delivered whole and in order")
    func longLane() async throws {
        let harness = try await DispatcherHarness { $0.laneReadAhead = 3 }
        _ = try await harness.webhook()
        let published = try (0..<20).map { try Fixtures.widget("d1", "v\($0)") }
        try await harness.dispatcher.publish(published)
        await harness.drained()
        let sent = try harness.transport.requests.map { try WireDecoder().decode($0.body).id }
        #expect(sent == published.map(\.id))
    }

    @Test("a failed removal is retried: the delivered message is not sent again and is counted once")
    func failedRemovalRetried() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport(status: 200)
        let outbox = FlakyCompletionOutbox(InMemoryOutboxStore(), failures: 1)
        let dispatcher = Dispatcher(transport: transport, outbox: outbox, clock: clock)
        try await dispatcher.start()
        let hook = try await dispatcher.createWebhook(WebhookConfiguration(
            id: "", name: "flaky", url: "https://hooks.example.com/in", authorization: .token("tok-123"),
            dataSource: .allDevices, topics: ["UserInterface.Extensions.Widget.Action"], activationDelay: .zero
        ))
        let first = try Fixtures.widget("d1", "on")
        try await dispatcher.publish(first)
        await waitUntil("the removal failed once") { outbox.failedCalls == 1 }
        let second = try Fixtures.widget("d1", "off")
        try await dispatcher.publish(second)
        // The lane may not read its front while the first message's removal is pending.
        await waitUntil("the retry is scheduled") { clock.sleeperCount > 0 }
        #expect(transport.requestCount == 1)
        clock.advance(by: .seconds(1))
        await waitUntil("both delivered") { dispatcher.metrics.snapshot()[hook.id]?.figures.delivered == 2 }
        let sent = try transport.requests.map { try WireDecoder().decode($0.body).id }
        #expect(sent == [first.id, second.id])
        #expect(try await outbox.base.pendingCounts().isEmpty)
        await dispatcher.shutdown(deadline: .zero)
    }

    @Test("deleting a webhook does not wait for an outbox whose removals keep failing")
    func deleteWithFailingRemoval() async throws {
        let clock = ManualClock()
        let outbox = FlakyCompletionOutbox(InMemoryOutboxStore(), failures: .max)
        let dispatcher = Dispatcher(transport: ScriptedTransport(status: 200), outbox: outbox, clock: clock)
        try await dispatcher.start()
        let hook = try await dispatcher.createWebhook(WebhookConfiguration(
            id: "", name: "flaky", url: "https://hooks.example.com/in", authorization: .token("tok-123"),
            dataSource: .allDevices, topics: ["UserInterface.Extensions.Widget.Action"], activationDelay: .zero
        ))
        try await dispatcher.publish(try Fixtures.widget("d1", "on"))
        await waitUntil("the removal failed") { outbox.failedCalls >= 1 }
        let finished = Mutex<Int?>(nil)
        Task {
            let discarded = try await dispatcher.deleteWebhook(hook.id)
            finished.withLock { $0 = discarded }
        }
        await waitUntil("the delete returned") { finished.withLock { $0 } != nil }
        // Delivered, but the outbox still held it: discarded with the webhook, never delivered twice.
        #expect(finished.withLock { $0 } == 1)
        #expect(dispatcher.metrics.snapshot()[hook.id]?.figures.delivered ?? 0 == 0)
        await dispatcher.shutdown(deadline: .zero)
    }

    @Test("shutdown waits until delivered messages are removed from the outbox")
    func shutdownFlushes() async throws {
        let harness = try await DispatcherHarness()
        _ = try await harness.webhook()
        try await harness.dispatcher.publish(try (0..<50).map { try Fixtures.widget(DeviceID("d\($0 % 5)"), "v\($0)") })
        await harness.eventually("all sent") { harness.transport.requestCount == 50 }
        await harness.dispatcher.shutdown(deadline: .seconds(60))
        #expect(await harness.outbox.pendingCount == 0)
    }
}

/// An in-memory outbox whose batched removal fails the first `failures` times.
final class FlakyCompletionOutbox: OutboxStore {
    struct Unavailable: Error {}
    let base: InMemoryOutboxStore
    private let failuresLeft: Mutex<Int>
    private let failed = Mutex(0)

    init(_ base: InMemoryOutboxStore, failures: Int) {
        self.base = base
        failuresLeft = Mutex(failures)
    }

    var failedCalls: Int { failed.withLock { $0 } }

    func completeEach(_ messages: [OutboxMessage]) async throws -> [Bool] {
        let fail = failuresLeft.withLock { left in
            defer { left = max(0, left - 1) }
            return left > 0
        }
        if fail {
            failed.withLock { $0 += 1 }
            throw Unavailable()
        }
        return try await base.completeEach(messages)
    }

    func enqueue(_ messages: [OutboxMessage], coalesce: Bool) async throws -> EnqueueResult { try await base.enqueue(messages, coalesce: coalesce) }
    func head(of lane: LaneKey, limit: Int) async throws -> [OutboxMessage] { try await base.head(of: lane, limit: limit) }
    func complete(_ messages: [OutboxMessage]) async throws -> Int { try await base.complete(messages) }
    func recordAttempt(_ messages: [OutboxMessage]) async throws { try await base.recordAttempt(messages) }
    func deadLetter(_ messages: [OutboxMessage], reason: String) async throws -> Int { try await base.deadLetter(messages, reason: reason) }
    func deadLetterAll(webhook: WebhookID, reason: String) async throws -> Int { try await base.deadLetterAll(webhook: webhook, reason: reason) }
    func deadLetters(webhook: WebhookID, limit: Int) async throws -> [OutboxMessage] { try await base.deadLetters(webhook: webhook, limit: limit) }
    func replayDeadLetters(webhook: WebhookID, messageID: MessageID?, now: Timestamp) async throws -> Int {
        try await base.replayDeadLetters(webhook: webhook, messageID: messageID, now: now)
    }
    func discardAll(webhook: WebhookID) async throws -> Int { try await base.discardAll(webhook: webhook) }
    func pendingLanes() async throws -> [LaneKey] { try await base.pendingLanes() }
    func pendingCounts() async throws -> [WebhookID: Int] { try await base.pendingCounts() }
}
