import Foundation
import Testing
import WebhookKit
import WebhookKitHTTP
import WebhookKitTesting

extension SecretsTests {
    /// A dispatcher whose webhooks carry the secrets, delivering to a receiver that refuses
    /// them (401), one that never answers (timeout), one with a self-signed certificate
    /// (tlsUntrusted) and one that is gone (410): errors, events, test results, the
    /// delivery log, metrics and transport errors.
    func collectDispatcherTexts(_ collected: Collected) async throws {
        let (ca, certificate) = try ServerTestSupport.certificates("secrets")
        defer { try? FileManager.default.removeItem(atPath: ca.directory) }
        let refusing = WebhookReceiverHandler(WebhookReceiver(configuration: .init(
            authorization: .basic(username: "hub", password: Self.receiverPassword),
            signingSecrets: [try SigningSecret(Self.signingSecret)], hmac: OpenSSLHMAC()
        )))
        let handler = HTTPClosureHandler { request in
            request.path == "/gone" ? HTTPResponse(status: 410) : await refusing.handle(request)
        }
        let server = try HTTPServer(configuration: .init(tls: ServerTestSupport.tls(certificate), eventLoopCount: 1), handler: handler)
        let port = try server.start()
        let impostorCertificate = try ca.selfSigned(name: "impostor")
        let impostor = try HTTPServer(configuration: .init(tls: ServerTestSupport.tls(impostorCertificate), eventLoopCount: 1), handler: handler)
        let impostorPort = try impostor.start()
        let silent = try SilentListener()
        defer { silent.stop() }

        let transport = try HTTPClientTransport(configuration: .init(extraTrustAnchorsFile: ca.certificatePath))
        let events = EventRecorder()
        let log = InMemoryDeliveryLog()
        var configuration = Dispatcher.Configuration()
        configuration.hmac = OpenSSLHMAC()
        configuration.retryPolicy = RetryPolicy(baseDelay: .milliseconds(20), multiplier: 2, maximumDelay: .milliseconds(100), giveUpAfter: .milliseconds(300))
        configuration.requestTimeout = .milliseconds(500)
        configuration.circuitBreaker = .init(failureThreshold: 100, coolDown: .milliseconds(50))
        configuration.eventHandler = { events.record($0) }
        configuration.deliveryLog = log
        let dispatcher = Dispatcher(configuration: configuration, transport: transport, outbox: InMemoryOutboxStore())
        try await dispatcher.start()

        let query = "?api_key=\(Self.queryKey)"
        let refused = try await dispatcher.createWebhook(Self.configuration(url: "https://localhost:\(port)/hooks\(query)", authorization: .basic(username: "hub", password: Self.password)))
        let silentHook = try await dispatcher.createWebhook(Self.configuration(url: "https://localhost:\(silent.port)/hooks\(query)", authorization: .token(Self.token)))
        let untrusted = try await dispatcher.createWebhook(Self.configuration(url: "https://localhost:\(impostorPort)/hooks\(query)", authorization: .token(Self.token)))
        let gone = try await dispatcher.createWebhook(Self.configuration(url: "https://localhost:\(port)/gone\(query)", authorization: .basic(username: "hub", password: Self.password)))
        let webhooks = [refused, silentHook, untrusted, gone]
        do {
            _ = try await dispatcher.createWebhook(Self.configuration(url: "http://localhost/\(query)", authorization: .token(Self.token + "\n"), signingSecret: "whsec_" + Self.token))
            Issue.record("an invalid webhook was accepted")
        } catch {
            collected.add("dispatcher createWebhook error", "\(error) \(String(reflecting: error))")
        }

        for index in 0..<10 { try await dispatcher.publish(try Fixtures.widget(DeviceID("secret-\(index % 3)"), "\(index)")) }
        for webhook in webhooks {
            let result = try await dispatcher.test(webhook.id)
            #expect(!result.succeeded)
            collected.add("test result \(result.failure ?? "-")", "\(result) \(result.detail ?? "")")
            collected.add("test result json", json: result)
        }
        // Give-up after 300 ms: every message ends as a dead letter (or the webhook is disabled).
        let settled = await waitUntil {
            webhooks.allSatisfy { (dispatcher.metrics.snapshot(webhook: $0.id)?.figures.queueDepth ?? 1) == 0 }
        }
        #expect(settled)
        let failures = dispatcher.metrics.snapshot().totals.failures
        #expect((failures["http_4xx"] ?? 0) > 0 && (failures["timeout"] ?? 0) > 0 && (failures["tlsUntrusted"] ?? 0) > 0)
        for event in events.all { collected.add("event", event.description + " " + String(reflecting: event)) }
        #expect(events.all.contains { if case .webhookDisabled = $0 { true } else { false } })
        #expect(events.all.contains { if case .deadLettered = $0 { true } else { false } })
        for webhook in webhooks {
            let attempts = try await log.recent(webhook: webhook.id, limit: 100)
            collected.add("delivery log", json: attempts)
            collected.add("delivery log description", "\(attempts)")
            for dead in try await dispatcher.deadLetters(webhook.id) { collected.add("dead letter", "\(dead)") }
            if let current = await dispatcher.webhook(webhook.id) { collected.add("registered webhook", "\(current)") }
        }
        collected.add("metrics json", json: dispatcher.metrics.snapshot())
        collected.add("metrics prometheus", dispatcher.metrics.prometheusText())

        // Transport errors with the secret in the Authorization header.
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: WebhookAuthorization.basic(username: "hub", password: Self.password).headerValue)
        for target in ["https://localhost:\(silent.port)/x\(query)", "https://localhost:\(impostorPort)/x\(query)"] {
            let request = WebhookRequest(endpoint: try WebhookEndpoint(url: target), headers: headers, body: [], allowPrivateNetworks: true, timeout: .milliseconds(300))
            do {
                _ = try await transport.send(request)
                Issue.record("the request to \(target) should fail")
            } catch {
                collected.add("transport error \(error.kind)", "\(error) \(String(reflecting: error))")
            }
        }
        await dispatcher.shutdown(deadline: .milliseconds(200))
        transport.shutdown()
        await server.shutdown(deadline: .milliseconds(200))
        await impostor.shutdown(deadline: .milliseconds(200))
    }

    private func waitUntil(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<1_000 {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }
}
