import WebhookKit

/// What an ``HTTPHandler`` answers.
///
/// The server adds `Content-Length`, `Date` and, when it will close the connection,
/// `Connection: close`; `Content-Length`, `Transfer-Encoding` and `Connection` fields set
/// here are replaced (a handler may still ask to close with `Connection: close`).
public struct HTTPResponse: Sendable {
    /// The status code, 200–599.
    public var status: Int
    /// Header fields to send, in order.
    public var headers: HTTPHeaders
    /// The body, sent with a `Content-Length`.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }
}
