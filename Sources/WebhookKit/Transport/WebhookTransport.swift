/// Sends one webhook request and returns the response.
///
/// ``Dispatcher`` owns every retry decision; a transport only reports what happened.
///
/// ## Implementation requirements
/// - Never retry on your own; a transport error or any status code is returned as is.
/// - Classify every failure as a ``TransportError`` kind; ``TransportError/Kind`` values are
///   used directly as metric labels.
/// - Honour ``WebhookRequest/allowPrivateNetworks`` after name resolution, so a DNS answer
///   cannot steer a request to an internal address.
/// - Never put header values (they carry credentials) into errors or logs.
/// - Be safe to call concurrently from many tasks.
public protocol WebhookTransport: Sendable {
    /// Sends `request` and returns the endpoint's response, whatever its status code.
    func send(_ request: WebhookRequest) async throws(TransportError) -> WebhookResponse
}
