import Foundation
import Testing
import WebhookKit
import WebhookKitHTTP
import WebhookKitTesting

/// The dispatcher delivering over real TLS to the receive pipeline served by `HTTPServer`.
@Suite("Dispatcher end to end over TLS")
struct DispatcherEndToEndTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    @Test("every message arrives exactly once, in order per device, signed and authenticated")
    func endToEnd() async throws {
        let directory = NSTemporaryDirectory() + "e2e-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ca = try DevCertificateAuthority(directory: directory)
        let certificate = try ca.issue(name: "receiver")
        let store = InMemoryNotificationStore()
        let receiver = WebhookReceiver(configuration: .init(
            authorization: .basic(username: "hub", password: "pa55"),
            signingSecrets: [try SigningSecret(Self.secret)], hmac: OpenSSLHMAC(), store: store
        ))
        let server = try HTTPServer(
            configuration: .init(host: "127.0.0.1", port: 0, tls: TLSServerConfiguration(
                certificateChainPath: certificate.certificatePath, privateKeyPath: certificate.privateKeyPath)),
            handler: WebhookReceiverHandler(receiver)
        )
        let port = try server.start()
        let transport = try HTTPClientTransport(configuration: .init(extraTrustAnchorsFile: ca.certificatePath))
        var configuration = Dispatcher.Configuration()
        configuration.hmac = OpenSSLHMAC()
        configuration.retryPolicy = RetryPolicy(baseDelay: .milliseconds(20), multiplier: 2, maximumDelay: .milliseconds(200), giveUpAfter: .seconds(3600))
        let dispatcher = Dispatcher(configuration: configuration, transport: transport, outbox: InMemoryOutboxStore())
        try await dispatcher.start()
        let good = try await dispatcher.createWebhook(WebhookConfiguration(
            id: WebhookID(""), name: "good", url: "https://localhost:\(port)/hooks/rooms",
            authorization: .basic(username: "hub", password: "pa55"), dataSource: .allDevices,
            topics: ["UserInterface.Extensions.Widget.Action"], signingSecret: Self.secret,
            activationDelay: .zero, allowPrivateNetworks: true
        ))
        let wrong = try await dispatcher.createWebhook(WebhookConfiguration(
            id: WebhookID(""), name: "wrong", url: "https://127.0.0.1:\(port)/hooks/rooms",
            authorization: .basic(username: "hub", password: "wrong"), dataSource: .devices(["device-0"]),
            topics: ["UserInterface.Extensions.Widget.Action"], activationDelay: .zero, allowPrivateNetworks: true
        ))
        var published: [DeviceID: [MessageID]] = [:]
        for round in 0..<25 {
            for device in 0..<20 {
                let notification = try Fixtures.widget(DeviceID("device-\(device)"), "\(round)")
                published[notification.deviceId!, default: []].append(notification.id)
                try await dispatcher.publish(notification)
            }
        }
        // The receiver stores a message before its 200 reaches the dispatcher, which then
        // counts it delivered once the outbox has removed it: wait for both.
        let limit = ContinuousClock.now + .seconds(60)
        func delivered() -> UInt64 { dispatcher.metrics.snapshot()[good.id]?.figures.delivered ?? 0 }
        while await store.count < 500 || delivered() < 500, ContinuousClock.now < limit {
            try await Task.sleep(for: .milliseconds(20))
        }
        let stored = await store.notifications
        #expect(stored.count == 500)
        #expect(Set(stored.map(\.id)).count == stored.count)
        var arrived: [DeviceID: [MessageID]] = [:]
        for notification in stored { arrived[notification.deviceId!, default: []].append(notification.id) }
        #expect(arrived == published)
        #expect(stored.allSatisfy { $0.webhookId == good.id })

        let test = try await dispatcher.test(wrong.id)
        #expect(test.statusCode == 401)
        let snapshot = dispatcher.metrics.snapshot()
        #expect(snapshot[good.id]?.figures.delivered == 500)
        #expect(snapshot[good.id]?.figures.failures.filter { $0.value > 0 } == [:], "a healthy receiver causes no failures")
        #expect((snapshot[wrong.id]?.figures.failures["http_4xx"] ?? 0) >= 1)
        #expect(snapshot[wrong.id]?.figures.delivered == 0)
        await dispatcher.shutdown(deadline: .seconds(1))
        transport.shutdown()
        await server.shutdown(deadline: .seconds(1))
    }
}

enum Fixtures {
    static func widget(_ device: DeviceID, _ value: String) throws -> DeviceNotification {
        let event = DeviceEvent(
            key: try XAPIPath("UserInterface.Extensions.Widget.Action"),
            value: ["WidgetId": "lights", "Type": "pressed", "Value": .string(value)],
            timestamp: .now
        )
        return DeviceNotification(workspaceId: "room-1", deviceId: device, body: .events([event]))
    }
}
