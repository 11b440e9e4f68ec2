import COpenSSL
import WebhookKit

/// Reading OpenSSL's per-thread error queue and classifying certificate verification
/// results into transport error kinds.
enum ClientOpenSSLErrors {
    /// Every queued error as text, oldest first, and clears the queue.
    static func drain() -> String {
        let messages = OpenSSLError.drain(operation: "TLS").messages
        return messages.isEmpty ? "no OpenSSL error reported" : messages.joined(separator: "; ")
    }

    /// The transport error for a failed certificate verification (`SSL_get_verify_result`).
    static func verificationFailure(_ result: Int, host: String) -> TransportError {
        let reason = ResolvedAddress.cText(cString: X509_verify_cert_error_string(result))
        let code = Int32(truncatingIfNeeded: result)
        switch code {
        case X509_V_ERR_CERT_HAS_EXPIRED, X509_V_ERR_CERT_NOT_YET_VALID,
             X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD, X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD:
            return TransportError(.tlsExpired, "certificate of \(host) is outside its validity period: \(reason)")
        case X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH:
            return TransportError(.tlsHostMismatch, "certificate does not name \(host): \(reason)")
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
             X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
             X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, X509_V_ERR_CERT_UNTRUSTED, X509_V_ERR_CERT_REJECTED,
             X509_V_ERR_INVALID_CA:
            return TransportError(.tlsUntrusted, "certificate of \(host) is not trusted: \(reason)")
        default:
            return TransportError(.tlsHandshake, "certificate of \(host) failed verification: \(reason)")
        }
    }
}

extension ResolvedAddress {
    /// Text of a NUL-terminated C string, empty for `nil`.
    static func cText(cString: UnsafePointer<CChar>?) -> String {
        guard let cString else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: cString, count: strlen(cString)), as: UTF8.self)
    }
}
