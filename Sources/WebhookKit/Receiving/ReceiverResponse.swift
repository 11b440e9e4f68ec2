/// What a ``WebhookReceiver`` answers: a status, headers and a small JSON body.
public struct ReceiverResponse: Sendable, Hashable {
    /// The HTTP status code.
    public var status: Int
    /// Response header fields.
    public var headers: HTTPHeaders
    /// The response body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = ["Content-Type": "application/json"], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON `{"error":"…"}` response; `message` must not contain secrets.
    static func error(_ status: Int, _ message: String) -> ReceiverResponse {
        ReceiverResponse(status: status, body: WireEncoder().encode(.object(JSONObject([("error", .string(message))]))))
    }
}
