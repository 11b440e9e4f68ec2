/// What happened to one delivery attempt, as the retry decision needs it.
public enum DeliveryOutcome: Sendable, Hashable {
    /// The endpoint answered; `retryAfter` is the raw `Retry-After` header value, if any.
    case response(statusCode: Int, retryAfter: String?)
    /// No response arrived.
    case transportError(TransportError)

    /// The outcome of a transport call: its response, or the error it threw.
    public init(_ result: Result<WebhookResponse, TransportError>) {
        switch result {
        case .success(let response):
            self = .response(statusCode: response.statusCode, retryAfter: response.headers["Retry-After"])
        case .failure(let error):
            self = .transportError(error)
        }
    }

    /// The failure class of this outcome, or `nil` when `successPolicy` accepts it.
    public func failureClass(successPolicy: DeliverySuccessPolicy) -> FailureClass? {
        switch self {
        case .response(let code, _):
            successPolicy.accepts(statusCode: code) ? nil : .status(code)
        case .transportError(let error):
            .transport(error.kind)
        }
    }
}
