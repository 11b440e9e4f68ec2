import WebhookKit

/// The request line and header section of one HTTP/1.x request, as parsed and checked by
/// ``HTTPRequestParser``.
public struct HTTPRequestHead: Sendable, Hashable {
    /// How the request body is delimited.
    public enum BodyFraming: Sendable, Hashable {
        /// No body (no `Content-Length`, no `Transfer-Encoding`).
        case none
        /// Exactly this many bytes follow the head.
        case contentLength(Int)
        /// `Transfer-Encoding: chunked`.
        case chunked
    }

    /// The method token, e.g. `"POST"` (case-sensitive, as sent).
    public var method: String
    /// The request target as sent (`/path?query`, or the absolute/authority/asterisk forms).
    public var target: String
    /// The minor version of `HTTP/1.x` (0 or 1).
    public var minorVersion: Int
    /// Every header field, in order, names as sent.
    public var headers: HTTPHeaders
    /// Whether the connection may carry another request after this one
    /// (HTTP/1.1 unless `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`).
    public var keepAlive: Bool
    /// Whether the client waits for `100 Continue` before sending the body.
    public var expectsContinue: Bool
    /// How the body is delimited.
    public var framing: BodyFraming

    /// Creates a head; the parser fills every field from the wire.
    public init(
        method: String,
        target: String,
        minorVersion: Int = 1,
        headers: HTTPHeaders = HTTPHeaders(),
        keepAlive: Bool = true,
        expectsContinue: Bool = false,
        framing: BodyFraming = .none
    ) {
        self.method = method
        self.target = target
        self.minorVersion = minorVersion
        self.headers = headers
        self.keepAlive = keepAlive
        self.expectsContinue = expectsContinue
        self.framing = framing
    }

    /// Whether a body follows the head.
    public var hasBody: Bool {
        switch framing {
        case .none: false
        case .contentLength(let length): length > 0
        case .chunked: true
        }
    }
}
