import Foundation
import Testing
import WebhookKit
import WebhookKitHTTP
import WebhookKitTesting

/// Drives every path that logs, throws or reports with distinctive secrets configured
/// and checks that no secret (nor the base64 of `user:password`, nor the signing key)
/// appears in any text an operator or a caller can see.
@Suite("Reliability: secrets never leak")
struct SecretsTests {
    static let password = "pw-SECRET-7f3a"
    static let token = "tok-SECRET-91bc"
    static let queryKey = "key-SECRET-55d0"
    static let receiverPassword = "rpw-SECRET-22e1"
    static let signingKey = "signing-SECRET-key-0123456789abc"
    static let signingSecret = "whsec_" + Data(signingKey.utf8).base64EncodedString()

    static var secrets: [String] {
        [password, token, queryKey, receiverPassword, signingKey, signingSecret,
         String(signingSecret.dropFirst(6)),
         Data("hub:\(password)".utf8).base64EncodedString(), Data("hub:\(receiverPassword)".utf8).base64EncodedString()]
    }

    /// Every text collected, labelled by where it came from.
    final class Collected: @unchecked Sendable {
        // @unchecked: filled and read by the one test task only (events arrive through a
        // Mutex-guarded EventRecorder, not here).
        var texts: [(String, String)] = []
        func add(_ label: String, _ text: String) { texts.append((label, text)) }
        func add(_ label: String, json value: some Encodable) {
            add(label, String(decoding: (try? JSONEncoder().encode(value)) ?? Data(), as: UTF8.self))
        }
    }

    static func configuration(url: String, authorization: WebhookAuthorization, signingSecret: String? = signingSecret) -> WebhookConfiguration {
        WebhookConfiguration(
            id: WebhookID(""), name: "secret-test", url: url, authorization: authorization, dataSource: .allDevices,
            topics: ["UserInterface.Extensions.Widget.Action"], signingSecret: signingSecret, activationDelay: .zero,
            allowPrivateNetworks: true
        )
    }

    @Test("no secret appears in errors, events, test results, delivery logs, metrics, descriptions or receiver answers")
    func secretsNeverLeak() async throws {
        let collected = Collected()
        try collectValidationTexts(collected)
        try await collectReceiverTexts(collected)
        try await collectDispatcherTexts(collected)
        #expect(collected.texts.count >= 40, "enough paths were driven")
        var leaks: [String] = []
        for (label, text) in collected.texts {
            for secret in Self.secrets where text.contains(secret) { leaks.append("\(label) shows \(secret)") }
        }
        #expect(leaks.isEmpty, "\(leaks)")
        print("[reliability] secrets: \(collected.texts.count) texts checked for \(Self.secrets.count) secret forms, \(leaks.count) leaks")
    }

    /// Invalid configurations and secrets: validation errors, parse errors, descriptions, dumps.
    func collectValidationTexts(_ collected: Collected) throws {
        let bad = [
            Self.configuration(url: "http://hub:\(Self.password)@localhost/hooks?api_key=\(Self.queryKey)", authorization: .basic(username: "hub:\(Self.password)", password: Self.password), signingSecret: "whsec_" + Self.password),
            Self.configuration(url: "https://localhost/hooks?api_key=\(Self.queryKey)", authorization: .token(Self.token + "\r\nX: y"), signingSecret: Self.signingSecret + "!"),
            Self.configuration(url: "https://\(Self.token)/hooks", authorization: .basic(username: "hub", password: Self.password + "\u{7}"), signingSecret: Self.token),
        ]
        for (index, configuration) in bad.enumerated() {
            do {
                try configuration.validate()
                Issue.record("configuration \(index) should be invalid")
            } catch {
                collected.add("validation error \(index)", error.description)
                collected.add("validation error \(index) reflecting", String(reflecting: error))
            }
            collected.add("configuration \(index) description", configuration.description)
            collected.add("configuration \(index) debugDescription", configuration.debugDescription)
            var dumped = ""
            dump(configuration, to: &dumped)
            collected.add("configuration \(index) dump", dumped)
            collected.add("authorization \(index)", "\(configuration.authorization) \(String(reflecting: configuration.authorization))")
        }
        for text in ["whsec_" + Self.token, Self.signingSecret + "!", Self.password] {
            do {
                _ = try SigningSecret(text)
                Issue.record("\(text.count)-character secret should not parse")
            } catch {
                collected.add("signing secret parse error", error.description)
            }
        }
        let secret = try SigningSecret(Self.signingSecret)
        collected.add("signing secret description", "\(secret) \(String(reflecting: secret))")
    }

    /// The receive pipeline's answers to wrong credentials, bad signatures and bad bodies.
    func collectReceiverTexts(_ collected: Collected) async throws {
        let metrics = ReceiverMetrics()
        let receiver = WebhookReceiver(configuration: .init(
            authorization: .basic(username: "hub", password: Self.receiverPassword),
            signingSecrets: [try SigningSecret(Self.signingSecret)], hmac: OpenSSLHMAC()
        ), metrics: metrics)
        let body = WireEncoder().encode(try Fixtures.widget(DeviceID("secret-0"), "x"))
        let wrong: HTTPHeaders = ["Authorization": WebhookAuthorization.basic(username: "hub", password: Self.password).headerValue]
        let unsigned: HTTPHeaders = ["Authorization": WebhookAuthorization.basic(username: "hub", password: Self.receiverPassword).headerValue]
        var badSignature = unsigned
        badSignature.add(name: "webhook-id", value: "msg_1")
        badSignature.add(name: "webhook-timestamp", value: String(Int(Date().timeIntervalSince1970)))
        badSignature.add(name: "webhook-signature", value: "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
        for (label, headers, payload) in [("401 credentials", wrong, body), ("401 unsigned", unsigned, body), ("401 signature", badSignature, body)] {
            let response = await receiver.handle(method: "POST", headers: headers, body: payload)
            #expect(response.status == 401)
            collected.add("receiver \(label)", String(decoding: response.body, as: UTF8.self) + "\(response.headers)")
        }
        let open = WebhookReceiver(configuration: .init(authorization: .token(Self.token)), metrics: metrics)
        let malformed = await open.handle(method: "POST", headers: ["Authorization": Self.token], body: Array("{\"id\":\"01\",\"type\":".utf8))
        #expect(malformed.status == 400)
        collected.add("receiver 400", String(decoding: malformed.body, as: UTF8.self))
        collected.add("receiver metrics", metrics.prometheusText())
        collected.add("receiver metrics json", json: metrics.snapshot())
    }
}
