/// One delivery attempt, as an operator sees it in the delivery log.
public struct DeliveryAttempt: Sendable, Hashable, Codable {
    /// The webhook the attempt went to.
    public var webhookID: WebhookID
    /// The message (the `webhook-id` header).
    public var messageID: MessageID
    /// When the request was sent.
    public var attemptedAt: Timestamp
    /// 1 for the first attempt of the message.
    public var attempt: Int
    /// The HTTP status code, when a response arrived.
    public var statusCode: Int?
    /// The failure class label (`http_500`, `timeout` …); `nil` when delivered.
    public var failure: String?
    /// From sending to the end of the response, in milliseconds.
    public var latencyMilliseconds: Int64
    /// The start of the response body (at most 1 KiB), as text.
    public var responseExcerpt: String

    /// Creates an attempt record.
    public init(
        webhookID: WebhookID, messageID: MessageID, attemptedAt: Timestamp, attempt: Int,
        statusCode: Int?, failure: String?, latencyMilliseconds: Int64, responseExcerpt: String
    ) {
        self.webhookID = webhookID
        self.messageID = messageID
        self.attemptedAt = attemptedAt
        self.attempt = attempt
        self.statusCode = statusCode
        self.failure = failure
        self.latencyMilliseconds = latencyMilliseconds
        self.responseExcerpt = responseExcerpt
    }
}

/// Keeps the recent delivery attempts of each webhook, so an operator can see what
/// happened and pick messages to replay.
///
/// ## Implementation requirements
/// - ``record(_:)`` never blocks delivery for long and never throws: a log that cannot
///   write drops the record (the message itself is safe in the outbox).
/// - Apply a retention (age and count per webhook) so the log cannot grow without bound.
/// - Safe to call concurrently.
public protocol DeliveryLog: Sendable {
    /// Appends attempts.
    func record(_ attempts: [DeliveryAttempt]) async
    /// The most recent attempts of a webhook, newest first.
    func recent(webhook: WebhookID, limit: Int) async throws -> [DeliveryAttempt]
}

/// A ``DeliveryLog`` in memory keeping the last `limit` attempts per webhook.
public actor InMemoryDeliveryLog: DeliveryLog {
    private var attempts: [WebhookID: [DeliveryAttempt]] = [:]
    private let limitPerWebhook: Int

    /// Creates a log keeping at most `limitPerWebhook` attempts per webhook.
    public init(limitPerWebhook: Int = 10_000) {
        self.limitPerWebhook = max(1, limitPerWebhook)
    }

    public func record(_ newAttempts: [DeliveryAttempt]) async {
        for attempt in newAttempts {
            var list = attempts[attempt.webhookID] ?? []
            list.append(attempt)
            if list.count > limitPerWebhook { list.removeFirst(list.count - limitPerWebhook) }
            attempts[attempt.webhookID] = list
        }
    }

    public func recent(webhook: WebhookID, limit: Int) async throws -> [DeliveryAttempt] {
        Array((attempts[webhook] ?? []).suffix(limit).reversed())
    }
}
