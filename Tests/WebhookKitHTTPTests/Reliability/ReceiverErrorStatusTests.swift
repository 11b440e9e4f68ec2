import Foundation
import Testing
import WebhookKit
import WebhookKitHTTP
import WebhookKitTesting

/// A receiver answering error statuses: 2,000 events over 40 devices must all arrive
/// exactly once, in order per device, with the dispatcher's figures matching.
@Suite("Reliability: receiver error statuses")
struct ReceiverErrorStatusTests {
    static let count = 2_000

    // While the faults last, the breaker opens after 5 failures and lets one probe through
    // per cool-down, so the injected count is reached by probes; it stays small to keep
    // the test fast.
    @Test("500 for a while, then recovery: everything arrives, failures counted as http_5xx")
    func serverErrorsThenRecovery() async throws {
        let harness = try await ReliabilityHarness.make("500")
        let (_, port) = try await harness.startReceiver()
        let webhook = try await harness.createWebhook(port: port, devices: ReliabilityHarness.devices("d500"))
        harness.faults.inject(.status(500, retryAfter: nil), count: 100)
        let published = try await harness.publish(Self.count, over: ReliabilityHarness.devices("d500"))
        #expect(await harness.waitForDelivery(of: published, to: webhook.id))
        await harness.expectDelivered(published, to: webhook.id)
        let figures = harness.figures(webhook.id)
        #expect(harness.faults.injectedStatuses[500] == 100)
        #expect(figures.failuresByStatus[500] == 100, "every injected 500 is counted")
        #expect(figures.failures["http_5xx"] == 100)
        #expect(figures.retried == 100, "each failed attempt schedules one retry")
        #expect(figures.sent == UInt64(Self.count) + 100 + UInt64(harness.receiverMetrics.snapshot().duplicates))
        #expect(figures.deadLettered == 0)
        harness.report("500 then recover", webhook.id)
        await harness.finish()
    }

    @Test("429 and 503 with Retry-After: retried after the pause, everything arrives", arguments: [429, 503])
    func retryAfter(status: Int) async throws {
        let log = InMemoryDeliveryLog(limitPerWebhook: 10_000)
        let harness = try await ReliabilityHarness.make("retry-after-\(status)") { $0.deliveryLog = log }
        let (_, port) = try await harness.startReceiver()
        let devices = ReliabilityHarness.devices("d\(status)")
        let webhook = try await harness.createWebhook(port: port, devices: devices)
        harness.faults.inject(.status(status, retryAfter: "1"), count: 100)
        let published = try await harness.publish(Self.count, over: devices)
        #expect(await harness.waitForDelivery(of: published, to: webhook.id))
        await harness.expectDelivered(published, to: webhook.id)
        let figures = harness.figures(webhook.id)
        #expect(figures.failuresByStatus[status] == 100)
        #expect(figures.failures[status == 429 ? "http_4xx" : "http_5xx"] == 100)
        #expect(figures.retried == 100)
        #expect(figures.deadLettered == 0)
        let scheduled = harness.events.all.filter {
            if case .retryScheduled(_, _, let failure, _) = $0 { return failure == "http_\(status)" }
            return false
        }
        #expect(scheduled.count == 100, "every Retry-After answer schedules a retry event")
        // The retry waits the second the receiver asked for, not the 20–200 ms back-off.
        let attempts = try await log.recent(webhook: webhook.id, limit: 10_000)
        let byMessage = Dictionary(grouping: attempts, by: \.messageID)
        var honoured = 0
        for failed in attempts where failed.statusCode == status {
            let next = byMessage[failed.messageID]?.first { $0.attempt == failed.attempt + 1 }
            if let next, failed.attemptedAt.duration(to: next.attemptedAt) >= .milliseconds(999) { honoured += 1 }
        }
        #expect(honoured == 100, "every retry after \(status) waited for Retry-After")
        harness.report("\(status) Retry-After: 1", webhook.id)
        await harness.finish()
    }

    @Test("410 disables the webhook, keeps its messages as dead letters, replay delivers them")
    func goneDisablesAndReplayDelivers() async throws {
        let harness = try await ReliabilityHarness.make("410")
        let (_, port) = try await harness.startReceiver()
        let devices = ReliabilityHarness.devices("d410")
        let webhook = try await harness.createWebhook(port: port, devices: devices)
        // Hold every request until all messages are queued (a disabled webhook is no
        // longer routed to), then answer 410 to all of them.
        harness.faults.inject(.hold)
        let published = try await harness.publish(Self.count, over: devices)
        harness.faults.inject(.status(410, retryAfter: nil))
        harness.faults.release()
        let disabled = await harness.wait {
            guard case .disabled = await harness.dispatcher.webhook(webhook.id)?.state else { return false }
            let figures = harness.figures(webhook.id)
            return figures.inFlight == 0 && figures.queueDepth == 0
        }
        #expect(disabled)
        let dead = try await harness.dispatcher.deadLetters(webhook.id, limit: 10_000)
        #expect(dead.count == Self.count, "nothing is lost: every message is a dead letter")
        #expect(await harness.stored(for: webhook.id).isEmpty)
        #expect(harness.events.all.contains { if case .webhookDisabled(webhook.id, _) = $0 { true } else { false } })
        let figuresWhileDisabled = harness.figures(webhook.id)
        #expect(figuresWhileDisabled.deadLettered == UInt64(Self.count))
        #expect((figuresWhileDisabled.failuresByStatus[410] ?? 0) >= 1)

        harness.faults.inject(.pass)
        let replayed = try await harness.dispatcher.enable(webhook.id, replayDeadLetters: true)
        #expect(replayed == Self.count)
        #expect(await harness.waitForDelivery(of: published, to: webhook.id))
        await harness.expectDelivered(published, to: webhook.id)
        #expect(try await harness.dispatcher.deadLetters(webhook.id).isEmpty)
        harness.report("410 then replay", webhook.id)
        await harness.finish()
    }
}
