import Testing
import WebhookKit
import WebhookKitTesting

@Suite("Dispatcher isolation, breaker and coalescing")
struct DispatcherIsolationTests {
    @Test("a held lane blocks only itself: other devices and other webhooks keep flowing")
    func isolation() async throws {
        let transport = ScriptedTransport(status: 200)
        let gate = ScriptedGate()
        let slowEndpoint = try WebhookEndpoint(url: "https://slow.example.com/in")
        transport.enqueue(.suspend(until: gate, then: .status(200)), for: slowEndpoint)
        let harness = try await DispatcherHarness(transport: transport)
        let slow = try await harness.webhook("slow", url: "https://slow.example.com/in", dataSource: .devices(["d1"]))
        let fast = try await harness.webhook("fast", url: "https://fast.example.com/in")
        for round in 0..<5 {
            try await harness.dispatcher.publish(Fixtures.widget("d1", "\(round)"))
            try await harness.dispatcher.publish(Fixtures.widget("d2", "\(round)"))
        }
        await gate.waitForArrivals(count: 1)
        await harness.eventually("fast webhook delivered everything") {
            harness.dispatcher.metrics.snapshot()[fast.id]?.figures.delivered == 10
        }
        let slowRequests = harness.transport.requests.filter { $0.endpoint == slowEndpoint }
        #expect(slowRequests.count == 1, "one request in flight in the held lane")
        gate.open()
        await harness.drained()
        #expect(harness.dispatcher.metrics.snapshot()[slow.id]?.figures.delivered == 5)
    }

    @Test("the breaker opens after consecutive failures, holds lanes, then probes once")
    func breaker() async throws {
        let transport = ScriptedTransport(status: 500)
        let harness = try await DispatcherHarness(transport: transport) {
            $0.circuitBreaker = CircuitBreaker.Configuration(failureThreshold: 3, coolDown: .seconds(600))
            $0.retryPolicy = RetryPolicy(baseDelay: .milliseconds(10), multiplier: 2, maximumDelay: .milliseconds(10), giveUpAfter: .seconds(86_400))
        }
        let hook = try await harness.webhook()
        for (index, device) in (["d1", "d2", "d3", "d4", "d5"] as [DeviceID]).enumerated() {
            try await harness.dispatcher.publish(Fixtures.widget(device, "on"))
            // One failure at a time, so no lane is already sending when the third opens
            // the breaker (a closed breaker lets every concurrent request through).
            if index < 3 {
                await harness.eventually("failure \(index + 1) counted") {
                    harness.dispatcher.metrics.snapshot()[hook.id]?.figures.failed == UInt64(index + 1)
                }
            }
        }
        await harness.eventually("breaker open") {
            harness.dispatcher.metrics.snapshot()[hook.id]?.breakerState == "open"
        }
        await harness.eventually("every lane parked") { harness.clock.sleeperCount >= 5 }
        let failuresBeforeCoolDown = harness.transport.requestCount
        #expect(failuresBeforeCoolDown == 3)
        // Retries fall due, but the breaker keeps them back until the cool-down ends.
        harness.clock.advance(by: .seconds(1))
        await harness.clock.waitForSleepers(count: 5)
        #expect(harness.transport.requestCount == 3)
        transport.setDefault(.status(200))
        harness.clock.advance(by: .seconds(600))
        await harness.drained()
        #expect(harness.transport.requestCount == 3 + 5)
        #expect(harness.dispatcher.metrics.snapshot()[hook.id]?.breakerState == "closed")
    }

    @Test("a webhook refused with 401 does not open the breaker for another webhook on the same host")
    func breakerIgnoresRefusals() async throws {
        let transport = ScriptedTransport(status: 200)
        transport.setHandler { request, _ in request.headers["Authorization"] == "wrong" ? .status(401) : .status(200) }
        let harness = try await DispatcherHarness(transport: transport) {
            $0.circuitBreaker = CircuitBreaker.Configuration(failureThreshold: 2, coolDown: .seconds(600))
        }
        let wrong = try await harness.webhook("wrong", authorization: .token("wrong"), dataSource: .devices(["d1"]))
        let good = try await harness.webhook("good", authorization: .token("right"), dataSource: .devices(["d2"]))
        for round in 0..<5 { try await harness.dispatcher.publish(Fixtures.widget("d1", "\(round)")) }
        await harness.eventually("refusals counted") {
            (harness.dispatcher.metrics.snapshot()[wrong.id]?.figures.failures["http_4xx"] ?? 0) >= 1
        }
        for round in 0..<5 { try await harness.dispatcher.publish(Fixtures.widget("d2", "\(round)")) }
        await harness.eventually("good webhook delivered") {
            harness.dispatcher.metrics.snapshot()[good.id]?.figures.delivered == 5
        }
        #expect(harness.dispatcher.metrics.snapshot()[good.id]?.breakerState == "closed")
    }

    @Test("each webhook's copy of a notification has its own webhook-id")
    func distinctIDs() async throws {
        let harness = try await DispatcherHarness()
        let first = try await harness.webhook("first", url: "https://one.example.com/in")
        let second = try await harness.webhook("second", url: "https://two.example.com/in")
        let notification = try Fixtures.widget("d1", "on")
        try await harness.dispatcher.publish(notification)
        await harness.drained()
        let ids = harness.transport.requests.compactMap { $0.headers["webhook-id"] }
        #expect(ids.count == 2)
        #expect(Set(ids).count == 2)
        #expect(ids.contains(notification.id.rawValue))
        let derived = [first.id, second.id].map { notification.id.derived(for: $0).rawValue }
        #expect(ids.filter { $0 != notification.id.rawValue }.allSatisfy(derived.contains))
    }

    @Test("newer statuses fold into the waiting message while the lane is busy; events never do")
    func coalescing() async throws {
        let (harness, gate) = try await DispatcherHarness.holdingFirstRequest()
        let hook = try await harness.webhook()
        let first = try Fixtures.status("d1", [("RoomAnalytics.PeopleCount.Current", 0)])
        try await harness.dispatcher.publish(first)
        await gate.waitForArrivals(count: 1)
        var last = first
        for count in 1...10 {
            last = try Fixtures.status("d1", [("RoomAnalytics.PeopleCount.Current", JSONValue.integer(Int64(count)))])
            try await harness.dispatcher.publish(last)
        }
        let event = try Fixtures.widget("d1", "on")
        try await harness.dispatcher.publish(event)
        gate.open()
        await harness.drained()
        let sent = try harness.transport.requests.map { try WireDecoder().decode($0.body) }
        #expect(sent.map(\.id) == [first.id, last.id, event.id])
        if case .status(let merged) = sent[1].body {
            #expect(merged.value(of: try XAPIPath("RoomAnalytics.PeopleCount.Current")) == 10)
        } else {
            Issue.record("second message is not a status")
        }
        let figures = harness.dispatcher.metrics.snapshot()[hook.id]?.figures
        #expect(figures?.coalesced == 9)
        #expect(figures?.delivered == 3)
    }

    @Test("coalescing can be turned off")
    func noCoalescing() async throws {
        let (harness, gate) = try await DispatcherHarness.holdingFirstRequest { $0.coalesceStatuses = false }
        _ = try await harness.webhook()
        for count in 0..<5 {
            try await harness.dispatcher.publish(Fixtures.status("d1", [("RoomAnalytics.PeopleCount.Current", JSONValue.integer(Int64(count)))]))
        }
        await gate.waitForArrivals(count: 1)
        gate.open()
        await harness.drained()
        #expect(harness.transport.requestCount == 5)
    }

    @Test("no more than the configured number of requests are in flight per webhook")
    func inFlightBound() async throws {
        let transport = ScriptedTransport(status: 200)
        let gate = ScriptedGate()
        transport.setHandler { _, _ in .suspend(until: gate, then: .status(200)) }
        let harness = try await DispatcherHarness(transport: transport) { $0.maximumInFlightPerWebhook = 4 }
        _ = try await harness.webhook()
        for device in 0..<12 {
            try await harness.dispatcher.publish(Fixtures.widget(DeviceID("d\(device)"), "on"))
        }
        await gate.waitForArrivals(count: 4)
        for _ in 0..<1000 { await Task.yield() }
        #expect(gate.arrivals == 4)
        #expect(await harness.dispatcher.requestsInFlight == 4)
        gate.open()
        await harness.drained()
        #expect(harness.transport.requestCount == 12)
    }
}
