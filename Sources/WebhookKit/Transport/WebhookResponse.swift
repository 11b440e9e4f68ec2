/// What a webhook endpoint answered.
public struct WebhookResponse: Sendable, Hashable {
    /// The HTTP status code.
    public var statusCode: Int
    /// The response header fields.
    public var headers: HTTPHeaders
    /// The start of the response body, at most ``WebhookResponse/excerptLimit`` bytes,
    /// kept for delivery logs and test results.
    public var bodyExcerpt: [UInt8]
    /// The address the transport actually connected to (`ip:port`), when known.
    public var remoteAddress: String?

    /// How many body bytes a transport keeps for the excerpt.
    public static let excerptLimit = 1024

    /// Creates a response.
    public init(statusCode: Int, headers: HTTPHeaders = HTTPHeaders(), bodyExcerpt: [UInt8] = [], remoteAddress: String? = nil) {
        self.statusCode = statusCode
        self.headers = headers
        self.bodyExcerpt = Array(bodyExcerpt.prefix(Self.excerptLimit))
        self.remoteAddress = remoteAddress
    }
}
