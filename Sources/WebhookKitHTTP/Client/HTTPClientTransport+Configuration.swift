extension HTTPClientTransport {
    /// Trust, timeouts and limits of the transport, with defaults for public webhooks.
    public struct Configuration: Sendable {
        /// A PEM file of CA certificates trusted in addition to the system store (the
        /// operator's own CA, e.g. the demo's dev CA). `nil`: the system store only.
        public var extraTrustAnchorsFile: String?
        /// Whether the system trust store (OpenSSL's default paths, `/etc/ssl/certs`) is
        /// trusted. Turn off only to trust exactly ``extraTrustAnchorsFile``.
        public var useSystemTrustStore: Bool
        /// The longest a TCP connect may take (all resolved addresses together).
        public var connectTimeout: Duration
        /// The longest a TLS handshake may take.
        public var tlsHandshakeTimeout: Duration
        /// The longest from sending a request to its complete response.
        public var responseTimeout: Duration
        /// The most connections open at once per origin (host, port); more requests wait.
        public var maxConnectionsPerOrigin: Int
        /// The most response body bytes read; a longer body is not read on, and its
        /// connection is closed. The first 1 KiB is kept either way.
        public var maxResponseBodyBytes: Int
        /// How long an idle connection is kept for reuse.
        public var idleTimeout: Duration

        /// Creates a configuration.
        public init(
            extraTrustAnchorsFile: String? = nil,
            useSystemTrustStore: Bool = true,
            connectTimeout: Duration = .seconds(10),
            tlsHandshakeTimeout: Duration = .seconds(10),
            responseTimeout: Duration = .seconds(30),
            maxConnectionsPerOrigin: Int = 32,
            maxResponseBodyBytes: Int = 64 * 1024,
            idleTimeout: Duration = .seconds(30)
        ) {
            self.extraTrustAnchorsFile = extraTrustAnchorsFile
            self.useSystemTrustStore = useSystemTrustStore
            self.connectTimeout = connectTimeout
            self.tlsHandshakeTimeout = tlsHandshakeTimeout
            self.responseTimeout = responseTimeout
            self.maxConnectionsPerOrigin = maxConnectionsPerOrigin
            self.maxResponseBodyBytes = maxResponseBodyBytes
            self.idleTimeout = idleTimeout
        }
    }

    /// The transport could not be configured (e.g. an unreadable trust anchors file).
    public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
        /// What is wrong, naming the file and OpenSSL's reason.
        public let description: String
    }
}
