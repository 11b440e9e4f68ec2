/// The outcome of ``Dispatcher/test(_:)``: one `test` message sent now.
public struct WebhookTestResult: Sendable, Hashable, Codable {
    /// The id of the test message.
    public var messageID: MessageID
    /// Whether the receiver answered as the webhook's success policy requires.
    public var succeeded: Bool
    /// The HTTP status code, when a response arrived.
    public var statusCode: Int?
    /// The classified failure (e.g. `http_401`, `tlsUntrusted`), when it failed.
    public var failure: String?
    /// The transport's explanation of a failure, free of secrets.
    public var detail: String?
    /// From sending to the end of the response, in milliseconds.
    public var latencyMilliseconds: Int64
    /// The first 1 KiB of the response body, as text (invalid UTF-8 replaced).
    public var responseExcerpt: String

    /// Creates a result.
    public init(messageID: MessageID, succeeded: Bool, statusCode: Int?, failure: String?, detail: String?, latencyMilliseconds: Int64, responseExcerpt: String) {
        self.messageID = messageID
        self.succeeded = succeeded
        self.statusCode = statusCode
        self.failure = failure
        self.detail = detail
        self.latencyMilliseconds = latencyMilliseconds
        self.responseExcerpt = responseExcerpt
    }
}
