/// Turns outbox messages into the HTTP request a webhook receives: wire-format body,
/// `Authorization`, Standard Webhooks id, timestamp and signature headers.
struct DeliveryRequestBuilder: Sendable {
    let userAgent: String
    let hmac: (any HMACSHA256)?
    let timeout: Duration?
    private let encoder = WireEncoder()

    init(userAgent: String, hmac: (any HMACSHA256)?, timeout: Duration?) {
        self.userAgent = userAgent
        self.hmac = hmac
        self.timeout = timeout
    }

    /// One request carrying `messages`: a single notification, or `{"messages":[…]}`
    /// when the webhook batches. The `webhook-id` is the first message's id, stable
    /// across retries of the same head.
    func request(for messages: [OutboxMessage], target: DeliveryTarget, batched: Bool, now: Timestamp) -> WebhookRequest {
        let body = batched
            ? encoder.encodeBatch(messages.map(\.notification))
            : encoder.encode(messages[0].notification)
        return request(id: messages[0].id, body: body, target: target, now: now)
    }

    /// A request with an already encoded body.
    func request(id: MessageID, body: [UInt8], target: DeliveryTarget, now: Timestamp) -> WebhookRequest {
        let seconds = now.unixSeconds
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "User-Agent", value: userAgent)
        headers.add(name: "Authorization", value: target.authorizationValue)
        headers.add(name: WebhookSignature.HeaderName.id, value: id.rawValue)
        headers.add(name: WebhookSignature.HeaderName.timestamp, value: String(seconds))
        if let hmac, !target.signingSecrets.isEmpty {
            let signature = WebhookSignature.sign(
                messageID: id.rawValue, timestamp: seconds, body: body, secrets: target.signingSecrets, hmac: hmac
            )
            headers.add(name: WebhookSignature.HeaderName.signature, value: signature)
        }
        return WebhookRequest(
            endpoint: target.endpoint,
            headers: headers,
            body: body,
            allowPrivateNetworks: target.configuration.allowPrivateNetworks,
            timeout: timeout
        )
    }
}
