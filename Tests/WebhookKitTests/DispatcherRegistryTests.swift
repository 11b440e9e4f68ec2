import Testing
import WebhookKit
import WebhookKitTesting

@Suite("Dispatcher registry")
struct DispatcherRegistryTests {
    @Test("creation validates and reports every problem at once")
    func validation() async throws {
        let harness = try await DispatcherHarness()
        await #expect {
            _ = try await harness.webhook("", url: "http://10.0.0.1/x", authorization: .token(""), topics: [])
        } throws: { error in
            guard case DispatcherError.invalidConfiguration(let validation) = error else { return false }
            let fields = Set(validation.problems.map(\.field))
            return fields.isSuperset(of: ["name", "url", "topics"]) && validation.problems.count >= 4
        }
        #expect(await harness.dispatcher.webhooks().isEmpty)
    }

    @Test("a new webhook waits for its activation delay; test works meanwhile")
    func activation() async throws {
        let harness = try await DispatcherHarness()
        let hook = try await harness.webhook(activationDelay: .seconds(120))
        #expect(hook.state == .pendingActivation)
        try await harness.dispatcher.publish(Fixtures.widget("d1", "early"))
        #expect(await harness.outbox.pendingCount == 0)
        let test = try await harness.dispatcher.test(hook.id)
        #expect(test.succeeded)
        #expect(test.statusCode == 200)
        harness.clock.advance(by: .seconds(120))
        #expect(await harness.dispatcher.webhook(hook.id)?.state == .active)
        let result = try await harness.dispatcher.publish(Fixtures.widget("d1", "late"))
        #expect(result.enqueued == 1)
        await harness.drained()
        let kinds = try harness.transport.requests.map { try WireDecoder().decode($0.body).kind }
        #expect(kinds == [.test, .events])
    }

    @Test("test reports the status code or the transport failure class")
    func testResults() async throws {
        let transport = ScriptedTransport(status: 200)
        transport.enqueue(.respond(WebhookResponse(statusCode: 401, bodyExcerpt: Array("bad credentials".utf8))), .fail(.tlsUntrusted, "self-signed"))
        let harness = try await DispatcherHarness(transport: transport)
        let hook = try await harness.webhook()
        let unauthorized = try await harness.dispatcher.test(hook.id)
        #expect(!unauthorized.succeeded)
        #expect(unauthorized.statusCode == 401)
        #expect(unauthorized.failure == "http_401")
        #expect(unauthorized.responseExcerpt == "bad credentials")
        let untrusted = try await harness.dispatcher.test(hook.id)
        #expect(untrusted.failure == "tlsUntrusted")
        #expect(untrusted.statusCode == nil)
        await #expect(throws: DispatcherError.unknownWebhook("nope")) { try await harness.dispatcher.test("nope") }
    }

    @Test("an update takes effect as a whole for the next delivery")
    func update() async throws {
        let harness = try await DispatcherHarness()
        let hook = try await harness.webhook(authorization: .token("old"))
        _ = try await harness.dispatcher.updateWebhook(hook.id) {
            $0.url = "https://new.example.com/hook"
            $0.authorization = .token("new")
            $0.topics = ["BootEvent"]
        }
        try await harness.dispatcher.publish(Fixtures.widget("d1", "not subscribed any more"))
        #expect(await harness.outbox.pendingCount == 0)
        let boot = DeviceNotification(deviceId: "d1", body: .events([DeviceEvent(key: try XAPIPath("BootEvent"), value: .null, timestamp: .now)]))
        try await harness.dispatcher.publish(boot)
        await harness.drained()
        let request = try #require(harness.transport.requests.first)
        #expect(request.endpoint.host == "new.example.com")
        #expect(request.headers["Authorization"] == "new")
    }

    @Test("deleting a webhook discards and counts what was queued for it")
    func delete() async throws {
        let (harness, gate) = try await DispatcherHarness.holdingFirstRequest()
        let hook = try await harness.webhook()
        for value in 0..<4 { try await harness.dispatcher.publish(Fixtures.widget("d1", "\(value)")) }
        await gate.waitForArrivals(count: 1)
        #expect(try await harness.dispatcher.deleteWebhook(hook.id) == 4)
        gate.open()
        await harness.eventually("lane stopped") { await harness.dispatcher.activeLaneCount == 0 }
        #expect(harness.transport.requestCount == 1)
        #expect(harness.dispatcher.metrics.snapshot()[hook.id]?.figures.discarded == 4)
        #expect(await harness.dispatcher.webhook(hook.id) == nil)
    }

    @Test("pause holds deliveries and routing; resume continues")
    func pause() async throws {
        let harness = try await DispatcherHarness()
        let hook = try await harness.webhook()
        try await harness.dispatcher.pause(hook.id)
        try await harness.dispatcher.publish(Fixtures.widget("d1", "while paused"))
        #expect(await harness.outbox.pendingCount == 0)
        try await harness.dispatcher.resume(hook.id)
        try await harness.dispatcher.publish(Fixtures.widget("d1", "after"))
        await harness.drained()
        #expect(harness.transport.requestCount == 1)
    }

    @Test("a webhook failing for the whole period is disabled, with a warning at half")
    func autoDisable() async throws {
        let transport = ScriptedTransport(status: 500)
        let harness = try await DispatcherHarness(transport: transport) {
            $0.autoDisable = FailureStreak.Configuration(disableAfter: .seconds(3600))
            $0.retryPolicy = RetryPolicy(baseDelay: .seconds(60), multiplier: 2, maximumDelay: .seconds(300), giveUpAfter: .seconds(86_400))
            $0.circuitBreaker = CircuitBreaker.Configuration(failureThreshold: 10_000, coolDown: .seconds(1))
        }
        let hook = try await harness.webhook()
        try await harness.dispatcher.publish(Fixtures.widget("d1", "on"))
        await harness.eventually("disabled") {
            if case .disabled = await harness.dispatcher.webhook(hook.id)?.state { return true }
            if harness.clock.sleeperCount > 0 { _ = harness.clock.advanceToNextDeadline() }
            return false
        }
        let events = harness.events.all
        #expect(events.contains { if case .failingWebhook(hook.id, _) = $0 { true } else { false } })
        #expect(events.contains { if case .webhookDisabled(hook.id, _) = $0 { true } else { false } })
        #expect(try await harness.dispatcher.deadLetters(hook.id).count == 1)
    }

    @Test("shutdown leaves undelivered messages in the outbox, and a new dispatcher resumes them")
    func restart() async throws {
        let transport = ScriptedTransport(status: 503)
        let harness = try await DispatcherHarness(transport: transport)
        let hook = try await harness.webhook()
        try await harness.dispatcher.publish(Fixtures.widget("d1", "kept"))
        await harness.eventually("first attempt") { harness.transport.requestCount == 1 }
        await harness.dispatcher.shutdown(deadline: .seconds(1))
        await #expect(throws: DispatcherError.shuttingDown) { try await harness.dispatcher.publish(Fixtures.widget("d1", "late")) }
        #expect(await harness.outbox.pendingCount == 1)

        let registry = InMemoryWebhookRegistryStore([try #require(await harness.dispatcher.webhook(hook.id))])
        let second = ScriptedTransport(status: 200)
        let resumed = Dispatcher(transport: second, outbox: harness.outbox, registry: registry, clock: harness.clock)
        try await resumed.start()
        harness.clock.advance(by: .seconds(3600))
        await harness.eventually("resumed delivery") { await harness.outbox.pendingCount == 0 }
        #expect(second.requestCount == 1)
        await resumed.shutdown()
    }

    @Test("metrics in Prometheus text carry the webhook id label")
    func prometheus() async throws {
        let harness = try await DispatcherHarness()
        let hook = try await harness.webhook()
        try await harness.dispatcher.publish(Fixtures.widget("d1", "on"))
        await harness.drained()
        let text = harness.dispatcher.metrics.prometheusText()
        #expect(text.contains("webhook=\"\(hook.id)\""))
        #expect(!text.contains("tok-123"))
    }
}

@Suite("Dispatcher shutdown")
struct DispatcherShutdownTests {
    @Test("shutdown gives up on a hung request at its deadline and keeps the message")
    func hungRequest() async throws {
        let (harness, gate) = try await DispatcherHarness.holdingFirstRequest()
        _ = try await harness.webhook()
        try await harness.dispatcher.publish(Fixtures.widget("d1", "held"))
        await gate.waitForArrivals(count: 1)
        let shutdown = Task { await harness.dispatcher.shutdown(deadline: .seconds(5)) }
        await harness.clock.waitForSleepers(count: 1)
        harness.clock.advance(by: .seconds(5))
        await shutdown.value
        #expect(await harness.outbox.pendingCount == 1)
        gate.open()
    }
}

@Suite("Dispatcher counting")
struct DispatcherCountingTests {
    @Test("a 200 arriving after the message was discarded is not counted as delivered")
    func lateSuccess() async throws {
        let (harness, gate) = try await DispatcherHarness.holdingFirstRequest()
        let hook = try await harness.webhook()
        try await harness.dispatcher.publish(Fixtures.widget("d1", "in flight"))
        await gate.waitForArrivals(count: 1)
        #expect(try await harness.dispatcher.deleteWebhook(hook.id) == 1)
        gate.open()
        await harness.eventually("lane stopped") { await harness.dispatcher.activeLaneCount == 0 }
        let figures = harness.dispatcher.metrics.snapshot()[hook.id]?.figures
        #expect(figures?.delivered == 0)
        #expect(figures?.discarded == 1)
        #expect(figures?.queueDepth == 0)
    }
}
