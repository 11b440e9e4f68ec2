import COpenSSL
import Foundation
import WebhookKitHTTP

/// A TLS client that sends its handshake `Finished` and its first request in one TCP
/// segment (held back with `TCP_CORK`), as a fast client on a busy machine often does.
///
/// That is the case where the server's handshake step reads the request too: with
/// read-ahead, OpenSSL pulls both records off the socket at once. Each exchange opens a
/// fresh connection and reads until the server closes it. It does not verify the server's
/// certificate: it tests the server's I/O, not trust.
final class CoalescingTLSClient: Sendable {
    /// The `SSL_CTX*`, configured once in `init` and then only used to create sessions.
    private nonisolated(unsafe) let context: OpaquePointer
    let port: Int

    init(port: Int) throws {
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw POSIXError(.ENOMEM) }
        self.context = context
        self.port = port
    }

    deinit { SSL_CTX_free(context) }

    /// Connects, handshakes, sends `request` right behind `Finished`, and returns the
    /// response bytes (empty when the server closed without answering) or a failure.
    func exchange(_ request: [UInt8]) -> Result<[UInt8], POSIXError> {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return .failure(POSIXError(.EMFILE)) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return .failure(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        guard let tls = try? TLSConnection(context: context, fileDescriptor: fd, role: .client) else {
            return .failure(POSIXError(.EPROTO))
        }
        // ClientHello goes out at once; from the server's answer on, output is corked so
        // that Finished and the request leave together.
        while true {
            switch tls.handshake() {
            case .complete(_):
                return sendAndRead(request, tls: tls, fd: fd)
            case .wantRead:
                guard wait(fd, for: POLLIN) else { return .failure(POSIXError(.ETIMEDOUT)) }
                var one: Int32 = 1
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_CORK, &one, socklen_t(MemoryLayout<Int32>.size))
            case .wantWrite:
                guard wait(fd, for: POLLOUT) else { return .failure(POSIXError(.ETIMEDOUT)) }
            case .closed, .failed:
                return .failure(POSIXError(.ECONNRESET))
            }
        }
    }

    private func sendAndRead(_ request: [UInt8], tls: TLSConnection, fd: Int32) -> Result<[UInt8], POSIXError> {
        var offset = 0
        while offset < request.count {
            let result = request[offset...].withUnsafeBytes { tls.write($0) }
            switch result {
            case .complete(let count): offset += count
            case .wantWrite: _ = wait(fd, for: POLLOUT)
            case .wantRead: _ = wait(fd, for: POLLIN)
            case .closed, .failed: return .failure(POSIXError(.EPIPE))
            }
        }
        var zero: Int32 = 0
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_CORK, &zero, socklen_t(MemoryLayout<Int32>.size))
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let result = buffer.withUnsafeMutableBytes { tls.read(into: $0) }
            switch result {
            case .complete(let count): response += buffer[0..<count]
            case .wantRead: guard wait(fd, for: POLLIN) else { return .failure(POSIXError(.ETIMEDOUT)) }
            case .wantWrite: _ = wait(fd, for: POLLOUT)
            case .closed, .failed: return .success(response)
            }
        }
    }

    /// Waits up to 30 s (far beyond the server's 10 s timeouts, so a server that drops a
    /// request shows as a close, not as a client timeout).
    private func wait(_ fd: Int32, for events: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(events), revents: 0)
        while true {
            let ready = poll(&entry, 1, 30_000)
            if ready < 0 && errno == EINTR { continue }
            return ready > 0
        }
    }
}
