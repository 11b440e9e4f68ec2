import WebhookKit

/// A complete request as handed to an ``HTTPHandler``: the body is fully received and
/// de-chunked, every limit has been checked.
public struct HTTPRequest: Sendable {
    /// The method token, e.g. `"POST"`.
    public var method: String
    /// The request target as sent, query included (`/hooks/a?x=1`).
    public var target: String
    /// Every header field, in order.
    public var headers: HTTPHeaders
    /// The decoded body (empty when there is none).
    public var body: [UInt8]
    /// The peer's address as `host:port` (`[v6]:port` for IPv6).
    public var remoteAddress: String
    /// The SNI host name the client sent during the TLS handshake, if any.
    public var serverName: String?

    /// Creates a request (the server does this; tests and adapters may too).
    public init(
        method: String,
        target: String,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        remoteAddress: String = "",
        serverName: String? = nil
    ) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.serverName = serverName
    }

    /// The target without its query string.
    public var path: Substring {
        target.utf8.firstIndex(of: UInt8(ascii: "?")).map { target[..<$0] } ?? target[...]
    }

    /// The query string after `?`, if any.
    public var query: Substring? {
        target.utf8.firstIndex(of: UInt8(ascii: "?")).map { target[target.index(after: $0)...] }
    }
}
