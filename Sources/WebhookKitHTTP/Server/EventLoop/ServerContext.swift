import Synchronization

/// What every event loop of one server shares: settings, handler, TLS context, listener,
/// and the connection count that enforces the server-wide maximum.
final class ServerContext: Sendable {
    let configuration: HTTPServer.Configuration
    let handler: any HTTPHandler
    let tls: TLSServerContext?
    let listener: Listener
    let connectionCount = Atomic<Int>(0)
    /// Every loop of the server, for handing accepted sockets round-robin.
    let loops: [EventLoop]
    let nextLoop = Atomic<Int>(0)
    let handshakeTimeout: UInt64
    let headersTimeout: UInt64
    let bodyTimeout: UInt64
    let idleTimeout: UInt64
    let lingerTimeout: UInt64
    /// Called on a loop's thread when that loop has finished.
    let loopExited: @Sendable (Int) -> Void

    init(
        configuration: HTTPServer.Configuration,
        handler: any HTTPHandler,
        tls: TLSServerContext?,
        listener: Listener,
        loops: [EventLoop],
        loopExited: @escaping @Sendable (Int) -> Void
    ) {
        self.configuration = configuration
        self.handler = handler
        self.tls = tls
        self.listener = listener
        self.loops = loops
        self.loopExited = loopExited
        let timeouts = configuration.timeouts
        handshakeTimeout = MonotonicClock.nanoseconds(timeouts.handshake)
        headersTimeout = MonotonicClock.nanoseconds(timeouts.headers)
        bodyTimeout = MonotonicClock.nanoseconds(timeouts.body)
        idleTimeout = MonotonicClock.nanoseconds(timeouts.idle)
        lingerTimeout = MonotonicClock.nanoseconds(timeouts.linger)
    }

    /// How often each loop looks for passed deadlines: a quarter of the shortest timeout,
    /// between 5 ms and 250 ms, so a deadline is enforced at most 25 % late.
    var sweepInterval: UInt64 {
        let shortest = [handshakeTimeout, headersTimeout, bodyTimeout, idleTimeout, lingerTimeout].min() ?? 1_000_000_000
        return min(max(shortest / 4, 5_000_000), 250_000_000)
    }
}
