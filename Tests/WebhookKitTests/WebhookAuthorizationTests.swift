import Testing
import WebhookKit

@Suite("WebhookAuthorization")
struct WebhookAuthorizationTests {
    @Test("basic sends base64(user:password)")
    func basic() {
        let auth = WebhookAuthorization.basic(username: "Aladdin", password: "open sesame")
        #expect(auth.headerValue == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    }

    @Test("a token is sent verbatim, nothing added", arguments: ["abc123", "Bearer abc", "Token x=y", "key"])
    func token(value: String) {
        #expect(WebhookAuthorization.token(value).headerValue == value)
    }

    @Test("verification accepts exactly the configured value")
    func verify() {
        let auth = WebhookAuthorization.basic(username: "u", password: "p")
        #expect(auth.verify(headerValue: "Basic dTpw"))
        #expect(!auth.verify(headerValue: "Basic dTpx"))
        #expect(!auth.verify(headerValue: "Basic dTp"))
        #expect(!auth.verify(headerValue: "basic dTpw"))
        #expect(!auth.verify(headerValue: ""))
        #expect(!auth.verify(headerValue: nil))
        #expect(WebhookAuthorization.token("T0K").verify(headerValue: "T0K"))
        #expect(!WebhookAuthorization.token("T0K").verify(headerValue: "Bearer T0K"))
    }

    @Test("description, debugDescription, interpolation and dump never show the secret")
    func redaction() {
        let secrets = ["pa55-Wörd-SECRET", "tok-SECRET-42"]
        for auth in [WebhookAuthorization.basic(username: "user", password: secrets[0]), .token(secrets[1])] {
            var dumped = ""
            dump(auth, to: &dumped)
            let renderings = [auth.description, auth.debugDescription, "\(auth)", String(reflecting: auth), dumped,
                              String(describing: [auth]), "\(Optional(auth) as Any)"]
            for text in renderings {
                for secret in secrets { #expect(!text.contains(secret), "\(text)") }
                #expect(!text.contains(auth.headerValue))
            }
        }
    }

    @Test("constant-time comparison gives the same answers as ==")
    func constantTime() {
        let samples: [[UInt8]] = [[], [1], [1, 2], [1, 3], [2, 2], [1, 2, 3], Array(repeating: 7, count: 64)]
        for a in samples {
            for b in samples {
                #expect(ConstantTime.equals(a, b) == (a == b))
            }
        }
        #expect(!ConstantTime.equals([0], []))
        #expect(!ConstantTime.equals([UInt8](repeating: 0, count: 256), []))
    }
}

/// A byte collection that counts how many elements were read, to show that a comparison
/// reads every byte however early the inputs differ (no early exit).
private final class CountingBytes: Collection, @unchecked Sendable {
    // @unchecked: used by one test on one task; the counter is never shared.
    let bytes: [UInt8]
    private(set) var reads = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var startIndex: Int { bytes.startIndex }
    var endIndex: Int { bytes.endIndex }
    func index(after index: Int) -> Int { index + 1 }
    subscript(position: Int) -> UInt8 {
        reads += 1
        return bytes[position]
    }
}

@Suite("ConstantTime")
struct ConstantTimeTests {
    @Test("reads every byte of both inputs wherever they first differ", arguments: [0, 1, 31, 63])
    func noEarlyExit(position: Int) {
        let secret = [UInt8](repeating: 0x41, count: 64)
        var guess = secret
        guess[position] ^= 0xFF
        let left = CountingBytes(secret)
        let right = CountingBytes(guess)
        #expect(!ConstantTime.equals(left, right))
        #expect(left.reads == 64)
        #expect(right.reads == 64)
    }

    @Test("a shorter guess still reads the whole secret")
    func lengthMismatch() {
        let secret = CountingBytes([UInt8](repeating: 7, count: 48))
        let guess = CountingBytes([7])
        #expect(!ConstantTime.equals(secret, guess))
        #expect(secret.reads == 48)
        #expect(guess.reads == 1)
    }
}
