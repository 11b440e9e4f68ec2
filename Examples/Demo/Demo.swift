import Foundation
import WebhookKit
import WebhookKitCLI
import WebhookKitHTTP
import WebhookKitTesting

/// `webhook-demo`: a throw-away CA, the reference receiver, four webhooks (Basic auth,
/// token, wrong credentials, a self-signed receiver), simulated devices for ten seconds,
/// then a table per webhook — showing the two rules at work: only 200 OK is delivery
/// (the wrong credentials get 401), and only trusted certificates are accepted (the
/// self-signed receiver fails with `tlsUntrusted`).
enum Demo {
    static let spec = CommandSpec(
        name: "webhook-demo",
        summary: "Runs both ends on this machine: dev CA, receiver, four webhooks, simulated devices, a report.",
        options: [
            .value("seconds", "N", "How long the devices run (default 10)."),
            .value("devices", "N", "How many simulated devices (default 20)."),
        ],
        discussion: "Everything lives in a temporary directory that is removed at the end. Needs the openssl command."
    )

    static let topics = ["RoomAnalytics.*", "CallSuccessful", "CallDisconnect", "UserInterface.Extensions.Widget.Action"]

    static func run(seconds: Int, devices: Int) async throws {
        let directory = NSTemporaryDirectory() + "webhook-demo-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let authority = try DevCertificateAuthority(directory: directory + "/ca")
        say("created a throw-away CA and a certificate for localhost in \(directory)")
        let receivers = try DemoReceivers.start(directory: directory, authority: authority)
        let port = receivers.trusted.port ?? 0
        let roguePort = receivers.selfSigned.port ?? 0
        say("receiver on https://localhost:\(port) (SQLite store), self-signed receiver on https://localhost:\(roguePort)")

        let stores = try DispatcherStoreFile.open(path: directory + "/dispatcher.sqlite")
        var configuration = Dispatcher.Configuration()
        configuration.retryPolicy = RetryPolicy(baseDelay: .milliseconds(200), maximumDelay: .seconds(2))
        configuration.circuitBreaker = .init(failureThreshold: 5, coolDown: .seconds(2))
        configuration.hmac = OpenSSLHMAC()
        configuration.deliveryLog = stores.deliveryLog
        let transport = try HTTPSTransport.make(trustCA: authority.certificatePath)
        let dispatcher = Dispatcher(configuration: configuration, transport: transport, outbox: stores.outbox, registry: stores.registry)
        try await dispatcher.start()

        let hooks: [(String, String, WebhookAuthorization)] = [
            ("basic-auth", "https://127.0.0.1:\(port)/basic", receivers.basic),
            ("token-auth", "https://127.0.0.1:\(port)/token", receivers.token),
            // `localhost` rather than 127.0.0.1: another endpoint, so its circuit breaker is its own.
            ("wrong-credentials", "https://localhost:\(port)/basic", .basic(username: "demo", password: "wrong")),
            ("self-signed", "https://localhost:\(roguePort)/", .token("anything")),
        ]
        var names: [WebhookID: String] = [:]
        var order: [WebhookID] = []
        for (name, url, authorization) in hooks {
            let created = try await dispatcher.createWebhook(WebhookConfiguration(
                name: name, url: url, authorization: authorization, dataSource: .allDevices, topics: topics,
                activationDelay: .zero, allowPrivateNetworks: true
            ))
            names[created.id] = name
            order.append(created.id)
        }
        say("registered \(hooks.count) webhooks; running \(devices) simulated devices for \(seconds) s")

        try await simulate(dispatcher: dispatcher, devices: devices, duration: .seconds(seconds))
        await dispatcher.shutdown(deadline: .seconds(2))
        await receivers.shutdown()
        let stored = try await receivers.store.count()
        await receivers.store.close()
        await stores.close()

        StandardStreams.writeOutput("\n" + DeliveryReport.table(dispatcher.metrics.snapshot(), names: names, order: order))
        StandardStreams.writeOutput("\nthe receiver stored \(stored) notification(s), each once\n")
        StandardStreams.writeOutput("wrong-credentials: the receiver answers 401, so nothing is delivered and it is retried.\n")
        StandardStreams.writeOutput("self-signed: the certificate is not trusted (tlsUntrusted); self-signed receivers are not supported.\n")
    }

    private static func simulate(dispatcher: Dispatcher, devices: Int, duration: Duration) async throws {
        var simulator = DeviceSimulator(configuration: .init(deviceCount: devices, seed: 2026))
        var progress = ProgressPrinter(plainInterval: .seconds(2))
        let started = ContinuousClock.now
        var last = started
        while ContinuousClock.now - started < duration {
            let now = ContinuousClock.now
            let notifications = simulator.advance(by: now - last, at: .now)
            last = now
            if !notifications.isEmpty { try await dispatcher.publish(notifications) }
            progress.update(DeliveryReport.progressLine(dispatcher.metrics.snapshot()))
            try? await Task.sleep(for: .milliseconds(250))
        }
        progress.finish()
    }

    private static func say(_ text: String) {
        StandardStreams.writeOutput(text + "\n")
    }
}
