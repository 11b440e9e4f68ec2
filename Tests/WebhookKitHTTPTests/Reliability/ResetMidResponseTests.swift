import Foundation
import Testing
import WebhookKit
import WebhookKitHTTP
import WebhookKitTesting

/// Connections reset halfway through the response, after the receiver stored the
/// message: the dispatcher must retry (same id) and the receiver must de-duplicate.
@Suite("Reliability: connection reset mid-response")
struct ResetMidResponseTests {
    @Test("every 5th of the first 500 responses is cut in half and reset; everything arrives once, in order")
    func resetMidResponse() async throws {
        // A generous request timeout: the only failures here must be the injected resets.
        let harness = try await ReliabilityHarness.make("reset") { $0.requestTimeout = .seconds(10) }
        let (_, port) = try await harness.startReceiver()
        let proxy = try ResettingTLSProxy(
            certificate: harness.certificate.certificatePath, key: harness.certificate.privateKeyPath,
            upstreamPort: port, trustAnchors: harness.ca.certificatePath, every: 5, until: 500
        )
        defer { proxy.stop() }
        let devices = ReliabilityHarness.devices("reset")
        let webhook = try await harness.createWebhook(port: proxy.port, devices: devices)
        let published = try await harness.publish(1_000, over: devices)
        #expect(await harness.waitForDelivery(of: published, to: webhook.id))
        await harness.expectDelivered(published, to: webhook.id)
        let figures = harness.figures(webhook.id)
        let receiver = harness.receiverMetrics.snapshot()
        // 100 responses were lost after the message was stored: 100 failed attempts, each
        // retried, and each retry is a duplicate the receiver answers 200 without storing.
        #expect(figures.failed == 100)
        #expect(figures.retried == 100)
        #expect(receiver.duplicates == 100)
        #expect(receiver.stored == 1_000)
        #expect(figures.sent == 1_100)
        #expect(figures.deadLettered == 0)
        harness.report("reset mid-response", webhook.id)
        await harness.finish()
    }
}
