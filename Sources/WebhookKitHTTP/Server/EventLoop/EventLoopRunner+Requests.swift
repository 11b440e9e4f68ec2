#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension EventLoopRunner {
    /// Completes the TLS handshake, first turning away plain HTTP sent to the TLS port.
    func handshake(_ connection: Connection) {
        guard let tls = connection.tls else { return }
        if !connection.checkedForPlaintext {
            var first: UInt8 = 0
            let count = recv(connection.fileDescriptor, &first, 1, Int32(MSG_PEEK))
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                connection.readable = false
                return
            }
            guard count == 1 else {
                closeConnection(connection)
                return
            }
            connection.checkedForPlaintext = true
            // Every TLS connection starts with a handshake record (content type 22).
            if first != 0x16 {
                refusePlaintext(connection, firstByte: first)
                return
            }
        }
        switch tls.handshake() {
        case .complete:
            connection.phase = .open
            connection.serverName = tls.serverName
            // The handshake reads the socket whatever the readiness flag says, and with
            // read-ahead it may already hold the first request in OpenSSL's buffer, read
            // from a socket that is now empty: no further epoll edge will come for it. So
            // the next step reads until OpenSSL itself reports "would block".
            connection.readable = true
            connection.setDeadline(.headers, now: MonotonicClock.now(), after: context.headersTimeout)
        case .wantRead:
            connection.readable = false
        case .wantWrite:
            connection.writable = false
        case .closed, .failed:
            closeConnection(connection)
        }
    }

    /// Answers a plain-HTTP request on the TLS port with a readable 400, unencrypted.
    private func refusePlaintext(_ connection: Connection, firstByte: UInt8) {
        guard (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(firstByte) else {
            closeConnection(connection)
            return
        }
        var output: [UInt8] = []
        HTTPResponseEncoder.encodeRefusal(
            status: 400, reason: "this port speaks HTTPS; a plain HTTP request was received",
            date: date.line, into: &output)
        _ = output.withUnsafeBytes { send(connection.fileDescriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        shutdown(connection.fileDescriptor, Int32(SHUT_WR))
        connection.phase = .lingering
        connection.setDeadline(.linger, now: MonotonicClock.now(), after: context.lingerTimeout)
        drainLinger(connection)
    }

    /// Hands a complete request to the handler as a task on this loop (or the global
    /// executor); its response comes back through ``EventLoop/complete(_:)``.
    func startHandler(_ connection: Connection, head: HTTPRequestHead, body: [UInt8]) {
        connection.handlerRunning = true
        connection.headRequest = head.method == "HEAD"
        if !head.keepAlive || shutdownDeadline != nil {
            connection.closeAfterResponse = true
        }
        connection.setDeadline(.none, now: 0, after: 0)
        let request = HTTPRequest(
            method: head.method, target: head.target, headers: head.headers, body: body,
            remoteAddress: connection.remoteAddress, serverName: connection.serverName)
        let handler = context.handler
        let loop = self.loop
        let id = connection.id
        // The closure holds `loop` strongly until the task ends, which keeps the executor
        // the task prefers alive for as long as the task can run on it.
        switch context.configuration.handlerExecution {
        case .eventLoop:
            Task(executorPreference: loop) {
                let response = await handler.handle(request)
                loop.complete(EventLoop.Completion(connectionID: id, response: response))
            }
        case .globalExecutor:
            Task {
                let response = await handler.handle(request)
                loop.complete(EventLoop.Completion(connectionID: id, response: response))
            }
        }
    }

    /// Queues a handler's response and resumes the connection's pipelined input.
    func deliver(_ completion: EventLoop.Completion) {
        guard let connection = connections[completion.connectionID], connection.handlerRunning else { return }
        connection.handlerRunning = false
        if shutdownDeadline != nil { connection.closeAfterResponse = true }
        let handlerClose = HTTPResponseEncoder.encode(
            completion.response, close: connection.closeAfterResponse, headRequest: connection.headRequest,
            date: date.line, into: &connection.output)
        if handlerClose || connection.closeAfterResponse {
            connection.closeAfterResponse = true
            connection.phase = .closing
        }
        queueFlush(connection)
        if connection.phase == .open {
            settleDeadline(connection, now: MonotonicClock.now())
            pump(connection)
        }
    }
}
