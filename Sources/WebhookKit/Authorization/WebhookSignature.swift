import Foundation

/// Standard Webhooks (v1) signatures: `webhook-signature: v1,<base64 HMAC-SHA256>` over
/// `"<webhook-id>.<webhook-timestamp>.<body>"`.
///
/// During secret rotation the sender signs with every active secret and sends the
/// signatures space-separated; a receiver accepts the message when any one verifies.
///
/// ```swift
/// let header = WebhookSignature.sign(messageID: id, timestamp: 1614265330, body: body,
///                                    secrets: [secret], hmac: OpenSSLHMAC())
/// try WebhookSignature.verify(header: header, messageID: id, timestampHeader: "1614265330",
///                             body: body, secrets: [secret], hmac: OpenSSLHMAC(), now: .now)
/// ```
public enum WebhookSignature {
    /// The header names of the scheme.
    public enum HeaderName {
        /// The message id header, stable across retries.
        public static let id = "webhook-id"
        /// Unix seconds when the message was (re)sent.
        public static let timestamp = "webhook-timestamp"
        /// Space-separated `v1,<base64>` signatures.
        public static let signature = "webhook-signature"
    }

    /// How far a timestamp may be from the receiver's clock by default.
    public static let defaultTolerance: Duration = .seconds(300)

    /// Why a message's signature was refused. No case carries a secret or a signature.
    public enum SignatureError: Error, Sendable, Hashable, CustomStringConvertible {
        /// A required header (named) is absent or empty.
        case missingHeader(String)
        /// `webhook-timestamp` is not a decimal count of seconds.
        case malformedTimestamp
        /// The timestamp is older than the tolerance allows.
        case timestampTooOld
        /// The timestamp is further in the future than the tolerance allows.
        case timestampTooNew
        /// No `v1` signature in the header matches any secret.
        case noMatchingSignature

        /// A sentence naming the problem.
        public var description: String {
            switch self {
            case .missingHeader(let name): "header \(name) is missing"
            case .malformedTimestamp: "header webhook-timestamp is not an integer number of seconds"
            case .timestampTooOld: "header webhook-timestamp is older than the tolerance"
            case .timestampTooNew: "header webhook-timestamp is further in the future than the tolerance"
            case .noMatchingSignature: "no signature in webhook-signature matches a configured secret"
            }
        }
    }

    /// The bytes that are signed: `id.timestamp.body`.
    public static func signedContent(messageID: String, timestamp: Int64, body: [UInt8]) -> [UInt8] {
        var content = Array("\(messageID).\(timestamp).".utf8)
        content.reserveCapacity(content.count + body.count)
        content.append(contentsOf: body)
        return content
    }

    /// The `webhook-signature` header value: one `v1,<base64>` per secret, space-separated,
    /// in the order of `secrets`.
    public static func sign(
        messageID: String, timestamp: Int64, body: [UInt8],
        secrets: [SigningSecret], hmac: any HMACSHA256
    ) -> String {
        let content = signedContent(messageID: messageID, timestamp: timestamp, body: body)
        return secrets.map { secret in
            "v1," + Data(hmac.authenticationCode(key: secret.keyBytes, message: content)).base64EncodedString()
        }.joined(separator: " ")
    }

    /// Checks a received message: the timestamp is within `tolerance` of `now`, and at least
    /// one `v1` signature in `header` matches one of `secrets` (constant-time comparison).
    ///
    /// Unknown signature versions in the header are ignored, as the specification asks.
    public static func verify(
        header: String?, messageID: String?, timestampHeader: String?, body: [UInt8],
        secrets: [SigningSecret], hmac: any HMACSHA256,
        now: Date = Date(), tolerance: Duration = defaultTolerance
    ) throws(SignatureError) {
        guard let messageID, !messageID.isEmpty else { throw .missingHeader(HeaderName.id) }
        guard let timestampHeader, !timestampHeader.isEmpty else { throw .missingHeader(HeaderName.timestamp) }
        guard let header, !header.isEmpty else { throw .missingHeader(HeaderName.signature) }
        guard timestampHeader.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), timestampHeader.utf8.count <= 18,
              let timestamp = Int64(timestampHeader)
        else { throw .malformedTimestamp }
        let toleranceSeconds = Double(tolerance.components.seconds) + Double(tolerance.components.attoseconds) * 1e-18
        let offset = Double(timestamp) - now.timeIntervalSince1970
        if offset < -toleranceSeconds { throw .timestampTooOld }
        if offset > toleranceSeconds { throw .timestampTooNew }

        let content = signedContent(messageID: messageID, timestamp: timestamp, body: body)
        let expected = secrets.map { hmac.authenticationCode(key: $0.keyBytes, message: content) }
        var matched = false
        for candidate in header.split(separator: " ", omittingEmptySubsequences: true) {
            guard candidate.hasPrefix("v1,"),
                  let decoded = Data(base64Encoded: String(candidate.dropFirst(3)))
            else { continue }
            let bytes = Array(decoded)
            guard bytes.count == 32 else { continue }
            for mac in expected where mac.count == 32 && ConstantTime.equals(mac, bytes) {
                matched = true
            }
        }
        guard matched else { throw .noMatchingSignature }
    }
}
