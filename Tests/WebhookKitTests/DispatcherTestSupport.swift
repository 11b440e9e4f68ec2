import Foundation
import Testing
import WebhookKit
import WebhookKitTesting

/// Waits until `condition` holds, polling every millisecond; fails the test after 60 s, a
/// guard against hangs, not a timing check.
func waitUntil(_ what: String, _ condition: () async throws -> Bool) async rethrows {
    let limit = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < limit {
        if try await condition() { return }
        try? await Task.sleep(for: .milliseconds(1))
    }
    Issue.record("timed out waiting for: \(what)")
}

/// A dispatcher wired to a scripted transport, a manual clock and an in-memory outbox.
struct DispatcherHarness {
    let clock = ManualClock()
    let transport: ScriptedTransport
    let outbox: InMemoryOutboxStore
    let dispatcher: Dispatcher
    let events = EventLog()

    init(transport: ScriptedTransport = ScriptedTransport(status: 200), capacity: Int? = nil, configure: (inout Dispatcher.Configuration) -> Void = { _ in }) async throws {
        self.transport = transport
        outbox = InMemoryOutboxStore(capacity: capacity)
        var configuration = Dispatcher.Configuration()
        configuration.randomSeed = 42
        configuration.hmac = TestHMAC()
        let events = self.events
        configuration.eventHandler = { events.append($0) }
        configure(&configuration)
        dispatcher = Dispatcher(configuration: configuration, transport: transport, outbox: outbox, clock: clock)
        try await dispatcher.start()
    }

    /// A harness whose first request waits for the returned gate to open; every later
    /// one is answered 200 at once.
    static func holdingFirstRequest(configure: (inout Dispatcher.Configuration) -> Void = { _ in }) async throws -> (DispatcherHarness, ScriptedGate) {
        let transport = ScriptedTransport(status: 200)
        let gate = ScriptedGate()
        transport.enqueue(.suspend(until: gate, then: .status(200)))
        return (try await DispatcherHarness(transport: transport, configure: configure), gate)
    }

    /// Registers an active webhook subscribed to the given topics.
    func webhook(
        _ name: String = "analytics",
        url: String = "https://hooks.example.com/in",
        authorization: WebhookAuthorization = .token("tok-123"),
        dataSource: WebhookConfiguration.DataSource = .allDevices,
        topics: [String] = ["RoomAnalytics.*", "UserInterface.Extensions.Widget.Action", "BootEvent"],
        activationDelay: Duration = .zero,
        change: (inout WebhookConfiguration) -> Void = { _ in }
    ) async throws -> WebhookConfiguration {
        var configuration = WebhookConfiguration(
            id: WebhookID(""), name: name, url: url, authorization: authorization,
            dataSource: dataSource, topics: topics, activationDelay: activationDelay
        )
        change(&configuration)
        return try await dispatcher.createWebhook(configuration)
    }

    /// Waits (without advancing the manual clock) until `condition` holds; see ``waitUntil(_:_:)``.
    func eventually(_ what: String, _ condition: () async throws -> Bool) async rethrows {
        try await waitUntil(what, condition)
    }

    /// Waits until the outbox is empty.
    func drained() async {
        await eventually("outbox drained") { 
            let pending = await outbox.pendingCount
            let inFlight = await dispatcher.requestsInFlight
            return pending == 0 && inFlight == 0 }
    }
}

/// Collects dispatcher events.
final class EventLog: Sendable {
    private let events = Mutex<[DispatcherEvent]>([])
    func append(_ event: DispatcherEvent) { events.withLock { $0.append(event) } }
    var all: [DispatcherEvent] { events.withLock { $0 } }
}

import Synchronization

/// A stand-in MAC for core tests (the OpenSSL one is tested in WebhookKitHTTPTests):
/// not cryptographic, but deterministic and key-dependent, which is all these tests need.
struct TestHMAC: HMACSHA256 {
    func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var state = [UInt8](repeating: 0, count: 32)
        for (index, byte) in (key + [0xFF] + message).enumerated() {
            state[index % 32] = state[index % 32] &* 31 &+ byte
        }
        return state
    }
}

enum Fixtures {
    static func status(_ device: DeviceID, workspace: WorkspaceID = "room-1", _ pairs: [(String, JSONValue)]) throws -> DeviceNotification {
        let change = StatusChange(updated: try pairs.map { .init(path: try XAPIPath($0.0), value: $0.1) })
        return DeviceNotification(workspaceId: workspace, deviceId: device, body: .status(change))
    }

    static func widget(_ device: DeviceID, workspace: WorkspaceID = "room-1", _ value: String) throws -> DeviceNotification {
        let event = DeviceEvent(
            key: try XAPIPath("UserInterface.Extensions.Widget.Action"),
            value: ["WidgetId": "lights", "Type": "pressed", "Value": .string(value)],
            timestamp: .now
        )
        return DeviceNotification(workspaceId: workspace, deviceId: device, body: .events([event]))
    }
}
