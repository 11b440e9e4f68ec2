import COpenSSL
import Glibc
import WebhookKit

/// One TLS connection to an origin.
///
/// Connecting and the handshake are blocking calls with deadlines, made on a thread of
/// their own; requests never wait: ``startExchange(_:)`` sends what the socket takes and
/// ``pump(_:)`` moves whatever has arrived, called again by ``ClientEventLoop`` when the
/// socket is ready. It is not thread-safe: ``PooledConnection`` guards it with a lock.
/// OpenSSL works on memory BIOs; this class moves the ciphertext between them and the
/// socket, so sends use `MSG_NOSIGNAL`.
final class ClientConnection {
    let socket: ClientSocket
    let host: String
    private let ssl: OpaquePointer
    private let input: OpaquePointer
    private let output: OpaquePointer
    private var cipherBuffer: [UInt8]
    private var plainBuffer: [UInt8]
    /// Ciphertext the socket has not taken yet, from `outboundStart` on.
    private var outbound: [UInt8] = []
    private var outboundStart = 0
    private var closed = false

    /// Resolves, connects and completes the TLS handshake.
    init(
        host: String, port: Int, context: ClientTLSContext, allowPrivateNetworks: Bool,
        connectDeadline: ClientDeadline, handshakeDuration: Duration, overallDeadline: ClientDeadline
    ) throws(TransportError) {
        let resolved = try ResolvedAddress.resolve(host: host, port: port)
        let permitted = allowPrivateNetworks ? resolved : resolved.filter { !$0.scope.requiresPrivateNetworkPermission }
        guard !permitted.isEmpty else {
            let list = resolved.map { "\($0.text) (\($0.scope))" }.joined(separator: ", ")
            throw TransportError(.forbiddenAddress, "\(host) resolves to \(list), which private networks are not allowed to reach")
        }
        socket = try ClientSocket.connect(to: permitted, host: host, deadline: min(connectDeadline, overallDeadline))
        self.host = host
        do {
            (ssl, input, output) = try context.makeSession(host: host)
        } catch {
            socket.close()
            throw error
        }
        cipherBuffer = [UInt8](repeating: 0, count: 17 * 1024)
        plainBuffer = [UInt8](repeating: 0, count: 16 * 1024)
        do {
            try handshake(deadline: min(.after(handshakeDuration), overallDeadline))
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// The address actually connected to, `ip:port`.
    var remoteAddress: String { socket.remote.text }

    private func handshake(deadline: ClientDeadline) throws(TransportError) {
        while true {
            ERR_clear_error()
            let result = SSL_do_handshake(ssl)
            try flush(deadline: deadline, phase: "TLS handshake")
            if result == 1 { return }
            let error = SSL_get_error(ssl, result)
            if error == SSL_ERROR_WANT_READ {
                if try !fill(deadline: deadline, phase: "TLS handshake") {
                    throw TransportError(.tlsHandshake, "\(remoteAddress) closed the connection during the TLS handshake")
                }
                continue
            }
            let verify = SSL_get_verify_result(ssl)
            if verify != X509_V_OK { throw ClientOpenSSLErrors.verificationFailure(verify, host: host) }
            throw TransportError(.tlsHandshake, "TLS handshake with \(remoteAddress) failed: \(ClientOpenSSLErrors.drain())")
        }
    }

    /// Encrypts `request` and sends what the socket takes now; the rest goes out as the
    /// socket drains, from ``pump(_:)``.
    func startExchange(_ request: [UInt8]) throws(TransportError) {
        ERR_clear_error()
        let written = request.withUnsafeBytes { SSL_write(ssl, $0.baseAddress, Int32($0.count)) }
        guard written == Int32(request.count) else {
            throw TransportError(.reset, "TLS write to \(remoteAddress) failed: \(ClientOpenSSLErrors.drain())")
        }
        try flushWithoutWaiting()
    }

    /// Moves what has arrived through TLS into `parser`, without waiting; the response
    /// once it is complete, `nil` while more is to come.
    func pump(_ parser: inout HTTPResponseParser) throws(TransportError) -> HTTPResponseParser.Response? {
        try flushWithoutWaiting()
        while true {
            ERR_clear_error()
            let count = plainBuffer.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
            if count > 0 {
                let outcome = plainBuffer.withUnsafeBytes { buffer in
                    Result { () throws(HTTPResponseParser.ParseError) in
                        try parser.consume(UnsafeRawBufferPointer(rebasing: buffer[0..<Int(count)]))
                    }
                }
                switch outcome {
                case .success(.complete(var response)):
                    if SSL_pending(ssl) > 0 || BIO_ctrl_pending(input) > 0 { response.reusable = false }
                    return response
                case .success:
                    continue
                case .failure(let error):
                    throw TransportError(.protocolViolation, "response from \(remoteAddress): \(error.detail)")
                }
            }
            let error = SSL_get_error(ssl, count)
            if error == SSL_ERROR_WANT_READ {
                try flushWithoutWaiting()
                switch try receiveWithoutWaiting() {
                case .bytes: continue
                case .wouldBlock: return nil
                case .endOfStream: break
                }
            } else if error != SSL_ERROR_ZERO_RETURN {
                throw TransportError(.reset, "TLS read from \(remoteAddress) failed: \(ClientOpenSSLErrors.drain())")
            }
            // End of stream (TCP EOF or TLS close_notify).
            if parser.hasReceivedNothing {
                throw TransportError(.reset, "\(remoteAddress) closed the connection before responding")
            }
            do {
                if case .complete(let response) = try parser.endOfStream() { return response }
            } catch {
                throw TransportError(.reset, "response from \(remoteAddress): \(error.detail)")
            }
        }
    }

    /// What ``pump(_:)`` was doing, for a timeout's message.
    var exchangePhase: String { outbound.isEmpty ? "waiting for the response" : "sending the request" }

    /// Whether an idle connection can take another request: nothing arrived meanwhile
    /// (not even a close).
    var isUsableAfterIdle: Bool { !closed && !socket.isReadableWhileIdle }

    /// Sends pending ciphertext to the socket.
    private func flush(deadline: ClientDeadline, phase: String) throws(TransportError) {
        while BIO_ctrl_pending(output) > 0 {
            let count = cipherBuffer.withUnsafeMutableBytes { BIO_read(output, $0.baseAddress, Int32($0.count)) }
            guard count > 0 else { return }
            try cipherBuffer.withUnsafeBytes { buffer in
                Result { () throws(TransportError) in
                    try socket.sendAll(UnsafeRawBufferPointer(rebasing: buffer[0..<Int(count)]), deadline: deadline, phase: phase)
                }
            }.get()
        }
    }

    /// Reads ciphertext from the socket into OpenSSL; `false` at end of stream.
    private func fill(deadline: ClientDeadline, phase: String) throws(TransportError) -> Bool {
        let socket = socket
        let count = try cipherBuffer.withUnsafeMutableBytes { buffer in
            Result { () throws(TransportError) in try socket.receive(into: buffer, deadline: deadline, phase: phase) }
        }.get()
        guard count > 0 else { return false }
        _ = cipherBuffer.withUnsafeBytes { BIO_write(input, $0.baseAddress, Int32(count)) }
        return true
    }

    /// Sends ciphertext left from earlier, then OpenSSL's pending ciphertext, as far as the
    /// socket takes it now; what it does not take waits in `outbound`.
    private func flushWithoutWaiting() throws(TransportError) {
        let phase = "sending the request"
        if outboundStart < outbound.count {
            let socket = socket
            let start = outboundStart
            let sent = try outbound.withUnsafeBytes { buffer in
                Result { () throws(TransportError) in
                    try socket.sendWithoutWaiting(UnsafeRawBufferPointer(rebasing: buffer[start...]), phase: phase)
                }
            }.get()
            outboundStart += sent
            guard outboundStart == outbound.count else { return moveCiphertextToOutbound() }
            outbound.removeAll(keepingCapacity: true)
            outboundStart = 0
        }
        while BIO_ctrl_pending(output) > 0 {
            let count = cipherBuffer.withUnsafeMutableBytes { BIO_read(output, $0.baseAddress, Int32($0.count)) }
            guard count > 0 else { return }
            let socket = socket
            let sent = try cipherBuffer.withUnsafeBytes { buffer in
                Result { () throws(TransportError) in
                    try socket.sendWithoutWaiting(UnsafeRawBufferPointer(rebasing: buffer[0..<Int(count)]), phase: phase)
                }
            }.get()
            if sent < count {
                outbound.append(contentsOf: cipherBuffer[sent..<Int(count)])
                return moveCiphertextToOutbound()
            }
        }
    }

    /// Queues all of OpenSSL's pending ciphertext behind what the socket did not take.
    private func moveCiphertextToOutbound() {
        while BIO_ctrl_pending(output) > 0 {
            let count = cipherBuffer.withUnsafeMutableBytes { BIO_read(output, $0.baseAddress, Int32($0.count)) }
            guard count > 0 else { return }
            outbound.append(contentsOf: cipherBuffer[0..<Int(count)])
        }
    }

    /// Reads ciphertext that has arrived into OpenSSL, without waiting.
    private func receiveWithoutWaiting() throws(TransportError) -> ClientSocket.ReadResult {
        let socket = socket
        let result = try cipherBuffer.withUnsafeMutableBytes { buffer in
            Result { () throws(TransportError) in try socket.receiveWithoutWaiting(into: buffer, phase: "waiting for the response") }
        }.get()
        if case .bytes(let count) = result {
            _ = cipherBuffer.withUnsafeBytes { BIO_write(input, $0.baseAddress, Int32(count)) }
        }
        return result
    }

    /// Closes the socket and frees OpenSSL state; safe to call twice.
    func close() {
        guard !closed else { return }
        closed = true
        SSL_free(ssl)
        socket.close()
    }
}
