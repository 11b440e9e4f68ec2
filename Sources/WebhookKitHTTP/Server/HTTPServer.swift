import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An HTTP/1.1 server over TLS (or plain TCP), event-driven on epoll with one loop thread
/// per core, handing each complete request to an async ``HTTPHandler``.
///
/// Connections are kept alive; pipelined requests are answered in order. Limits and
/// timeouts (``Configuration``) refuse oversized or slow requests with the right status and
/// close slow or idle peers. ``shutdown(deadline:)`` stops accepting, lets requests in
/// progress finish, and closes idle connections.
///
/// ```swift
/// let server = try HTTPServer(
///     configuration: .init(port: 8443, tls: TLSServerConfiguration(certificateChainPath: cert, privateKeyPath: key)),
///     handler: HTTPClosureHandler { request in .text("ok") })
/// let port = try server.start()
/// …
/// await server.shutdown(deadline: .seconds(10))
/// ```
public final class HTTPServer: Sendable {
    private enum Phase {
        case idle
        case running
        case stopping
        case stopped
    }

    private struct State: ~Copyable {
        var phase = Phase.idle
        var loops: [EventLoop] = []
        var listener: Listener?
        var runningLoops = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// The configuration the server was created with.
    public let configuration: Configuration
    private let handler: any HTTPHandler
    private let tlsContext: TLSServerContext?
    private let state = Mutex(State())

    /// Creates a server; TLS files are loaded and checked now, so a bad certificate or key
    /// fails here with a ``TLSConfigurationError`` inside the ``HTTPServerError``.
    public init(configuration: Configuration, handler: some HTTPHandler) throws(HTTPServerError) {
        self.configuration = configuration
        self.handler = handler
        if let tls = configuration.tls {
            do throws(TLSConfigurationError) {
                tlsContext = try TLSServerContext(configuration: tls)
            } catch {
                throw HTTPServerError(kind: .tls, detail: error.description, tls: error)
            }
        } else {
            tlsContext = nil
        }
    }

    /// Creates a server whose handler is a closure.
    public convenience init(
        configuration: Configuration,
        handler: @escaping @Sendable (HTTPRequest) async -> HTTPResponse
    ) throws(HTTPServerError) {
        try self.init(configuration: configuration, handler: HTTPClosureHandler(handler))
    }

    /// Whether ``shutdown(deadline:)`` has been called: from then on, responses close their
    /// connections and no new connection is accepted. A health endpoint can report it.
    public var isShuttingDown: Bool {
        state.withLock { state in
            switch state.phase {
            case .stopping, .stopped: true
            case .idle, .running: false
            }
        }
    }

    /// The bound port once started (useful with port 0), else `nil`.
    public var port: Int? {
        state.withLock { $0.listener?.port }
    }

    /// Binds, starts the event loops and returns the bound port.
    ///
    /// Also sets `SIGPIPE` to be ignored for the whole process: OpenSSL writes to its socket
    /// with plain `write`, which raises `SIGPIPE` — and by default kills the process — when
    /// a peer has gone. Plain sockets use `MSG_NOSIGNAL` and do not depend on this.
    @discardableResult
    public func start() throws(HTTPServerError) -> Int {
        signal(SIGPIPE, SIG_IGN)
        guard configuration.eventLoopCount >= 1, configuration.maximumConnections >= 1 else {
            throw HTTPServerError(kind: .invalidConfiguration, detail: "eventLoopCount and maximumConnections must be at least 1")
        }
        return try state.withLock { (state: inout State) throws(HTTPServerError) -> Int in
            guard case .idle = state.phase else {
                throw HTTPServerError(kind: .alreadyStarted, detail: "start() was already called")
            }
            let listener = try Listener.bind(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
            var loops: [EventLoop] = []
            do throws(HTTPServerError) {
                for index in 0..<configuration.eventLoopCount {
                    loops.append(try EventLoop(index: index))
                }
            } catch {
                close(listener.fileDescriptor)
                throw error
            }
            let context = ServerContext(
                configuration: configuration, handler: handler, tls: tlsContext, listener: listener, loops: loops,
                loopExited: { [weak self] _ in self?.loopExited() })
            state.loops = loops
            state.listener = listener
            state.phase = .running
            for loop in loops {
                do throws(HTTPServerError) {
                    try LoopThread.spawn { EventLoopRunner(loop: loop, context: context).run() }
                    state.runningLoops += 1
                } catch {
                    // Loops already running wind down through the normal shutdown path.
                    for started in loops { started.requestShutdown(deadline: 0) }
                    state.phase = .stopping
                    if state.runningLoops == 0 {
                        state.phase = .stopped
                        close(listener.fileDescriptor)
                    }
                    throw error
                }
            }
            return listener.port
        }
    }

    /// Starts (if not yet started) and returns once the server has shut down.
    public func run() async throws(HTTPServerError) {
        let needsStart = state.withLock { if case .idle = $0.phase { true } else { false } }
        if needsStart { try start() }
        await waitUntilStopped()
    }

    /// Stops accepting, lets requests in progress finish until `deadline`, closes idle
    /// connections at once and every connection at the deadline; returns when all loops
    /// have ended. Safe to call more than once and from several tasks.
    public func shutdown(deadline: Duration = .seconds(10)) async {
        let loops: [EventLoop] = state.withLock { state in
            switch state.phase {
            case .idle:
                state.phase = .stopped
                return []
            case .running:
                state.phase = .stopping
                return state.loops
            case .stopping, .stopped:
                return []
            }
        }
        let at = MonotonicClock.now() + MonotonicClock.nanoseconds(deadline)
        for loop in loops { loop.requestShutdown(deadline: at) }
        await waitUntilStopped()
    }

    private func waitUntilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                if case .stopped = state.phase { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func loopExited() {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.runningLoops -= 1
            guard state.runningLoops == 0 else { return [] }
            state.phase = .stopped
            if let listener = state.listener { close(listener.fileDescriptor) }
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }
}
