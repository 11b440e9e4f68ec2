import WebhookKit

/// Serves a ``WebhookKit/WebhookReceiver`` with ``HTTPServer``: every request goes through
/// the receive pipeline (authenticate, verify, decode, store once, call handlers).
///
/// ```swift
/// var receiver = WebhookReceiver(configuration: .init(authorization: .token(token)))
/// receiver.onEvent(try PathPattern("UserInterface.Extensions.Widget.Action")) { _, event in … }
/// let server = try HTTPServer(configuration: .init(port: 8443, tls: tls),
///                             handler: WebhookReceiverHandler(receiver))
/// ```
public struct WebhookReceiverHandler: HTTPHandler {
    /// The pipeline requests go through.
    public let receiver: WebhookReceiver

    /// Wraps a receiver.
    public init(_ receiver: WebhookReceiver) {
        self.receiver = receiver
    }

    /// Passes method, headers and body to the receiver and returns its answer.
    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let response = await receiver.handle(method: request.method, headers: request.headers, body: request.body)
        return HTTPResponse(status: response.status, headers: response.headers, body: response.body)
    }
}
