import Foundation
import Testing
import WebhookKit
import WebhookKitTesting

@Suite("Dispatcher delivery")
struct DispatcherDeliveryTests {
    @Test("a routed status is POSTed with the wire body and every header")
    func headers() async throws {
        let harness = try await DispatcherHarness()
        let hook = try await harness.webhook(authorization: .basic(username: "hub", password: "pw")) {
            $0.signingSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        }
        let notification = try Fixtures.status("d1", [("RoomAnalytics.PeopleCount.Current", 3), ("Standby.State", "Off")])
        let result = try await harness.dispatcher.publish(notification)
        #expect(result.enqueued == 1)
        await harness.drained()
        let request = try #require(harness.transport.requests.first)
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(request.headers["User-Agent"] == "WebhookKit/\(WebhookKitVersion.current)")
        #expect(request.headers["Authorization"] == "Basic aHViOnB3")
        #expect(request.headers["webhook-id"] == notification.id.rawValue)
        #expect(request.headers["webhook-timestamp"] == String(harness.clock.now().unixSeconds))
        #expect(request.headers["webhook-signature"]?.hasPrefix("v1,") == true)
        let sent = try WireDecoder().decode(request.body)
        #expect(sent.id == notification.id)
        #expect(sent.webhookId == hook.id)
        guard case .status(let change) = sent.body else { Issue.record("not a status"); return }
        #expect(change.paths.map(\.rawValue) == ["RoomAnalytics.PeopleCount.Current"])
    }

    @Test("a token goes verbatim into Authorization")
    func token() async throws {
        let harness = try await DispatcherHarness()
        _ = try await harness.webhook(authorization: .token("Bearer-less 123"))
        try await harness.dispatcher.publish(Fixtures.widget("d1", "on"))
        await harness.drained()
        #expect(harness.transport.requests.first?.headers["Authorization"] == "Bearer-less 123")
    }

    @Test("messages of one device arrive in publish order, one in flight per lane")
    func laneOrder() async throws {
        let tracker = LaneTracker()
        let transport = ScriptedTransport(status: 200)
        transport.setHandler { request, _ in
            tracker.record(request)
            return .status(200)
        }
        let harness = try await DispatcherHarness(transport: transport)
        _ = try await harness.webhook()
        var published: [DeviceID: [MessageID]] = [:]
        for round in 0..<40 {
            for device in ["d1", "d2", "d3", "d4"] as [DeviceID] {
                let notification = try Fixtures.widget(device, "\(round)")
                published[device, default: []].append(notification.id)
                try await harness.dispatcher.publish(notification)
            }
        }
        await harness.drained()
        #expect(tracker.orderByDevice() == published)
    }

    @Test("a failed delivery is retried after back-off with the same webhook-id")
    func retries() async throws {
        let transport = ScriptedTransport(status: 200)
        transport.enqueue(.status(500), .fail(.reset))
        let harness = try await DispatcherHarness(transport: transport)
        _ = try await harness.webhook()
        let notification = try Fixtures.widget("d1", "on")
        try await harness.dispatcher.publish(notification)
        for attempt in 1...2 {
            await harness.eventually("attempt \(attempt)") { harness.transport.requestCount == attempt }
            await harness.clock.waitForSleepers(count: 1)
            let deadline = try #require(harness.clock.pendingDeadlines.first)
            #expect(deadline > harness.clock.now())
            harness.clock.advance(to: deadline)
        }
        await harness.drained()
        let ids = harness.transport.requests.map { $0.headers["webhook-id"] }
        #expect(ids == Array(repeating: notification.id.rawValue, count: 3))
        let metrics = harness.dispatcher.metrics.snapshot()
        let figures = try #require(metrics.webhooks.first?.figures)
        #expect(figures.delivered == 1)
        #expect(figures.retried == 2)
    }

    @Test("Retry-After on 429 sets the next attempt")
    func retryAfter() async throws {
        let transport = ScriptedTransport(status: 200)
        transport.enqueue(.status(429, headers: ["Retry-After": "120"]))
        let harness = try await DispatcherHarness(transport: transport)
        _ = try await harness.webhook()
        let start = harness.clock.now()
        try await harness.dispatcher.publish(Fixtures.widget("d1", "on"))
        await harness.eventually("first attempt") { harness.transport.requestCount == 1 }
        await harness.clock.waitForSleepers(count: 1)
        #expect(harness.clock.pendingDeadlines == [start.advanced(by: .seconds(120))])
        harness.clock.advance(by: .seconds(120))
        await harness.drained()
        #expect(harness.transport.requestCount == 2)
    }

    @Test("messages that run out of retries become dead letters, and replay delivers them")
    func deadLetters() async throws {
        let transport = ScriptedTransport(status: 503)
        let harness = try await DispatcherHarness(transport: transport) {
            $0.retryPolicy = RetryPolicy(baseDelay: .seconds(1), multiplier: 2, maximumDelay: .seconds(4), giveUpAfter: .seconds(20))
            $0.circuitBreaker = CircuitBreaker.Configuration(failureThreshold: 1000, coolDown: .seconds(1))
        }
        let hook = try await harness.webhook()
        let notification = try Fixtures.widget("d1", "on")
        try await harness.dispatcher.publish(notification)
        try await harness.eventually("dead letter") {
            if try await harness.dispatcher.deadLetters(hook.id).count == 1 { return true }
            if harness.clock.sleeperCount > 0 { _ = harness.clock.advanceToNextDeadline() }
            return false
        }
        #expect(try await harness.dispatcher.deadLetters(hook.id).map(\.id) == [notification.id])
        #expect(harness.dispatcher.metrics.snapshot()[hook.id]?.figures.deadLettered == 1)
        transport.setDefault(.status(200))
        #expect(try await harness.dispatcher.replay(hook.id, messageID: notification.id) == 1)
        await harness.drained()
        #expect(harness.transport.requests.last?.headers["webhook-id"] == notification.id.rawValue)
        #expect(try await harness.dispatcher.deadLetters(hook.id).isEmpty)
    }

    @Test("410 Gone disables the webhook and keeps its messages; enabling replays them")
    func gone() async throws {
        let transport = ScriptedTransport(status: 200)
        let gate = ScriptedGate()
        transport.enqueue(.suspend(until: gate, then: .status(410)))
        let harness = try await DispatcherHarness(transport: transport)
        let hook = try await harness.webhook()
        let messages = try (0..<3).map { try Fixtures.widget("d1", "\($0)") }
        for message in messages { try await harness.dispatcher.publish(message) }
        await gate.waitForArrivals(count: 1)
        gate.open()
        await harness.eventually("disabled") {
            if case .disabled = await harness.dispatcher.webhook(hook.id)?.state { return true }
            return false
        }
        try await harness.eventually("dead letters") { try await harness.dispatcher.deadLetters(hook.id).count == 3 }
        #expect(harness.transport.requestCount == 1)
        #expect(try await harness.dispatcher.enable(hook.id, replayDeadLetters: true) == 3)
        await harness.drained()
        #expect(harness.transport.requests.dropFirst().map { $0.headers["webhook-id"] } == messages.map { $0.id.rawValue })
    }

    @Test("a success policy of any 2xx accepts 204; the default does not")
    func successPolicy() async throws {
        let harness = try await DispatcherHarness(transport: ScriptedTransport(status: 204))
        let strict = try await harness.webhook("strict")
        let lenient = try await harness.webhook("lenient") { $0.successPolicy = .any2xx }
        try await harness.dispatcher.publish(Fixtures.widget("d1", "on"))
        await harness.eventually("lenient delivered") {
            harness.dispatcher.metrics.snapshot()[lenient.id]?.figures.delivered == 1
        }
        await harness.eventually("strict retried") {
            (harness.dispatcher.metrics.snapshot()[strict.id]?.figures.retried ?? 0) == 1
        }
    }
}

/// Records the order of webhook ids per device and checks one request per lane at a time.
final class LaneTracker: Sendable {
    private let state = Mutex<[DeviceID: [MessageID]]>([:])

    func record(_ request: WebhookRequest) {
        guard let notification = try? WireDecoder().decode(request.body), let device = notification.deviceId else { return }
        state.withLock { $0[device, default: []].append(notification.id) }
    }

    func orderByDevice() -> [DeviceID: [MessageID]] {
        state.withLock { $0 }
    }
}

import Synchronization
