import Foundation
import Testing
import WebhookKit

/// A stand-in MAC for testing the scheme's logic (header format, rotation, tolerance)
/// without a crypto library; the real HMAC and the public test vector are tested in
/// WebhookKitHTTPTests with OpenSSL.
private struct MixingMAC: HMACSHA256 {
    func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var state = [UInt8](repeating: 0, count: 32)
        for (index, byte) in (key + [0xFF] + message).enumerated() {
            state[index % 32] = state[index % 32] &* 31 &+ byte &+ UInt8(truncatingIfNeeded: index)
        }
        return state
    }
}

@Suite("Signing secrets and Standard Webhooks signatures")
struct SignatureTests {
    let secretA = try! SigningSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    let secretB = try! SigningSecret(keyBytes: [UInt8](repeating: 7, count: 32))
    let body = Array(#"{"test": 2432232314}"#.utf8)
    let now = Date(timeIntervalSince1970: 1_614_265_330)

    @Test("parses whsec_ secrets and names what is wrong with bad ones")
    func parsing() throws {
        #expect(secretA.keyBytes.count == 24)
        #expect(throws: SigningSecret.ParseError.missingPrefix) { try SigningSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") }
        #expect(throws: SigningSecret.ParseError.invalidBase64) { try SigningSecret("whsec_!!notbase64") }
        #expect(throws: SigningSecret.ParseError.invalidBase64) { try SigningSecret("whsec_") }
        #expect(throws: SigningSecret.ParseError.invalidKeyLength(3)) { try SigningSecret("whsec_AAAA") }
        let long = SigningSecret.prefix + Data(repeating: 1, count: 65).base64EncodedString()
        #expect(throws: SigningSecret.ParseError.invalidKeyLength(65)) { try SigningSecret(long) }
        let generated = try SigningSecret.generate()
        #expect(try SigningSecret(generated.textRepresentation) == generated)
    }

    @Test("never shows the key in description or errors")
    func redaction() {
        let text = "\(secretA) \(String(reflecting: secretA))"
        #expect(!text.contains("MfKQ9r8"))
        #expect(text.contains("redacted"))
        #expect(!SigningSecret.ParseError.invalidKeyLength(3).description.contains("AAAA"))
    }

    @Test("signs with every secret, space-separated, and verifies with any one of them")
    func rotation() throws {
        let header = WebhookSignature.sign(messageID: "msg_1", timestamp: 1_614_265_330, body: body, secrets: [secretA, secretB], hmac: MixingMAC())
        let parts = header.split(separator: " ")
        #expect(parts.count == 2)
        #expect(parts.allSatisfy { $0.hasPrefix("v1,") })
        for secrets in [[secretA], [secretB], [secretB, secretA]] {
            try WebhookSignature.verify(header: header, messageID: "msg_1", timestampHeader: "1614265330", body: body, secrets: secrets, hmac: MixingMAC(), now: now)
        }
        let other = try SigningSecret(keyBytes: [UInt8](repeating: 9, count: 32))
        #expect(throws: WebhookSignature.SignatureError.noMatchingSignature) {
            try WebhookSignature.verify(header: header, messageID: "msg_1", timestampHeader: "1614265330", body: body, secrets: [other], hmac: MixingMAC(), now: now)
        }
    }

    @Test("refuses a changed body, id or timestamp, and unknown versions")
    func tampering() {
        let header = WebhookSignature.sign(messageID: "msg_1", timestamp: 1_614_265_330, body: body, secrets: [secretA], hmac: MixingMAC())
        let cases: [(String, String, [UInt8])] = [
            (header, "msg_2", body), (header, "msg_1", body + [0x20]),
            (header.replacingOccurrences(of: "v1,", with: "v2,"), "msg_1", body), ("v1,", "msg_1", body), ("v1,AAAA", "msg_1", body),
        ]
        for (signature, id, payload) in cases {
            #expect(throws: WebhookSignature.SignatureError.noMatchingSignature) {
                try WebhookSignature.verify(header: signature, messageID: id, timestampHeader: "1614265330", body: payload, secrets: [secretA], hmac: MixingMAC(), now: now)
            }
        }
        #expect(throws: WebhookSignature.SignatureError.noMatchingSignature) {
            try WebhookSignature.verify(header: header, messageID: "msg_1", timestampHeader: "1614265331", body: body, secrets: [secretA], hmac: MixingMAC(), now: now)
        }
    }

    @Test("refuses timestamps outside the tolerance, which is configurable")
    func tolerance() throws {
        func check(_ timestamp: Int64, tolerance: Duration = WebhookSignature.defaultTolerance) throws(WebhookSignature.SignatureError) {
            let header = WebhookSignature.sign(messageID: "m", timestamp: timestamp, body: body, secrets: [secretA], hmac: MixingMAC())
            try WebhookSignature.verify(header: header, messageID: "m", timestampHeader: String(timestamp), body: body, secrets: [secretA], hmac: MixingMAC(), now: now, tolerance: tolerance)
        }
        try check(1_614_265_330 - 300)
        try check(1_614_265_330 + 300)
        #expect(throws: WebhookSignature.SignatureError.timestampTooOld) { try check(1_614_265_330 - 301) }
        #expect(throws: WebhookSignature.SignatureError.timestampTooNew) { try check(1_614_265_330 + 301) }
        #expect(throws: WebhookSignature.SignatureError.timestampTooOld) { try check(1_614_265_330 - 61, tolerance: .seconds(60)) }
        try check(1_614_265_330 - 3_000, tolerance: .seconds(3_600))
    }

    @Test("names missing headers and malformed timestamps")
    func missing() {
        let verify = { (header: String?, id: String?, timestamp: String?) throws(WebhookSignature.SignatureError) in
            try WebhookSignature.verify(header: header, messageID: id, timestampHeader: timestamp, body: [], secrets: [secretA], hmac: MixingMAC(), now: now)
        }
        #expect(throws: WebhookSignature.SignatureError.missingHeader("webhook-id")) { try verify("v1,x", nil, "1") }
        #expect(throws: WebhookSignature.SignatureError.missingHeader("webhook-timestamp")) { try verify("v1,x", "m", "") }
        #expect(throws: WebhookSignature.SignatureError.missingHeader("webhook-signature")) { try verify(nil, "m", "1") }
        for bad in ["-5", "1.5", "abc", " 1614265330", "99999999999999999999"] {
            #expect(throws: WebhookSignature.SignatureError.malformedTimestamp) { try verify("v1,x", "m", bad) }
        }
    }
}
