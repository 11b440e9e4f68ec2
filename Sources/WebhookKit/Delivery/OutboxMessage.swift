/// A message waiting in the outbox: one notification addressed to one webhook, with its
/// delivery history.
public struct OutboxMessage: Sendable, Hashable {
    /// Where a message stands.
    public enum Status: Sendable, Hashable {
        /// Waiting for its first or next attempt.
        case pending
        /// Out of retries (or its webhook was disabled); kept until replayed.
        case deadLetter(reason: String)
    }

    /// Store-assigned position; increases in publish order across the whole store.
    public var sequence: Int64
    /// The addressed, trimmed notification; its `id` is the `webhook-id` header.
    public var notification: DeviceNotification
    /// The webhook this message goes to.
    public var webhookID: WebhookID
    /// When the notification was published (start of the publish → 200 latency).
    public var publishedAt: Timestamp
    /// How many attempts have been made.
    public var attempts: Int
    /// When the first attempt was made, if any.
    public var firstAttemptAt: Timestamp?
    /// The earliest time of the next attempt.
    public var nextAttemptAt: Timestamp
    /// Pending or dead-lettered.
    public var status: Status

    /// Creates a message; a new message is pending and due at once.
    public init(
        sequence: Int64 = 0,
        notification: DeviceNotification,
        webhookID: WebhookID,
        publishedAt: Timestamp,
        attempts: Int = 0,
        firstAttemptAt: Timestamp? = nil,
        nextAttemptAt: Timestamp? = nil,
        status: Status = .pending
    ) {
        self.sequence = sequence
        self.notification = notification
        self.webhookID = webhookID
        self.publishedAt = publishedAt
        self.attempts = attempts
        self.firstAttemptAt = firstAttemptAt
        self.nextAttemptAt = nextAttemptAt ?? publishedAt
        self.status = status
    }

    /// The lane this message travels in.
    public var lane: LaneKey { LaneKey(webhookID: webhookID, deviceID: notification.deviceId) }

    /// The message id, stable across retries.
    public var id: MessageID { notification.id }

    /// Whether a newer status may be folded into this message: a status message that
    /// is not at the head of its lane has never been attempted, so its id cannot yet be
    /// stored at the receiver and its content may still change.
    var isCoalescable: Bool {
        if case .status = notification.body, attempts == 0, status == .pending { return true }
        return false
    }
}
