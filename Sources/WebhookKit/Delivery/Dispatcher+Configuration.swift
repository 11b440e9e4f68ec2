extension Dispatcher {
    /// How a ``Dispatcher`` retries, limits and signs deliveries.
    public struct Configuration: Sendable {
        /// Back-off, give-up time and `Retry-After` handling.
        public var retryPolicy = RetryPolicy()
        /// When a failing endpoint's breaker opens and how long it stays open.
        public var circuitBreaker = CircuitBreaker.Configuration()
        /// How long a webhook may fail continuously before it is disabled.
        public var autoDisable = FailureStreak.Configuration()
        /// Requests in flight per webhook at most (each lane has at most one).
        public var maximumInFlightPerWebhook = 32
        /// How many messages a lane reads from the outbox at once and delivers one after
        /// the other before asking the outbox again (at least the webhook's batch size).
        public var laneReadAhead = 32
        /// The priority of the lanes' delivery work. Below the callers of
        /// ``Dispatcher/publish(_:)`` by default, so the dispatcher takes in new
        /// notifications first and a burst of deliveries never holds back publishing;
        /// what is published meanwhile waits in the outbox. Raise it when the process keeps
        /// other work busy at a higher priority that deliveries must not wait behind.
        public var deliveryPriority = TaskPriority.low
        /// Whether a newer status folds into a waiting, never-sent status of the same lane.
        public var coalesceStatuses = true
        /// The approved statuses and events webhooks may subscribe to.
        public var catalog = EventCatalog.roomDevices
        /// The `User-Agent` header.
        public var userAgent = "WebhookKit/\(WebhookKitVersion.current)"
        /// The longest one delivery request may take; `nil` leaves it to the transport.
        public var requestTimeout: Duration? = .seconds(30)
        /// HMAC for `webhook-signature`; required once a webhook has a signing secret.
        public var hmac: (any HMACSHA256)?
        /// Receives operator events (warnings, disabled webhooks, dead letters).
        public var eventHandler: (@Sendable (DispatcherEvent) -> Void)?
        /// Where every delivery attempt is recorded for operators; `nil` keeps none.
        public var deliveryLog: (any DeliveryLog)?
        /// Seeds the jitter of retries, for reproducible tests; `nil` seeds randomly.
        public var randomSeed: UInt64?

        /// The defaults: retries for up to 72 hours, 32 requests in flight per webhook.
        public init() {}
    }
}

/// The version of this package, sent in `User-Agent`.
public enum WebhookKitVersion {
    /// The version text.
    public static let current = "0.1.0"
}
