import COpenSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A configured OpenSSL server context (`SSL_CTX`) built from PEM files, ready to accept
/// TLS sessions on any number of threads.
///
/// Building it checks each file up front so a deployment mistake gets a precise
/// ``TLSConfigurationError``: missing file, unreadable file, not PEM, encrypted key, or a key
/// that does not belong to the certificate.
///
/// `@unchecked Sendable` is safe: the contexts are fully configured in `init` and never
/// mutated afterwards; OpenSSL documents an `SSL_CTX` as safe to share between threads for
/// creating `SSL` objects, and the SNI table is immutable.
public final class TLSServerContext: @unchecked Sendable {
    /// The default context (`SSL_CTX*`); `SSL` objects are created from it.
    public let context: OpaquePointer
    private let serverNames: ServerNameTable

    /// Loads every identity of `configuration` and applies its protocol settings.
    public init(configuration: TLSServerConfiguration) throws(TLSConfigurationError) {
        var made: [OpaquePointer] = []
        do {
            let main = try Self.makeContext(identity: configuration.identity, configuration: configuration)
            made.append(main)
            var table: [String: OpaquePointer] = [:]
            for (name, identity) in configuration.serverNameIdentities {
                let extra = try Self.makeContext(identity: identity, configuration: configuration)
                made.append(extra)
                table[name.lowercased()] = extra
            }
            context = main
            serverNames = ServerNameTable(contexts: table)
        } catch {
            made.forEach { SSL_CTX_free($0) }
            throw error
        }
        if !serverNames.contexts.isEmpty {
            _ = webhookkit_SSL_CTX_set_tlsext_servername_arg(context, Unmanaged.passUnretained(serverNames).toOpaque())
            _ = webhookkit_SSL_CTX_set_tlsext_servername_callback(context, selectServerNameContext)
        }
    }

    deinit {
        SSL_CTX_free(context)
        serverNames.contexts.values.forEach { SSL_CTX_free($0) }
    }

    /// Starts a server-side TLS session on an accepted, non-blocking socket.
    public func makeConnection(fileDescriptor: Int32) throws(OpenSSLError) -> TLSConnection {
        try TLSConnection(context: context, fileDescriptor: fileDescriptor, role: .server)
    }

    private static func makeContext(
        identity: TLSServerConfiguration.Identity,
        configuration: TLSServerConfiguration
    ) throws(TLSConfigurationError) -> OpaquePointer {
        try PEMFileCheck.check(path: identity.certificateChainPath, content: .certificate)
        try PEMFileCheck.check(path: identity.privateKeyPath, content: .privateKey)
        OpenSSLError.clearQueue()
        guard let ctx = SSL_CTX_new(TLS_server_method()) else {
            throw TLSConfigurationError(kind: .rejected, path: nil, detail: OpenSSLError.drain(operation: "SSL_CTX_new").description)
        }
        do {
            try configure(ctx, identity: identity, configuration: configuration)
            return ctx
        } catch {
            SSL_CTX_free(ctx)
            throw error
        }
    }

    private static func configure(
        _ ctx: OpaquePointer,
        identity: TLSServerConfiguration.Identity,
        configuration: TLSServerConfiguration
    ) throws(TLSConfigurationError) {
        // Never prompt on a terminal for a passphrase: an encrypted key fails to load instead.
        SSL_CTX_set_default_passwd_cb(ctx) { _, _, _, _ in 0 }
        let minimum = configuration.minimumVersion == .tls13 ? TLS1_3_VERSION : TLS1_2_VERSION
        _ = webhookkit_SSL_CTX_set_min_proto_version(ctx, minimum)
        _ = webhookkit_SSL_CTX_set_options(ctx, Int(webhookkit_SSL_OP_server_defaults()))
        _ = webhookkit_SSL_CTX_set_mode(ctx, Int(SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER))
        _ = webhookkit_SSL_CTX_set_read_ahead(ctx, 1)
        guard SSL_CTX_set_cipher_list(ctx, configuration.tls12Ciphers) == 1 else {
            throw TLSConfigurationError(
                kind: .rejected, path: nil,
                detail: "TLS 1.2 cipher list: " + OpenSSLError.drain(operation: "SSL_CTX_set_cipher_list").description)
        }
        // The key first: loading a certificate after a key that does not match it leaves
        // the context without a key, which `SSL_CTX_check_private_key` then reports.
        guard SSL_CTX_use_PrivateKey_file(ctx, identity.privateKeyPath, SSL_FILETYPE_PEM) == 1 else {
            throw TLSConfigurationError(
                kind: .rejected, path: identity.privateKeyPath,
                detail: OpenSSLError.drain(operation: "SSL_CTX_use_PrivateKey_file").description)
        }
        guard SSL_CTX_use_certificate_chain_file(ctx, identity.certificateChainPath) == 1 else {
            throw TLSConfigurationError(
                kind: .rejected, path: identity.certificateChainPath,
                detail: OpenSSLError.drain(operation: "SSL_CTX_use_certificate_chain_file").description)
        }
        guard SSL_CTX_check_private_key(ctx) == 1 else {
            _ = OpenSSLError.drain(operation: "SSL_CTX_check_private_key")
            throw TLSConfigurationError(
                kind: .keyMismatch, path: identity.privateKeyPath,
                detail: "key does not fit certificate \(identity.certificateChainPath)")
        }
    }
}

/// The SNI name → context map the servername callback reads.
///
/// `@unchecked Sendable` is safe: the map is a `let` filled before the callback is installed,
/// and the contexts it points to are shared read-only (see ``TLSServerContext``).
private final class ServerNameTable: @unchecked Sendable {
    let contexts: [String: OpaquePointer]

    init(contexts: [String: OpaquePointer]) {
        self.contexts = contexts
    }
}

/// OpenSSL's servername callback: switches the session to the context for the SNI name.
private let selectServerNameContext: webhookkit_servername_callback = { ssl, _, argument in
    guard let ssl, let argument, let name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name) else {
        return SSL_TLSEXT_ERR_OK
    }
    let table = Unmanaged<ServerNameTable>.fromOpaque(argument).takeUnretainedValue()
    if let context = table.contexts[String(cString: name).lowercased()] {
        _ = SSL_set_SSL_CTX(ssl, context)
    }
    return SSL_TLSEXT_ERR_OK
}
