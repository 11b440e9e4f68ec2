import Foundation
import Synchronization
import Testing
import WebhookKit
import WebhookKitHTTP
import WebhookKitTesting

/// One receiver and one dispatcher wired over real TLS on loopback, with knobs to break
/// the receiver: a ``FaultHandler`` in front of the receive pipeline, and servers that can
/// be stopped and started again on the same port (with another certificate if need be).
///
/// Delivery is shrunk to test speed: retries after at most 20–200 ms, a 1 s request
/// timeout, a breaker that opens after 5 failures for 50 ms. Waits are bounded polls,
/// never assertions on elapsed time.
final class ReliabilityHarness: Sendable {
    static let username = "hub"
    static let password = "pa55-reliability"
    static let signingSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let topic = "UserInterface.Extensions.Widget.Action"

    let directory: String
    let ca: DevCertificateAuthority
    let certificate: DevCertificateAuthority.IssuedCertificate
    let store: InMemoryNotificationStore
    let receiverMetrics: ReceiverMetrics
    let faults: FaultHandler
    let dispatcher: Dispatcher
    let transport: HTTPClientTransport
    let events: EventRecorder
    private let servers = Mutex<[HTTPServer]>([])

    private init(directory: String, ca: DevCertificateAuthority, dispatcher: Dispatcher, transport: HTTPClientTransport,
                 events: EventRecorder) throws {
        self.directory = directory
        self.ca = ca
        self.certificate = try ca.issue(name: "receiver")
        self.dispatcher = dispatcher
        self.transport = transport
        self.events = events
        let store = InMemoryNotificationStore()
        let metrics = ReceiverMetrics()
        self.store = store
        self.receiverMetrics = metrics
        self.faults = FaultHandler(WebhookReceiver(
            configuration: .init(
                authorization: .basic(username: Self.username, password: Self.password),
                signingSecrets: [try SigningSecret(Self.signingSecret)], hmac: OpenSSLHMAC(), store: store
            ),
            metrics: metrics
        ))
    }

    /// A harness with a started dispatcher and no receiver yet; `change` adjusts the
    /// dispatcher's configuration.
    static func make(_ name: String, change: (inout Dispatcher.Configuration) -> Void = { _ in }) async throws -> ReliabilityHarness {
        let directory = NSTemporaryDirectory() + "reliability-\(name)-" + UUID().uuidString
        let ca = try DevCertificateAuthority(directory: directory)
        let transport = try HTTPClientTransport(configuration: .init(extraTrustAnchorsFile: ca.certificatePath))
        let events = EventRecorder()
        var configuration = Dispatcher.Configuration()
        configuration.hmac = OpenSSLHMAC()
        configuration.retryPolicy = RetryPolicy(baseDelay: .milliseconds(20), multiplier: 2, maximumDelay: .milliseconds(200), giveUpAfter: .seconds(3600))
        configuration.requestTimeout = .seconds(1)
        configuration.circuitBreaker = .init(failureThreshold: 5, coolDown: .milliseconds(50))
        configuration.eventHandler = { events.record($0) }
        change(&configuration)
        let dispatcher = Dispatcher(configuration: configuration, transport: transport, outbox: InMemoryOutboxStore())
        try await dispatcher.start()
        return try ReliabilityHarness(directory: directory, ca: ca, dispatcher: dispatcher, transport: transport, events: events)
    }

    /// Starts a TLS receiver (on `port`, 0 for a free one) serving `handler` (default
    /// ``faults``); retries a
    /// reused port for a while, as the old listener's close may still be settling.
    @discardableResult
    func startReceiver(
        port: Int = 0, certificate: DevCertificateAuthority.IssuedCertificate? = nil, handler: (any HTTPHandler)? = nil
    ) async throws -> (HTTPServer, Int) {
        let chosen = certificate ?? self.certificate
        let tls = TLSServerConfiguration(certificateChainPath: chosen.certificatePath, privateKeyPath: chosen.privateKeyPath)
        let serving: any HTTPHandler = handler ?? faults
        var lastError: (any Error)?
        for _ in 0..<100 {
            let server = try HTTPServer(configuration: .init(port: port, tls: tls, eventLoopCount: 2), handler: HTTPClosureHandler { await serving.handle($0) })
            do {
                let bound = try server.start()
                servers.withLock { $0.append(server) }
                return (server, bound)
            } catch {
                lastError = error
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        throw lastError ?? HTTPServerError(kind: .invalidConfiguration, detail: "could not start")
    }

    /// Creates an active webhook on `port`/`path` fed by `devices`.
    func createWebhook(port: Int, path: String = "/hooks/rooms", devices: [DeviceID], name: String = "reliability") async throws -> WebhookConfiguration {
        try await dispatcher.createWebhook(WebhookConfiguration(
            id: WebhookID(""), name: name, url: "https://localhost:\(port)\(path)",
            authorization: .basic(username: Self.username, password: Self.password), dataSource: .devices(Set(devices)),
            topics: [Self.topic], signingSecret: Self.signingSecret, activationDelay: .zero, allowPrivateNetworks: true
        ))
    }

    /// Device ids `prefix-0` … for a webhook's data source.
    static func devices(_ prefix: String, count: Int = 40) -> [DeviceID] {
        (0..<count).map { DeviceID("\(prefix)-\($0)") }
    }

    /// Publishes `count` widget events round-robin over `devices`; returns the ids by device in publish order.
    func publish(_ count: Int, over devices: [DeviceID]) async throws -> [DeviceID: [MessageID]] {
        var published: [DeviceID: [MessageID]] = [:]
        for index in 0..<count {
            let notification = try Fixtures.widget(devices[index % devices.count], "\(index)")
            published[devices[index % devices.count], default: []].append(notification.id)
            try await dispatcher.publish(notification)
        }
        return published
    }

    /// Polls `condition` every 20 ms for up to `limit`; returns whether it became true.
    @discardableResult
    func wait(upTo limit: Duration = .seconds(40), _ condition: () async -> Bool) async -> Bool {
        let end = ContinuousClock.now + limit
        while ContinuousClock.now < end {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return await condition()
    }

    /// The dispatcher's figures of `webhook` (zeros when it has none yet).
    func figures(_ webhook: WebhookID) -> DeliveryMetricsSnapshot.Figures {
        dispatcher.metrics.snapshot(webhook: webhook)?.figures ?? .init()
    }

    /// Notifications stored for `webhook`, in first-arrival order.
    func stored(for webhook: WebhookID) async -> [DeviceNotification] {
        await store.notifications.filter { $0.webhookId == webhook }
    }

    /// Waits until every message of `published` is stored and counted as delivered with
    /// nothing left queued or in flight.
    func waitForDelivery(of published: [DeviceID: [MessageID]], to webhook: WebhookID) async -> Bool {
        let total = published.values.reduce(0) { $0 + $1.count }
        return await wait {
            let figures = figures(webhook)
            guard figures.delivered >= UInt64(total), figures.queueDepth == 0, figures.inFlight == 0 else { return false }
            return await stored(for: webhook).count >= total
        }
    }

    /// Asserts the delivery promise for `webhook`: every published id stored exactly once,
    /// per-device first-arrival order equal to publish order, `delivered` equal to the count.
    func expectDelivered(_ published: [DeviceID: [MessageID]], to webhook: WebhookID, sourceLocation: SourceLocation = #_sourceLocation) async {
        let total = published.values.reduce(0) { $0 + $1.count }
        let stored = await stored(for: webhook)
        #expect(stored.count == total, "stored once each", sourceLocation: sourceLocation)
        #expect(Set(stored.map(\.id)).count == stored.count, "no id stored twice", sourceLocation: sourceLocation)
        var arrived: [DeviceID: [MessageID]] = [:]
        for notification in stored {
            guard let device = notification.deviceId else { continue }
            arrived[device, default: []].append(notification.id)
        }
        let misordered = published.keys.filter { arrived[$0] != published[$0] }.sorted()
        #expect(misordered.isEmpty, "per-device first-arrival order is publish order", sourceLocation: sourceLocation)
        let figures = figures(webhook)
        #expect(figures.delivered == UInt64(total), "delivered counts each message once", sourceLocation: sourceLocation)
        #expect(figures.queueDepth == 0, sourceLocation: sourceLocation)
    }

    /// One line of figures for the test log.
    func report(_ name: String, _ webhook: WebhookID) {
        let figures = figures(webhook)
        let receiver = receiverMetrics.snapshot()
        print("[reliability] \(name): delivered=\(figures.delivered) sent=\(figures.sent) retried=\(figures.retried) "
            + "deadLettered=\(figures.deadLettered) failures=\(figures.failures.filter { $0.value > 0 }.sorted { $0.key < $1.key }) "
            + "byStatus=\(figures.failuresByStatus.sorted { $0.key < $1.key }) receiver.stored=\(receiver.stored) "
            + "receiver.duplicates=\(receiver.duplicates) injected=\(faults.injectedStatuses.sorted { $0.key < $1.key })")
    }

    /// Stops the dispatcher, the transport and every server; removes the files.
    func finish() async {
        faults.release()
        await dispatcher.shutdown(deadline: .seconds(1))
        transport.shutdown()
        for server in servers.withLock({ $0 }) { await server.shutdown(deadline: .seconds(1)) }
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Collects the dispatcher's operator events.
final class EventRecorder: Sendable {
    private let events = Mutex<[DispatcherEvent]>([])

    func record(_ event: DispatcherEvent) {
        events.withLock { $0.append(event) }
    }

    var all: [DispatcherEvent] { events.withLock { $0 } }
}

/// A counter shared with handlers.
final class Counter: Sendable {
    private let count = Mutex(0)

    func increment() {
        count.withLock { $0 += 1 }
    }

    var value: Int { count.withLock { $0 } }
}
