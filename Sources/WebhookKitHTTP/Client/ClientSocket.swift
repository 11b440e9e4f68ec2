import Glibc
import WebhookKit

/// A non-blocking TCP socket. While connecting and handshaking every wait is a `poll`
/// bounded by the caller's deadline, so a silent peer can never hold a thread past it;
/// requests then use the calls that never wait, driven by ``ClientEventLoop``.
struct ClientSocket {
    /// The file descriptor, owned by this socket until ``close()``.
    let descriptor: Int32
    /// The address connected to.
    let remote: ResolvedAddress

    /// Connects to the first address of `addresses` that accepts before `deadline`.
    static func connect(to addresses: [ResolvedAddress], host: String, deadline: ClientDeadline) throws(TransportError) -> ClientSocket {
        var lastError = TransportError(.connect, "no address to connect to for \(host)")
        for address in addresses {
            if deadline.hasPassed { throw TransportError(.timeout, "connect to \(host) timed out") }
            do {
                return try connect(to: address, deadline: deadline)
            } catch {
                lastError = error
                if error.kind == .timeout { throw error }
            }
        }
        throw lastError
    }

    private static func connect(to address: ResolvedAddress, deadline: ClientDeadline) throws(TransportError) -> ClientSocket {
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TransportError(.connect, "socket() failed: \(errnoText(errno))") }
        var storage = address.storage
        let result = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, address.length) }
        }
        if result != 0 && errno != EINPROGRESS {
            let code = errno
            Glibc.close(fd)
            throw TransportError(.connect, "connect to \(address.text) failed: \(errnoText(code))")
        }
        if result != 0 {
            var pollfd = Glibc.pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&pollfd, 1, deadline.remainingMilliseconds)
            if ready == 0 {
                Glibc.close(fd)
                throw TransportError(.timeout, "connect to \(address.text) timed out")
            }
            var code: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
            if ready < 0 { code = errno }
            if code != 0 {
                Glibc.close(fd)
                throw TransportError(.connect, "connect to \(address.text) failed: \(errnoText(code))")
            }
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return ClientSocket(descriptor: fd, remote: address)
    }

    /// Sends every byte before `deadline` (the handshake's blocking send).
    func sendAll(_ bytes: UnsafeRawBufferPointer, deadline: ClientDeadline, phase: String) throws(TransportError) {
        var offset = 0
        while offset < bytes.count {
            let sent = try sendWithoutWaiting(UnsafeRawBufferPointer(rebasing: bytes[offset...]), phase: phase)
            if sent == 0 { try wait(for: Int16(POLLOUT), deadline: deadline, phase: phase) }
            offset += sent
        }
    }

    /// Waits for data and reads it into `buffer`; returns 0 at end of stream (the
    /// handshake's blocking read).
    func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: ClientDeadline, phase: String) throws(TransportError) -> Int {
        while true {
            try wait(for: Int16(POLLIN), deadline: deadline, phase: phase)
            switch try receiveWithoutWaiting(into: buffer, phase: phase) {
            case .bytes(let count): return count
            case .endOfStream: return 0
            case .wouldBlock: continue
            }
        }
    }

    /// What a read without waiting found.
    enum ReadResult {
        /// This many bytes were read.
        case bytes(Int)
        /// Nothing to read yet.
        case wouldBlock
        /// The peer closed its side.
        case endOfStream
    }

    /// Sends what the socket takes now; returns how many bytes that was (0 when it is full).
    func sendWithoutWaiting(_ bytes: UnsafeRawBufferPointer, phase: String) throws(TransportError) -> Int {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
        while true {
            let sent = send(descriptor, base, bytes.count, Int32(MSG_NOSIGNAL))
            if sent >= 0 { return sent }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return 0 }
            throw TransportError(.reset, "\(phase): send to \(remote.text) failed: \(errnoText(errno))")
        }
    }

    /// Reads what has arrived, without waiting.
    func receiveWithoutWaiting(into buffer: UnsafeMutableRawBufferPointer, phase: String) throws(TransportError) -> ReadResult {
        while true {
            let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .endOfStream }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return .wouldBlock }
            throw TransportError(.reset, "\(phase): connection to \(remote.text) failed: \(errnoText(errno))")
        }
    }

    /// Waits until `events` are ready or throws a timeout naming `phase`.
    private func wait(for events: Int16, deadline: ClientDeadline, phase: String) throws(TransportError) {
        while true {
            var pollfd = Glibc.pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&pollfd, 1, deadline.remainingMilliseconds)
            if ready > 0 { return }
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 { throw TransportError(.timeout, "\(phase) with \(remote.text) timed out") }
            throw TransportError(.reset, "\(phase): poll failed: \(errnoText(errno))")
        }
    }

    /// Whether an idle connection has unexpected input or was closed by the peer.
    var isReadableWhileIdle: Bool {
        var pollfd = Glibc.pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&pollfd, 1, 0) != 0
    }

    /// Closes the descriptor.
    func close() {
        Glibc.close(descriptor)
    }
}

/// `strerror` text for an errno value.
func errnoText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "errno \(code)" }
    return String(decoding: UnsafeRawBufferPointer(start: text, count: strlen(text)), as: UTF8.self)
}
