/// One HTTP POST that a transport sends to a webhook endpoint.
public struct WebhookRequest: Sendable {
    /// Where the request goes.
    public var endpoint: WebhookEndpoint
    /// The header fields, including `Authorization` (never logged).
    public var headers: HTTPHeaders
    /// The request body (wire-format JSON).
    public var body: [UInt8]
    /// Whether the transport may connect to loopback, private, link-local and similar
    /// addresses. When `false`, a transport refuses such addresses after DNS resolution
    /// with ``TransportError/Kind/forbiddenAddress``.
    public var allowPrivateNetworks: Bool
    /// The longest the whole exchange may take; `nil` uses the transport's default.
    public var timeout: Duration?

    /// Creates a request.
    public init(
        endpoint: WebhookEndpoint,
        headers: HTTPHeaders,
        body: [UInt8],
        allowPrivateNetworks: Bool = false,
        timeout: Duration? = nil
    ) {
        self.endpoint = endpoint
        self.headers = headers
        self.body = body
        self.allowPrivateNetworks = allowPrivateNetworks
        self.timeout = timeout
    }
}
