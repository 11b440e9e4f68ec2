import Foundation
import Testing
import WebhookKit
import WebhookKitHTTP
import WebhookKitTesting

/// The receiver goes away mid-run, or comes back with a certificate the dispatcher must
/// not trust; once it is back as it should be, everything arrives exactly once, in order.
@Suite("Reliability: receiver outages")
struct ReceiverOutageTests {
    static let count = 2_000

    @Test("receiver stopped and restarted on the same port mid-run")
    func receiverRestart() async throws {
        let harness = try await ReliabilityHarness.make("restart")
        let (first, port) = try await harness.startReceiver()
        let devices = ReliabilityHarness.devices("restart")
        let webhook = try await harness.createWebhook(port: port, devices: devices)
        // Half is published before the outage (and partly still queued when it starts),
        // half during it, so the outage always has messages to fail.
        var published = try await harness.publish(Self.count / 2, over: devices)
        #expect(await harness.wait { await harness.stored(for: webhook.id).count >= Self.count / 4 })
        await first.shutdown(deadline: .zero)
        published.merge(try await harness.publish(Self.count / 2, over: devices)) { $0 + $1 }
        // While it is down, attempts fail at connect (or on a pooled connection that died).
        #expect(await harness.wait { (harness.figures(webhook.id).failures["connect"] ?? 0) >= 5 })
        #expect(await harness.stored(for: webhook.id).count < Self.count)
        try await harness.startReceiver(port: port)
        #expect(await harness.waitForDelivery(of: published, to: webhook.id))
        await harness.expectDelivered(published, to: webhook.id)
        let figures = harness.figures(webhook.id)
        #expect(figures.retried >= 5)
        #expect(figures.deadLettered == 0)
        harness.report("receiver restart", webhook.id)
        await harness.finish()
    }

    @Test("certificate swapped to a self-signed one: tlsUntrusted failures, delivery resumes with the valid one")
    func certificateSwap() async throws {
        let harness = try await ReliabilityHarness.make("cert-swap")
        let (first, port) = try await harness.startReceiver()
        let devices = ReliabilityHarness.devices("cert")
        let webhook = try await harness.createWebhook(port: port, devices: devices)
        // Half is published before the swap, half while the impostor serves, so the
        // impostor always has messages to refuse.
        var published = try await harness.publish(Self.count / 2, over: devices)
        #expect(await harness.wait { await harness.stored(for: webhook.id).count >= Self.count / 4 })
        await first.shutdown(deadline: .zero)
        let selfSigned = try harness.ca.selfSigned(name: "impostor")
        // The impostor would accept anything; the dispatcher must never get a request through.
        let impostorRequests = Counter()
        let (impostor, _) = try await harness.startReceiver(port: port, certificate: selfSigned, handler: HTTPClosureHandler { _ in
            impostorRequests.increment()
            return HTTPResponse(status: 200)
        })
        published.merge(try await harness.publish(Self.count / 2, over: devices)) { $0 + $1 }
        #expect(await harness.wait { (harness.figures(webhook.id).failures["tlsUntrusted"] ?? 0) >= 5 })
        await impostor.shutdown(deadline: .zero)
        #expect(impostorRequests.value == 0, "no request reached the self-signed receiver")
        #expect(await harness.stored(for: webhook.id).count < Self.count)
        try await harness.startReceiver(port: port)
        #expect(await harness.waitForDelivery(of: published, to: webhook.id))
        await harness.expectDelivered(published, to: webhook.id)
        let figures = harness.figures(webhook.id)
        #expect((figures.failures["tlsUntrusted"] ?? 0) >= 5)
        #expect(figures.deadLettered == 0)
        harness.report("certificate swap", webhook.id)
        await harness.finish()
    }
}
