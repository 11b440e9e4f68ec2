import COpenSSL
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One event loop's thread-confined machinery: epoll, connections, timers, task jobs.
///
/// Each turn: run queued task jobs and hand finished responses to their connections
/// (repeatedly, so a handler that finishes without suspending is answered in the same
/// turn), flush the output of connections that got responses (pipelined responses leave
/// in one write), check deadlines, then sleep in `epoll_wait` until I/O, a wake-up, or the
/// next deadline sweep.
///
/// Deadlines are one timestamp per connection, checked by a sweep over the loop's
/// connections a few times per shortest timeout. That is O(connections) per sweep —
/// a few microseconds for thousands of connections — and keeps no timer structure to
/// update on every read.
final class EventLoopRunner {
    static let listenerToken: UInt64 = 0
    static let wakeToken: UInt64 = 1
    static let maximumEvents: Int32 = 256
    static let scratchSize = 64 * 1024
    /// Pipelined input buffered while a handler runs, before reading pauses.
    static let maximumBufferedWhileHandling = 64 * 1024

    let loop: EventLoop
    let context: ServerContext
    let executor: UnownedTaskExecutor
    var connections: [UInt64: Connection] = [:]
    var nextID: UInt64 = 2
    let scratch: UnsafeMutableRawBufferPointer
    let events: UnsafeMutablePointer<epoll_event>
    var jobs: [UnownedJob] = []
    var completions: [EventLoop.Completion] = []
    var adoptions: [EventLoop.Adoption] = []
    var flushQueue: [Connection] = []
    var date = HTTPDate()
    var shutdownDeadline: UInt64?
    var nextSweep: UInt64 = 0

    init(loop: EventLoop, context: ServerContext) {
        self.loop = loop
        self.context = context
        executor = loop.asUnownedTaskExecutor()
        scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.scratchSize, alignment: 16)
        events = UnsafeMutablePointer<epoll_event>.allocate(capacity: Int(Self.maximumEvents))
        jobs.reserveCapacity(64)
        completions.reserveCapacity(64)
    }

    deinit {
        scratch.deallocate()
        events.deallocate()
    }

    func run() {
        register(context.listener.fileDescriptor, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue, token: Self.listenerToken)
        register(loop.wakeDescriptor, events: EPOLLIN.rawValue, token: Self.wakeToken)
        let sweepInterval = context.sweepInterval
        while true {
            date.update()
            drainInbox()
            flushQueued()
            var now = MonotonicClock.now()
            if now >= nextSweep {
                sweep(now: now)
                flushQueued()
                nextSweep = now + sweepInterval
            }
            if let deadline = shutdownDeadline {
                if connections.isEmpty { break }
                if now >= deadline {
                    connections.values.forEach(closeConnection)
                    break
                }
            }
            now = MonotonicClock.now()
            var wakeAt = nextSweep
            if let deadline = shutdownDeadline { wakeAt = min(wakeAt, deadline) }
            var timeout = wakeAt > now ? Int32(min((wakeAt - now + 999_999) / 1_000_000, 1000)) : 0
            if !loop.prepareToSleep() { timeout = 0 }
            let count = epoll_wait(loop.epollDescriptor, events, Self.maximumEvents, timeout)
            if count > 0 {
                for index in 0..<Int(count) {
                    handle(events[index])
                }
            }
        }
        for job in loop.stop() {
            globalConcurrentExecutor.enqueue(job)
        }
        context.loopExited(loop.index)
    }

    private func handle(_ event: epoll_event) {
        switch event.data.u64 {
        case Self.listenerToken:
            acceptConnections()
        case Self.wakeToken:
            var value: UInt64 = 0
            _ = read(loop.wakeDescriptor, &value, 8)
        case let token:
            guard let connection = connections[token] else { return }
            let flags = event.events
            if flags & (EPOLLIN.rawValue | EPOLLERR.rawValue | EPOLLHUP.rawValue | EPOLLRDHUP.rawValue) != 0 {
                connection.readable = true
            }
            if flags & (EPOLLERR.rawValue | EPOLLHUP.rawValue | EPOLLRDHUP.rawValue) != 0 {
                connection.peerHungUp = true
            }
            if flags & (EPOLLOUT.rawValue | EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 {
                connection.writable = true
            }
            service(connection)
        }
    }

    /// Runs queued task jobs and delivers finished responses until none are left (bounded,
    /// so a handler that keeps re-enqueueing itself cannot starve I/O).
    private func drainInbox() {
        for _ in 0..<16 {
            if let deadline = loop.takeInbox(jobs: &jobs, completions: &completions, adoptions: &adoptions), shutdownDeadline == nil {
                beginShutdown(deadline: deadline)
            }
            if jobs.isEmpty && completions.isEmpty && adoptions.isEmpty { return }
            for adoption in adoptions {
                if shutdownDeadline == nil {
                    addConnection(fileDescriptor: adoption.fileDescriptor, remoteAddress: adoption.remoteAddress)
                } else {
                    close(adoption.fileDescriptor)
                    context.connectionCount.subtract(1, ordering: .relaxed)
                }
            }
            adoptions.removeAll(keepingCapacity: true)
            for job in jobs {
                job.runSynchronously(on: executor)
            }
            jobs.removeAll(keepingCapacity: true)
            for completion in completions {
                deliver(completion)
            }
            completions.removeAll(keepingCapacity: true)
        }
    }

    func register(_ fd: Int32, events flags: UInt32, token: UInt64) {
        var event = epoll_event()
        event.events = flags
        event.data.u64 = token
        _ = epoll_ctl(loop.epollDescriptor, EPOLL_CTL_ADD, fd, &event)
    }

    private func beginShutdown(deadline: UInt64) {
        shutdownDeadline = deadline
        _ = epoll_ctl(loop.epollDescriptor, EPOLL_CTL_DEL, context.listener.fileDescriptor, nil)
        for connection in Array(connections.values) {
            if connection.isIdle {
                closeConnection(connection)
            } else {
                connection.closeAfterResponse = true
            }
        }
    }

    private func sweep(now: UInt64) {
        var expired: [Connection] = []
        for connection in connections.values where connection.deadline != 0 && now >= connection.deadline {
            expired.append(connection)
        }
        for connection in expired {
            timedOut(connection, now: now)
        }
    }

    private func timedOut(_ connection: Connection, now: UInt64) {
        switch connection.deadlineKind {
        case .headers, .body:
            if connection.phase == .open && !connection.parser.isIdle {
                refuse(connection, status: 408, reason: "request not received within the time limit", now: now)
                flush(connection)
            } else {
                closeConnection(connection)
            }
        default:
            closeConnection(connection)
        }
    }

    private func acceptConnections() {
        for _ in 0..<64 {
            var address = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept(context.listener.fileDescriptor, $0, &length)
                }
            }
            if fd < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            // `accept4` is not visible from Swift's Glibc module; two fcntl calls per
            // connection cost nothing next to a TLS handshake.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            if context.connectionCount.add(1, ordering: .relaxed).newValue > context.configuration.maximumConnections {
                context.connectionCount.subtract(1, ordering: .relaxed)
                close(fd)
                continue
            }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let remoteAddress = SocketAddress.describe(address)
            // Round-robin over the loops: a burst of connections (a client opening its pool)
            // would otherwise all land on whichever loop woke first.
            let target = context.loops[context.nextLoop.add(1, ordering: .relaxed).oldValue % context.loops.count]
            if target === loop {
                addConnection(fileDescriptor: fd, remoteAddress: remoteAddress)
            } else if !target.adopt(EventLoop.Adoption(fileDescriptor: fd, remoteAddress: remoteAddress)) {
                context.connectionCount.subtract(1, ordering: .relaxed)
                close(fd)
            }
        }
    }

    /// Takes charge of an accepted socket: TLS session, state, deadline, epoll registration.
    private func addConnection(fileDescriptor fd: Int32, remoteAddress: String) {
        var tls: TLSConnection?
        if let tlsContext = context.tls {
            guard let session = try? tlsContext.makeConnection(fileDescriptor: fd) else {
                context.connectionCount.subtract(1, ordering: .relaxed)
                close(fd)
                return
            }
            tls = session
        }
        let id = nextID
        nextID += 1
        let connection = Connection(
            id: id, fileDescriptor: fd, tls: tls, remoteAddress: remoteAddress, limits: context.configuration.limits)
        connections[id] = connection
        let now = MonotonicClock.now()
        if tls != nil {
            connection.setDeadline(.handshake, now: now, after: context.handshakeTimeout)
        } else {
            connection.setDeadline(.headers, now: now, after: context.headersTimeout)
        }
        register(fd, events: EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue, token: id)
    }

    func closeConnection(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.id) != nil else { return }
        close(connection.fileDescriptor)
        context.connectionCount.subtract(1, ordering: .relaxed)
    }

    func queueFlush(_ connection: Connection) {
        guard !connection.queuedForFlush else { return }
        connection.queuedForFlush = true
        flushQueue.append(connection)
    }

    private func flushQueued() {
        guard !flushQueue.isEmpty else { return }
        let queued = flushQueue
        flushQueue.removeAll(keepingCapacity: true)
        for connection in queued {
            connection.queuedForFlush = false
            if connections[connection.id] != nil { flush(connection) }
        }
    }
}
