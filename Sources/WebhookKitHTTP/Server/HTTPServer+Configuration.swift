#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension HTTPServer {
    /// Everything an ``HTTPServer`` needs besides its handler.
    ///
    /// ```swift
    /// var configuration = HTTPServer.Configuration(
    ///     host: "0.0.0.0", port: 8443,
    ///     tls: TLSServerConfiguration(certificateChainPath: "cert.pem", privateKeyPath: "key.pem"))
    /// configuration.limits.maximumBodyBytes = 256 * 1024
    /// ```
    public struct Configuration: Sendable {
        /// Time limits; a peer that dribbles bytes cannot hold a connection past them.
        public struct Timeouts: Sendable, Hashable {
            /// From accepting the connection to the end of the TLS handshake (default 10 s).
            public var handshake: Duration
            /// From the first byte of a request to the end of its header section (default
            /// 10 s); also bounds the wait for the first request of a new connection.
            public var headers: Duration
            /// From the end of the header section to the end of the body (default 30 s).
            public var body: Duration
            /// How long a keep-alive connection may sit between requests, and how long a
            /// response may wait for a peer that does not read (default 60 s).
            public var idle: Duration
            /// After the last response on a closing connection, how long unread input is
            /// drained so the peer sees the response rather than a reset (default 2 s).
            public var linger: Duration

            /// Creates timeouts; the defaults suit public endpoints.
            public init(
                handshake: Duration = .seconds(10),
                headers: Duration = .seconds(10),
                body: Duration = .seconds(30),
                idle: Duration = .seconds(60),
                linger: Duration = .seconds(2)
            ) {
                self.handshake = handshake
                self.headers = headers
                self.body = body
                self.idle = idle
                self.linger = linger
            }
        }

        /// Where handlers run.
        public enum HandlerExecution: Sendable, Hashable {
            /// On the event loop of the connection, as a task preferring that loop as its
            /// executor (the default: no thread hop, so the lowest latency). Handlers must
            /// not block.
            case eventLoop
            /// On Swift's global concurrent executor; responses are handed back to the loop.
            /// Costs a thread hop per request; use it for handlers that may block briefly.
            case globalExecutor
        }

        /// The address to bind: an IPv4 or IPv6 literal (`"127.0.0.1"`, `"::1"`, `"0.0.0.0"`,
        /// `"::"`). Default `127.0.0.1`; set `"0.0.0.0"` or `"::"` to serve the network.
        public var host: String
        /// The TCP port; 0 picks a free one (read it back from ``HTTPServer/start()``).
        public var port: Int
        /// TLS settings; `nil` serves plain HTTP (for tests and benchmarks of the HTTP path).
        public var tls: TLSServerConfiguration?
        /// Number of event-loop threads (default: one per online core).
        public var eventLoopCount: Int
        /// Request size limits.
        public var limits: HTTPRequestParser.Configuration
        /// Time limits.
        public var timeouts: Timeouts
        /// Open connections allowed at once (default 10,000); connections beyond are closed
        /// as soon as they are accepted.
        public var maximumConnections: Int
        /// The `listen` backlog.
        public var backlog: Int32
        /// Where handlers run.
        public var handlerExecution: HandlerExecution

        /// Creates a configuration. Pass `tls: nil` for plain HTTP.
        public init(
            host: String = "127.0.0.1",
            port: Int = 0,
            tls: TLSServerConfiguration?,
            eventLoopCount: Int = Configuration.onlineCores,
            limits: HTTPRequestParser.Configuration = .init(),
            timeouts: Timeouts = .init(),
            maximumConnections: Int = 10_000,
            backlog: Int32 = 1024,
            handlerExecution: HandlerExecution = .eventLoop
        ) {
            self.host = host
            self.port = port
            self.tls = tls
            self.eventLoopCount = eventLoopCount
            self.limits = limits
            self.timeouts = timeouts
            self.maximumConnections = maximumConnections
            self.backlog = backlog
            self.handlerExecution = handlerExecution
        }

        /// The number of online CPU cores (at least 1).
        public static var onlineCores: Int {
            max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        }
    }
}
