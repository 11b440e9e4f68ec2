/// Computes HMAC-SHA256, the primitive behind Standard Webhooks signatures.
///
/// The core defines the signing scheme but not the cryptography, so that it stays free
/// of system libraries; `WebhookKitHTTP` provides `OpenSSLHMAC`.
///
/// ## Implementation requirements
/// - Return the 32-byte HMAC-SHA256 of `message` under `key` (RFC 2104, FIPS 180-4).
/// - Use a vetted cryptographic library; never a hand-written digest.
/// - Be safe to call concurrently.
public protocol HMACSHA256: Sendable {
    /// The 32-byte MAC of `message` under `key`.
    func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8]
}
