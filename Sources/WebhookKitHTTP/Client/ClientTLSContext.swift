import COpenSSL
import WebhookKit

/// The OpenSSL client context of one transport: TLS 1.2 or newer, peer verification on,
/// trusting the system store plus, when configured, the anchors of one PEM file.
///
/// `SSL_CTX` is safe to share between threads once configured, which happens entirely in
/// `init`; afterwards it is only used to create `SSL` objects (`SSL_new` takes its own
/// reference-counted locks). That is why this class may be `@unchecked Sendable`.
final class ClientTLSContext: @unchecked Sendable {
    let context: OpaquePointer

    /// Why the TLS context could not be set up.
    struct SetupError: Error, CustomStringConvertible {
        /// What failed, with OpenSSL's reasons.
        let description: String
    }

    /// Creates the context; `extraTrustAnchorsFile` is a PEM file of CA certificates
    /// trusted in addition to the system store.
    init(extraTrustAnchorsFile: String?, useSystemTrustStore: Bool = true) throws(SetupError) {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw SetupError(description: "SSL_CTX_new failed: \(ClientOpenSSLErrors.drain())")
        }
        self.context = context
        webhookkit_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION)
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        if useSystemTrustStore, SSL_CTX_set_default_verify_paths(context) != 1 {
            throw SetupError(description: "cannot load the system trust store: \(ClientOpenSSLErrors.drain())")
        }
        if let extraTrustAnchorsFile {
            guard SSL_CTX_load_verify_locations(context, extraTrustAnchorsFile, nil) == 1 else {
                throw SetupError(description: "cannot load trust anchors from \(extraTrustAnchorsFile): \(ClientOpenSSLErrors.drain())")
            }
        }
        webhookkit_SSL_CTX_set_session_cache_mode(context, Int(SSL_SESS_CACHE_OFF))
    }

    deinit {
        SSL_CTX_free(context)
    }

    /// A new client `SSL` for `host` with SNI (names only) and host or IP verification,
    /// using memory BIOs so the socket I/O stays in Swift.
    func makeSession(host: String) throws(TransportError) -> (ssl: OpaquePointer, input: OpaquePointer, output: OpaquePointer) {
        ERR_clear_error()
        guard let ssl = SSL_new(context) else {
            throw TransportError(.tlsHandshake, "SSL_new failed: \(ClientOpenSSLErrors.drain())")
        }
        let isIPLiteral = IPAddressClassification.scope(ofLiteral: host) != nil
        let parameters = SSL_get0_param(ssl)
        let configured: Bool
        if isIPLiteral {
            configured = X509_VERIFY_PARAM_set1_ip_asc(parameters, host) == 1
        } else {
            X509_VERIFY_PARAM_set_hostflags(parameters, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
            configured = X509_VERIFY_PARAM_set1_host(parameters, host, 0) == 1
                && webhookkit_SSL_set_tlsext_host_name(ssl, host) == 1
        }
        let alpn: [UInt8] = [8] + Array("http/1.1".utf8)
        SSL_set_alpn_protos(ssl, alpn, UInt32(alpn.count))
        guard configured, let input = BIO_new(BIO_s_mem()), let output = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw TransportError(.tlsHandshake, "cannot set up TLS for \(host): \(ClientOpenSSLErrors.drain())")
        }
        SSL_set_bio(ssl, input, output)
        SSL_set_connect_state(ssl)
        return (ssl, input, output)
    }
}
