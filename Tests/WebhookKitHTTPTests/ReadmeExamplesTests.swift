import Foundation
import Synchronization
import Testing
import WebhookKit
import WebhookKitHTTP
import WebhookKitTesting

/// The README's two library examples, run against each other on loopback so the README
/// cannot drift from the API. Differences from the README: a dev CA, a free port,
/// private networks allowed and no activation delay.
@Suite("README examples")
struct ReadmeExamplesTests {
    @Test("the dispatcher example delivers to the receiver example")
    func examples() async throws {
        let directory = NSTemporaryDirectory() + "readme-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ca = try DevCertificateAuthority(directory: directory)
        let certificate = try ca.issue(name: "server")
        let people = Mutex<[String]>([])

        var receiver = WebhookReceiver(configuration: .init(
            authorization: .basic(username: "hub", password: "s3cret"),
            signingSecrets: [try SigningSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")],
            hmac: OpenSSLHMAC()))
        receiver.onStatus(try PathPattern("RoomAnalytics.PeopleCount.Current")) { notification, update in
            people.withLock { $0.append("\(notification.deviceId?.rawValue ?? "-"): \(update.value) people") }
        }
        let tls = TLSServerConfiguration(certificateChainPath: certificate.certificatePath, privateKeyPath: certificate.privateKeyPath)
        try await withHTTPServer(configuration: .init(host: "127.0.0.1", port: 0, tls: tls),
                                 handler: WebhookReceiverHandler(receiver)) { server in
            let port = try #require(server.port)
            try await withHTTPClientTransport(.init(extraTrustAnchorsFile: ca.certificatePath)) { transport in
                var configuration = Dispatcher.Configuration()
                configuration.hmac = OpenSSLHMAC()
                let dispatcher = Dispatcher(configuration: configuration, transport: transport,
                                            outbox: InMemoryOutboxStore())
                try await dispatcher.start()
                let hook = try await dispatcher.createWebhook(WebhookConfiguration(
                    name: "Building analytics", url: "https://localhost:\(port)/webhooks/rooms",
                    authorization: .basic(username: "hub", password: "s3cret"),
                    dataSource: .workspaces(["room-4-12"]),
                    topics: ["RoomAnalytics.PeopleCount.Current", "UserInterface.Extensions.Widget.Action"],
                    signingSecret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                    activationDelay: .zero, allowPrivateNetworks: true))
                let test = try await dispatcher.test(hook.id)
                #expect(test.succeeded)
                let count = try XAPIPath("RoomAnalytics.PeopleCount.Current")
                try await dispatcher.publish(DeviceNotification(workspaceId: "room-4-12", deviceId: "board-1",
                    body: .status(StatusChange(updated: [.init(path: count, value: 3)]))))
                let limit = ContinuousClock.now + .seconds(30)
                while dispatcher.metrics.snapshot()[hook.id]?.figures.delivered != 1, ContinuousClock.now < limit {
                    try await Task.sleep(for: .milliseconds(10))
                }
                #expect(dispatcher.metrics.prometheusText().contains("webhookkit_messages_delivered_total{webhook=\"\(hook.id)\"} 1"))
                await dispatcher.shutdown()
            }
        }
        #expect(people.withLock { $0 } == ["board-1: 3 people"])
    }
}
