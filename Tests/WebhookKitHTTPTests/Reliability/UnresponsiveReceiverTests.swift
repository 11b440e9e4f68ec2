import Foundation
import Testing
import WebhookKit
import WebhookKitHTTP
import WebhookKitTesting

/// A receiver that never answers, or is very slow, holds back only its own webhook.
@Suite("Reliability: unresponsive receivers")
struct UnresponsiveReceiverTests {
    static let count = 2_000

    @Test("a receiver that accepts and never answers: timeouts, retries, the healthy webhook is unaffected; repointed, everything arrives")
    func neverAnswers() async throws {
        // 3 s rather than 1 s: under a loaded machine a healthy request must not time out.
        let harness = try await ReliabilityHarness.make("silent") { $0.requestTimeout = .seconds(3) }
        let (_, port) = try await harness.startReceiver()
        let silent = try SilentListener()
        defer { silent.stop() }
        let healthyDevices = ReliabilityHarness.devices("healthy")
        let stuckDevices = ReliabilityHarness.devices("stuck", count: 10)
        let healthy = try await harness.createWebhook(port: port, devices: healthyDevices, name: "healthy")
        let stuck = try await harness.createWebhook(port: silent.port, devices: stuckDevices, name: "stuck")
        let stuckPublished = try await harness.publish(200, over: stuckDevices)
        let published = try await harness.publish(Self.count, over: healthyDevices)
        #expect(await harness.waitForDelivery(of: published, to: healthy.id))
        await harness.expectDelivered(published, to: healthy.id)
        #expect(harness.figures(healthy.id).failed == 0, "the healthy webhook saw no failure: \(harness.figures(healthy.id).failures)")
        #expect(await harness.wait { (harness.figures(stuck.id).failures["timeout"] ?? 0) >= 10 })
        #expect(harness.figures(stuck.id).delivered == 0)

        _ = try await harness.dispatcher.updateWebhook(stuck.id) { $0.url = "https://localhost:\(port)/hooks/rescued" }
        #expect(await harness.waitForDelivery(of: stuckPublished, to: stuck.id))
        await harness.expectDelivered(stuckPublished, to: stuck.id)
        let figures = harness.figures(stuck.id)
        #expect(figures.retried >= 10)
        #expect(figures.deadLettered == 0)
        harness.report("never answers (stuck webhook)", stuck.id)
        harness.report("never answers (healthy webhook)", healthy.id)
        await harness.finish()
    }

    @Test("a receiver very slow for one webhook: the other webhook is delivered in full meanwhile")
    func slowWebhookIsIsolated() async throws {
        let harness = try await ReliabilityHarness.make("slow") { $0.requestTimeout = .seconds(3) }
        let (_, fastPort) = try await harness.startReceiver()
        let (_, slowPort) = try await harness.startReceiver()
        let fastDevices = ReliabilityHarness.devices("fast")
        let slowDevices = ReliabilityHarness.devices("slow", count: 20)
        let fast = try await harness.createWebhook(port: fastPort, path: "/hooks/fast", devices: fastDevices, name: "fast")
        let slow = try await harness.createWebhook(port: slowPort, path: "/hooks/slow", devices: slowDevices, name: "slow")
        // Requests of the slow webhook wait until the fast one is done (beyond the
        // request timeout, so they also time out and are retried).
        harness.faults.inject(.hold, path: "/hooks/slow")
        let slowPublished = try await harness.publish(400, over: slowDevices)
        let published = try await harness.publish(Self.count, over: fastDevices)
        #expect(await harness.waitForDelivery(of: published, to: fast.id))
        await harness.expectDelivered(published, to: fast.id)
        #expect(harness.figures(fast.id).failed == 0, "the fast webhook saw no failure: \(harness.figures(fast.id).failures)")
        #expect(harness.figures(slow.id).delivered == 0, "the slow webhook is still held while the fast one finished")
        #expect(harness.faults.heldRequests >= 1)

        harness.faults.release()
        #expect(await harness.waitForDelivery(of: slowPublished, to: slow.id))
        await harness.expectDelivered(slowPublished, to: slow.id)
        harness.report("slow webhook", slow.id)
        harness.report("fast webhook", fast.id)
        await harness.finish()
    }
}
