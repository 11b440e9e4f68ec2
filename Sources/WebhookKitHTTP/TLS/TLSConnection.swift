import COpenSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One TLS session over a non-blocking socket, server or client side.
///
/// A thin, allocation-free wrapper over an OpenSSL `SSL` object: every call makes one
/// attempt and returns a ``TLSIOResult`` telling the caller's event loop what to wait for.
/// The socket stays owned by the caller (closing it is not this type's job).
///
/// Not `Sendable`: an `SSL` object must only be used by one thread at a time; the event
/// loop that owns the socket owns this object.
///
/// ```swift
/// let tls = try TLSConnection(context: serverContext.context, fileDescriptor: fd, role: .server)
/// switch tls.handshake() { case .complete: …; case .wantRead: …; … }
/// ```
public final class TLSConnection {
    /// Which end of the handshake this side plays.
    public enum Role: Sendable {
        /// Accepts the handshake (an HTTPS server).
        case server
        /// Starts the handshake (an HTTPS client).
        case client
    }

    /// The OpenSSL `SSL*`, for settings not wrapped here (SNI, host-name checks, ALPN).
    public let ssl: OpaquePointer

    /// Written by ``socketReadObserver`` during ``read(into:)``: 1 when the last socket
    /// read returned fewer bytes than OpenSSL asked for.
    private let lastSocketReadWasShort = UnsafeMutablePointer<CChar>.allocate(capacity: 1)

    /// Creates a session over `fileDescriptor` from a configured `SSL_CTX*`.
    public init(context: OpaquePointer, fileDescriptor: Int32, role: Role) throws(OpenSSLError) {
        OpenSSLError.clearQueue()
        guard let ssl = SSL_new(context) else { throw OpenSSLError.drain(operation: "SSL_new") }
        guard SSL_set_fd(ssl, fileDescriptor) == 1 else {
            SSL_free(ssl)
            throw OpenSSLError.drain(operation: "SSL_set_fd")
        }
        switch role {
        case .server: SSL_set_accept_state(ssl)
        case .client: SSL_set_connect_state(ssl)
        }
        self.ssl = ssl
        lastSocketReadWasShort.initialize(to: 0)
        if let socket = SSL_get_rbio(ssl) {
            BIO_set_callback_arg(socket, lastSocketReadWasShort)
            BIO_set_callback_ex(socket, socketReadObserver)
        }
    }

    deinit {
        SSL_free(ssl)
        lastSocketReadWasShort.deallocate()
    }

    /// Advances the handshake; `.complete(0)` once it is done.
    public func handshake() -> TLSIOResult {
        OpenSSLError.clearQueue()
        let result = SSL_do_handshake(ssl)
        return result == 1 ? .complete(0) : classify(result, operation: "SSL_do_handshake")
    }

    /// Whether the handshake has finished.
    public var isHandshakeComplete: Bool {
        SSL_is_init_finished(ssl) == 1
    }

    /// Decrypts up to `buffer.count` bytes into `buffer`.
    public func read(into buffer: UnsafeMutableRawBufferPointer) -> TLSIOResult {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .complete(0) }
        OpenSSLError.clearQueue()
        lastSocketReadWasShort.pointee = 0
        var count = 0
        let result = SSL_read_ex(ssl, base, buffer.count, &count)
        return result == 1 ? .complete(count) : classify(result, operation: "SSL_read")
    }

    /// Whether the last ``read(into:)`` emptied both the socket and OpenSSL's buffers: it
    /// read from the socket, got fewer bytes than it asked for, and nothing of them is
    /// left to decrypt. An edge-triggered caller can then wait for the next readable
    /// event instead of reading once more only to be told to wait.
    public var lastReadDrainedSocket: Bool {
        lastSocketReadWasShort.pointee == 1 && SSL_has_pending(ssl) == 0
    }

    /// Encrypts and sends up to `bytes.count` bytes (partial writes are enabled, so fewer
    /// may be taken; retry with the rest, from the same or a moved buffer).
    public func write(_ bytes: UnsafeRawBufferPointer) -> TLSIOResult {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return .complete(0) }
        OpenSSLError.clearQueue()
        var count = 0
        let result = SSL_write_ex(ssl, base, bytes.count, &count)
        return result == 1 ? .complete(count) : classify(result, operation: "SSL_write")
    }

    /// Sends close_notify once, without waiting for the peer's; `.complete(0)` when sent.
    public func shutdown() -> TLSIOResult {
        OpenSSLError.clearQueue()
        let result = SSL_shutdown(ssl)
        return result >= 0 ? .complete(0) : classify(result, operation: "SSL_shutdown")
    }

    /// The SNI host name the client asked for (server side), if any.
    public var serverName: String? {
        guard let name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name) else { return nil }
        return String(cString: name)
    }

    /// The negotiated protocol version, e.g. `"TLSv1.3"`.
    public var protocolVersion: String {
        String(cString: SSL_get_version(ssl))
    }

    private func classify(_ result: Int32, operation: String) -> TLSIOResult {
        let code = SSL_get_error(ssl, result)
        switch code {
        case SSL_ERROR_WANT_READ:
            return .wantRead
        case SSL_ERROR_WANT_WRITE:
            return .wantWrite
        case SSL_ERROR_ZERO_RETURN:
            return .closed
        case SSL_ERROR_SYSCALL:
            let error = errno
            let queued = OpenSSLError.drain(operation: operation)
            if error == 0 && queued.messages.isEmpty { return .closed }
            if error == 0 { return .failed(queued) }
            return .failed(OpenSSLError(operation: operation, messages: [String(cString: strerror(error))]))
        default:
            return .failed(OpenSSLError.drain(operation: operation))
        }
    }
}

/// Notes, after each read of a session's socket, whether it returned fewer bytes than
/// asked for (the kernel's receive buffer was empty then). The argument is the session's
/// `lastSocketReadWasShort`.
private let socketReadObserver: BIO_callback_fn_ex = { bio, operation, _, length, _, _, result, processed in
    guard operation & BIO_CB_RETURN != 0 else { return 1 }
    if operation == BIO_CB_READ | BIO_CB_RETURN, let flag = BIO_get_callback_arg(bio) {
        flag.pointee = result > 0 && (processed?.pointee ?? length) < length ? 1 : 0
    }
    return Int(result)
}
