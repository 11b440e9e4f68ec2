import COpenSSL
import WebhookKit

/// HMAC-SHA256 computed by OpenSSL's one-shot `HMAC()`, for Standard Webhooks signatures.
///
/// The core's ``WebhookSignature`` takes any ``HMACSHA256``; this is the one to pass on
/// Linux and macOS servers. Base64 encoding of the result is done by the core with
/// Foundation's `Data.base64EncodedString()`, which needs no cryptography.
///
/// ```swift
/// let header = WebhookSignature.sign(messageID: id, timestamp: ts, body: body,
///                                    secrets: [secret], hmac: OpenSSLHMAC())
/// ```
public struct OpenSSLHMAC: HMACSHA256 {
    /// Creates the HMAC provider (stateless, safe to share).
    public init() {}

    /// The 32-byte HMAC-SHA256 of `message` under `key`.
    ///
    /// OpenSSL fails only when it cannot allocate; then the result is empty, which
    /// ``WebhookSignature/verify(header:messageID:timestampHeader:body:secrets:hmac:now:tolerance:)``
    /// never accepts (it compares 32-byte MACs only).
    public func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBuffer in
            message.withUnsafeBytes { messageBuffer in
                output.withUnsafeMutableBytes { outputBuffer in
                    HMAC(
                        EVP_sha256(),
                        keyBuffer.baseAddress, Int32(keyBuffer.count),
                        messageBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBuffer.count,
                        outputBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self), &length
                    )
                }
            }
        }
        guard result != nil, length == 32 else { return [] }
        return Array(output.prefix(32))
    }
}
