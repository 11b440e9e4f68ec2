import Foundation
import Testing
import WebhookKit
import WebhookKitHTTP

@Suite("OpenSSLHMAC and Standard Webhooks interoperability")
struct OpenSSLHMACTests {
    @Test("matches RFC 4231 test case 2")
    func rfc4231() {
        let mac = OpenSSLHMAC().authenticationCode(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        let hex = mac.map { String(format: "%02x", $0) }.joined()
        #expect(hex == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("signs the public Standard Webhooks test vector")
    func publicVector() throws {
        let secret = try SigningSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let body = Array(#"{"test": 2432232314}"#.utf8)
        let header = WebhookSignature.sign(messageID: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body, secrets: [secret], hmac: OpenSSLHMAC())
        #expect(header == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        try WebhookSignature.verify(
            header: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", messageID: "msg_p5jXN8AQM9LWM0D4loKWxJek",
            timestampHeader: "1614265330", body: body, secrets: [secret], hmac: OpenSSLHMAC(),
            now: Date(timeIntervalSince1970: 1_614_265_330 + 10)
        )
    }

    @Test("signatures verify in the Python standardwebhooks package, and its signatures verify here")
    func pythonInterop() throws {
        try PythonStandardWebhooks.ensureInstalled()
        let secret = try SigningSecret.generate(length: 32)
        let id = "msg_" + UUID().uuidString
        let timestamp = Int64(Date().timeIntervalSince1970)
        let body = Array(#"{"type":"status","changes":{"updated":{"RoomAnalytics.PeopleCount.Current":3}}}"#.utf8)
        let ours = WebhookSignature.sign(messageID: id, timestamp: timestamp, body: body, secrets: [secret], hmac: OpenSSLHMAC())

        let script = """
        import sys, standardwebhooks
        secret, msg_id, ts, ours = sys.argv[1:5]
        body = sys.stdin.buffer.read()
        wh = standardwebhooks.Webhook(secret)
        wh.verify(body, {"webhook-id": msg_id, "webhook-timestamp": ts, "webhook-signature": ours})
        from datetime import datetime, timezone
        print(wh.sign(msg_id, datetime.fromtimestamp(int(ts), tz=timezone.utc), body.decode()))
        """
        let output = try PythonStandardWebhooks.run(script: script, arguments: [secret.textRepresentation, id, String(timestamp), ours], input: body)
        #expect(output.status == 0, "python refused our signature: \(output.stderr)")
        let theirs = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(theirs.hasPrefix("v1,"))
        try WebhookSignature.verify(header: theirs, messageID: id, timestampHeader: String(timestamp), body: body, secrets: [secret], hmac: OpenSSLHMAC())

        let tampered = try PythonStandardWebhooks.run(script: script, arguments: [secret.textRepresentation, id, String(timestamp), "v1,AAAA"], input: body)
        #expect(tampered.status != 0, "python must refuse a wrong signature, or this test proves nothing")
    }
}
