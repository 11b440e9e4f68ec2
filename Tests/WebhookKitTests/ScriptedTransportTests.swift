import Testing
import WebhookKit
import WebhookKitTesting

@Suite("ScriptedTransport", .timeLimit(.minutes(1)))
struct ScriptedTransportTests {
    let first: WebhookEndpoint
    let second: WebhookEndpoint

    init() throws {
        first = try WebhookEndpoint(url: "https://one.example/hook")
        second = try WebhookEndpoint(url: "https://two.example/hook")
    }

    func request(_ endpoint: WebhookEndpoint, _ body: String = "{}") -> WebhookRequest {
        WebhookRequest(endpoint: endpoint, headers: ["Content-Type": "application/json"], body: Array(body.utf8))
    }

    func status(_ transport: ScriptedTransport, _ request: WebhookRequest) async -> Result<Int, TransportError> {
        do throws(TransportError) {
            return .success(try await transport.send(request).statusCode)
        } catch {
            return .failure(error)
        }
    }

    @Test("answers 200 by default and records every request in order")
    func recordsRequests() async {
        let transport = ScriptedTransport()
        for index in 0..<3 {
            #expect(await status(transport, request(first, "{\"n\":\(index)}")) == .success(200))
        }
        #expect(transport.requestCount == 3)
        #expect(transport.requests.map { String(decoding: $0.body, as: UTF8.self) } == [#"{"n":0}"#, #"{"n":1}"#, #"{"n":2}"#])
        #expect(transport.requests.first?.headers["content-type"] == "application/json")
    }

    @Test("a recording transport answers its one status")
    func recording() async {
        let transport = RecordingTransport(status: 204)
        #expect(await status(transport, request(first)) == .success(204))
        #expect(await status(transport, request(second)) == .success(204))
        #expect(transport.requestCount == 2)
    }

    @Test("queued steps are used in order, then the default applies")
    func queue() async throws {
        let transport = ScriptedTransport(status: 202)
        transport.enqueue(.status(503, headers: ["Retry-After": "120"]), .fail(.timeout, "no answer"), .status(200))
        #expect(transport.pendingStepCount == 3)
        let response = try await transport.send(request(first))
        #expect(response.statusCode == 503 && response.headers["retry-after"] == "120")
        #expect(await status(transport, request(first)) == .failure(TransportError(.timeout, "no answer")))
        #expect(await status(transport, request(first)) == .success(200))
        #expect(await status(transport, request(first)) == .success(202))
        #expect(transport.pendingStepCount == 0)
    }

    @Test("an endpoint's own queue comes before the shared queue")
    func perEndpoint() async {
        let transport = ScriptedTransport()
        transport.enqueue(.status(500))
        transport.enqueue(.status(410), .status(429), for: second)
        #expect(await status(transport, request(second)) == .success(410))
        #expect(await status(transport, request(first)) == .success(500))
        #expect(await status(transport, request(first)) == .success(200))
        #expect(await status(transport, request(second)) == .success(429))
        #expect(await status(transport, request(second)) == .success(200))
    }

    @Test("the handler answers when the queues are empty, and sees the request index")
    func handler() async {
        let transport = ScriptedTransport()
        transport.setHandler { request, index in
            request.endpoint.host == "two.example" ? .fail(.connect) : .status(index.isMultiple(of: 2) ? 200 : 500)
        }
        #expect(await status(transport, request(first)) == .success(200))
        #expect(await status(transport, request(first)) == .success(500))
        #expect(await status(transport, request(second)) == .failure(TransportError(.connect, "scripted failure")))
        transport.setHandler(nil)
        transport.setDefault(.status(418))
        #expect(await status(transport, request(first)) == .success(418))
    }

    @Test("a suspended request stays in flight until its gate opens")
    func suspension() async {
        let transport = ScriptedTransport()
        let gate = ScriptedGate()
        transport.enqueue(.suspend(until: gate, then: .status(201)))
        let pending = Task { await status(transport, request(first)) }
        await gate.waitForArrivals(count: 1)
        #expect(gate.heldCount == 1)
        #expect(transport.requestCount == 1)
        gate.open()
        #expect(await pending.value == .success(201))
        #expect(gate.heldCount == 0)
        // An open gate lets later requests pass at once.
        transport.enqueue(.suspend(until: gate, then: .status(202)))
        #expect(await status(transport, request(first)) == .success(202))
        #expect(gate.arrivals == 2)
    }

    @Test("cancelling a suspended request fails it with a reset")
    func cancelSuspended() async {
        let transport = ScriptedTransport()
        let gate = ScriptedGate()
        transport.setDefault(.suspend(until: gate, then: .status(200)))
        let pending = Task { await status(transport, request(first)) }
        await gate.waitForArrivals(count: 1)
        pending.cancel()
        #expect(await pending.value == .failure(TransportError(.reset, "request cancelled")))
        #expect(gate.heldCount == 0)
    }

    @Test("concurrent requests are all recorded")
    func concurrent() async {
        let transport = ScriptedTransport()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<100 {
                group.addTask { _ = await status(transport, request(index.isMultiple(of: 2) ? first : second)) }
            }
        }
        #expect(transport.requestCount == 100)
        #expect(transport.requests.filter { $0.endpoint == first }.count == 50)
    }
}
