import WebhookKit

/// The native HTTPS transport: HTTP/1.1 over OpenSSL with a keep-alive pool per origin.
///
/// It verifies the full certificate chain against the system trust store (plus the anchors
/// of ``Configuration/extraTrustAnchorsFile`` when set) and the host name or IP against the
/// certificate, sends SNI, and refuses loopback, private, link-local and similar addresses
/// after DNS resolution unless the request allows private networks. It never retries: each
/// failure comes back as a classified ``TransportError`` for the dispatcher to decide on.
///
/// That includes a request that gets no response byte on a reused keep-alive connection
/// because the server closed it just as it was reused: from this side such a close cannot
/// be told apart from a server that read and processed the request and then failed, so it
/// is reported as `.reset` rather than resent. The dispatcher retries it under the same
/// `webhook-id`, which receivers de-duplicate. The pool keeps the window small: idle
/// connections are dropped after ``Configuration/idleTimeout`` and checked for a pending
/// close or stray input before each reuse.
///
/// No task of the Swift concurrency pool waits on the network: a request is sent from the
/// caller's thread without waiting, and one event-loop thread shared by all transports
/// reads every response (``ClientEventLoop``). Only connecting and the TLS handshake,
/// which include a blocking DNS lookup, run on a short-lived thread per new connection.
///
/// ```swift
/// try await withHTTPClientTransport(.init(extraTrustAnchorsFile: "dev-ca.pem")) { transport in
///     let response = try await transport.send(request)
///     print(response.statusCode, response.remoteAddress ?? "")
/// }
/// ```
public final class HTTPClientTransport: WebhookTransport {
    /// The configuration in force.
    public let configuration: Configuration
    private let context: ClientTLSContext
    private let pool: ConnectionPool
    private let loop: ClientEventLoop
    private let parserConfiguration: HTTPResponseParser.Configuration

    /// Creates a transport; fails when the trust anchors file cannot be loaded.
    public init(configuration: Configuration = Configuration()) throws(ConfigurationError) {
        self.configuration = configuration
        do {
            context = try ClientTLSContext(extraTrustAnchorsFile: configuration.extraTrustAnchorsFile, useSystemTrustStore: configuration.useSystemTrustStore)
        } catch {
            throw ConfigurationError(description: error.description)
        }
        do {
            loop = try ClientEventLoop.shared.get()
        } catch {
            throw ConfigurationError(description: error.description)
        }
        pool = ConnectionPool(maxPerOrigin: configuration.maxConnectionsPerOrigin, idleTimeout: configuration.idleTimeout)
        var parser = HTTPResponseParser.Configuration()
        parser.maxBodyBytes = configuration.maxResponseBodyBytes
        parserConfiguration = parser
    }

    /// Sends `request` over a pooled (or new) connection and returns the response.
    public func send(_ request: WebhookRequest) async throws(TransportError) -> WebhookResponse {
        let endpoint = request.endpoint
        guard endpoint.scheme == "https" else {
            throw TransportError(.connect, "scheme \(endpoint.scheme) is not supported; this transport sends HTTPS only")
        }
        let overall = request.timeout.map { ClientDeadline.after($0) } ?? ClientDeadline(nanoseconds: .max)
        let bytes = try HTTPRequestEncoder.encode(request)
        let origin = ConnectionPool.Origin(host: endpoint.host, port: endpoint.port, allowPrivateNetworks: request.allowPrivateNetworks)
        let connection: PooledConnection
        switch await pool.acquire(origin) {
        case .shutDown:
            throw TransportError(.connect, "the transport is shut down")
        case .reuse(let idle):
            connection = idle
        case .open:
            do {
                connection = try await PooledConnection.open(.init(
                    host: endpoint.host, port: endpoint.port, context: context,
                    allowPrivateNetworks: request.allowPrivateNetworks,
                    connectTimeout: configuration.connectTimeout, handshakeTimeout: configuration.tlsHandshakeTimeout,
                    overallDeadline: overall
                ), loop: loop)
            } catch {
                pool.openFailed(origin)
                throw error
            }
        }
        let deadline = min(ClientDeadline.after(configuration.responseTimeout), overall)
        switch await connection.exchange(bytes, deadline: deadline, parser: parserConfiguration) {
        case .success(let response):
            pool.release(origin, connection, reusable: response.reusable)
            return WebhookResponse(statusCode: response.statusCode, headers: response.headers, bodyExcerpt: response.bodyExcerpt, remoteAddress: connection.remoteAddress)
        case .failure(let error):
            pool.discard(origin, connection)
            throw error
        }
    }

    /// Closes idle connections and refuses further requests. Connections still in use
    /// close as their requests finish.
    public func shutdown() {
        pool.shutdown()
    }

    /// How many connections are open to an origin (idle or in use), for tests and metrics.
    public func openConnectionCount(host: String, port: Int, allowPrivateNetworks: Bool) -> Int {
        pool.openConnections(.init(host: host, port: port, allowPrivateNetworks: allowPrivateNetworks))
    }
}

/// Runs `body` with a new transport and shuts the transport down afterwards, whether
/// `body` returns or throws.
public func withHTTPClientTransport<Result>(
    _ configuration: HTTPClientTransport.Configuration = .init(),
    _ body: (HTTPClientTransport) async throws -> Result
) async throws -> Result {
    let transport = try HTTPClientTransport(configuration: configuration)
    defer { transport.shutdown() }
    return try await body(transport)
}
