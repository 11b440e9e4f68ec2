#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension EventLoopRunner {
    enum ReadResult {
        /// `drained`: the read emptied the socket, so with edge-triggered events the next
        /// bytes will announce themselves; no need to read again only to hear "wait".
        case data(Int, drained: Bool)
        case wouldBlock
        /// TLS must write before it can read (a key update); reading resumes on the next
        /// writable event, so the connection stays marked readable.
        case blockedOnWrite
        case endOfStream
        case failed
    }

    /// Advances a connection after an epoll event.
    func service(_ connection: Connection) {
        if connection.phase == .handshaking {
            handshake(connection)
            guard connection.phase == .open, connections[connection.id] != nil else { return }
        }
        if connection.phase == .lingering {
            drainLinger(connection)
            return
        }
        if connection.phase == .open {
            pump(connection)
        }
        if connections[connection.id] != nil && (connection.hasPendingOutput || connection.phase == .closing) {
            flush(connection)
        }
    }

    /// Parses and reads as far as ordering and back-pressure allow.
    func pump(_ connection: Connection) {
        readLoop: while connection.phase == .open {
            if !connection.handlerRunning {
                processParserEvents(connection)
                guard connection.phase == .open else { break }
            }
            let limit = connection.handlerRunning ? Self.maximumBufferedWhileHandling : Int.max
            guard connection.readable, !connection.readClosed, connection.parser.bufferedByteCount < limit else { break }
            let wasIdle = connection.parser.isIdle && !connection.handlerRunning
            switch readOnce(connection) {
            case .data(let count, let drained):
                if wasIdle && (connection.deadlineKind == .idle || connection.deadlineKind == .none) {
                    connection.setDeadline(.headers, now: MonotonicClock.now(), after: context.headersTimeout)
                }
                connection.parser.append(UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
                if drained && !connection.peerHungUp { connection.readable = false }
            case .wouldBlock:
                connection.readable = false
            case .blockedOnWrite:
                break readLoop
            case .endOfStream:
                connection.readClosed = true
                connection.readable = false
            case .failed:
                closeConnection(connection)
                return
            }
        }
        if connection.phase == .open && connection.readClosed && !connection.handlerRunning {
            // The peer sent everything it will send; answer what was complete, then close.
            connection.phase = .closing
            if !connection.hasPendingOutput { closeConnection(connection) }
        }
    }

    private func processParserEvents(_ connection: Connection) {
        while !connection.handlerRunning, connection.phase == .open, let event = connection.parser.next() {
            switch event {
            case .head(let head):
                if head.hasBody {
                    connection.setDeadline(.body, now: MonotonicClock.now(), after: context.bodyTimeout)
                    if head.expectsContinue && connection.parser.bufferedByteCount == 0 {
                        connection.output.append(contentsOf: HTTPResponseEncoder.continueResponse)
                        queueFlush(connection)
                    }
                }
            case .request(let head, let body):
                startHandler(connection, head: head, body: body)
            case .error(let error):
                refuse(connection, status: error.status, reason: error.description, now: MonotonicClock.now())
            }
        }
    }

    private func readOnce(_ connection: Connection) -> ReadResult {
        if let tls = connection.tls {
            switch tls.read(into: scratch) {
            case .complete(let count): return .data(count, drained: tls.lastReadDrainedSocket)
            case .wantRead: return .wouldBlock
            case .wantWrite:
                // Rare (TLS key update); the next writable event resumes reading.
                connection.writable = false
                return .blockedOnWrite
            case .closed: return .endOfStream
            case .failed: return .failed
            }
        }
        while true {
            let count = recv(connection.fileDescriptor, scratch.baseAddress, scratch.count, 0)
            if count > 0 { return .data(count, drained: count < scratch.count) }
            if count == 0 { return .endOfStream }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed
            }
        }
    }

    /// Writes queued output until done or the socket is full; then moves closing
    /// connections on and picks the next deadline.
    func flush(_ connection: Connection) {
        while connection.hasPendingOutput && connection.writable {
            let written: Int = connection.output.withUnsafeBytes { bytes in
                let pending = UnsafeRawBufferPointer(rebasing: bytes[connection.outputStart...])
                if let tls = connection.tls {
                    switch tls.write(pending) {
                    case .complete(let count): return count
                    case .wantWrite:
                        connection.writable = false
                        return 0
                    case .wantRead: return 0
                    case .closed, .failed: return -1
                    }
                }
                while true {
                    let count = send(connection.fileDescriptor, pending.baseAddress, pending.count, Int32(MSG_NOSIGNAL))
                    if count >= 0 { return count }
                    if errno == EINTR { continue }
                    if errno == EAGAIN || errno == EWOULDBLOCK {
                        connection.writable = false
                        return 0
                    }
                    return -1
                }
            }
            if written < 0 {
                closeConnection(connection)
                return
            }
            if written == 0 { break }
            connection.outputStart += written
        }
        let now = MonotonicClock.now()
        if connection.hasPendingOutput {
            if connection.phase == .open && connection.deadlineKind != .write && !connection.handlerRunning {
                connection.setDeadline(.write, now: now, after: context.idleTimeout)
            }
            return
        }
        connection.output.removeAll(keepingCapacity: connection.output.capacity <= 64 * 1024)
        connection.outputStart = 0
        switch connection.phase {
        case .closing:
            finishClosing(connection, now: now)
        case .open:
            settleDeadline(connection, now: now)
        case .handshaking, .lingering:
            break
        }
    }

    /// Sets the deadline of an open connection that is not waiting on its handler.
    func settleDeadline(_ connection: Connection, now: UInt64) {
        guard !connection.handlerRunning else { return }
        if connection.parser.isIdle {
            if connection.deadlineKind != .idle {
                connection.setDeadline(.idle, now: now, after: context.idleTimeout)
            }
        } else if connection.deadlineKind == .none || connection.deadlineKind == .idle || connection.deadlineKind == .write {
            connection.setDeadline(.headers, now: now, after: context.headersTimeout)
        }
    }

    /// The last response is out: close the write side, then drain input briefly so the
    /// peer reads the response instead of a reset caused by unread data.
    private func finishClosing(_ connection: Connection, now: UInt64) {
        if connection.readClosed {
            closeConnection(connection)
            return
        }
        if let tls = connection.tls {
            _ = tls.shutdown()
        }
        shutdown(connection.fileDescriptor, Int32(SHUT_WR))
        connection.phase = .lingering
        connection.setDeadline(.linger, now: now, after: context.lingerTimeout)
        drainLinger(connection)
    }

    /// Reads and discards raw input (ciphertext, for TLS) until EOF, error, or 1 MiB.
    func drainLinger(_ connection: Connection) {
        while true {
            let count = recv(connection.fileDescriptor, scratch.baseAddress, scratch.count, 0)
            if count > 0 {
                connection.lingerDiscarded += count
                if connection.lingerDiscarded > 1 << 20 { break }
                continue
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                connection.readable = false
                return
            }
            break
        }
        closeConnection(connection)
    }

    /// Queues a refusal and marks the connection to close once it is written.
    func refuse(_ connection: Connection, status: Int, reason: String, now: UInt64) {
        HTTPResponseEncoder.encodeRefusal(status: status, reason: reason, date: date.line, into: &connection.output)
        connection.phase = .closing
        connection.closeAfterResponse = true
        connection.setDeadline(.linger, now: now, after: context.lingerTimeout)
        queueFlush(connection)
    }
}
