/// A point-in-time copy of every delivery figure, per webhook and in total.
///
/// `Codable` for the JSON metrics endpoint; ``prometheusText()`` renders the Prometheus
/// text exposition format.
public struct DeliveryMetricsSnapshot: Sendable, Hashable, Codable {
    /// The counters, gauges and latency histogram of one webhook, or of all of them.
    public struct Figures: Sendable, Hashable, Codable {
        /// Messages created for the webhook.
        public var published: UInt64 = 0
        /// Notifications the routing index matched to the webhook.
        public var routed: UInt64 = 0
        /// Requests sent (every attempt, retries included).
        public var sent: UInt64 = 0
        /// Messages the endpoint accepted.
        public var delivered: UInt64 = 0
        /// Failed attempts by ``FailureClass/metricClass`` (`http_5xx`, `timeout` …).
        public var failures: [String: UInt64] = [:]
        /// Failed attempts that got an HTTP response, by status code.
        public var failuresByStatus: [Int: UInt64] = [:]
        /// Retries scheduled.
        public var retried: UInt64 = 0
        /// Messages folded into a newer waiting message of the same lane.
        public var coalesced: UInt64 = 0
        /// Messages moved to the dead letters.
        public var deadLettered: UInt64 = 0
        /// Messages dropped because their webhook was deleted.
        public var discarded: UInt64 = 0
        /// Messages waiting in the outbox.
        public var queueDepth: Int = 0
        /// Requests currently in flight.
        public var inFlight: Int = 0
        /// Latency from publish to acceptance of delivered messages.
        public var latency = LatencyHistogram()

        /// Creates empty figures.
        public init() {}

        /// Failed attempts of every class.
        public var failed: UInt64 { failures.values.reduce(0, &+) }

        /// Adds `other` into these figures (counters, gauges and histogram).
        public mutating func add(_ other: Figures) {
            published &+= other.published
            routed &+= other.routed
            sent &+= other.sent
            delivered &+= other.delivered
            failures.merge(other.failures, uniquingKeysWith: &+)
            failuresByStatus.merge(other.failuresByStatus, uniquingKeysWith: &+)
            retried &+= other.retried
            coalesced &+= other.coalesced
            deadLettered &+= other.deadLettered
            discarded &+= other.discarded
            queueDepth += other.queueDepth
            inFlight += other.inFlight
            latency.merge(other.latency)
        }
    }

    /// The figures of one webhook. Encoded flat: `webhook`, `breakerState` and every
    /// field of ``Figures`` side by side.
    public struct WebhookMetrics: Sendable, Hashable, Codable {
        /// The webhook's id (the metric label; never its user-given name).
        public var webhook: WebhookID
        /// The circuit breaker's state label: `closed`, `open` or `half_open`.
        public var breakerState: String
        /// The webhook's counters, gauges and histogram.
        public var figures: Figures

        /// Creates the figures of one webhook.
        public init(webhook: WebhookID, breakerState: String = "closed", figures: Figures = Figures()) {
            self.webhook = webhook
            self.breakerState = breakerState
            self.figures = figures
        }

        private enum CodingKeys: String, CodingKey { case webhook, breakerState }

        /// Decodes the flat form.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            webhook = try container.decode(WebhookID.self, forKey: .webhook)
            breakerState = try container.decode(String.self, forKey: .breakerState)
            figures = try Figures(from: decoder)
        }

        /// Encodes the flat form.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(webhook, forKey: .webhook)
            try container.encode(breakerState, forKey: .breakerState)
            try figures.encode(to: encoder)
        }
    }

    /// Every webhook with figures, ordered by id.
    public var webhooks: [WebhookMetrics]
    /// The sum over all webhooks.
    public var totals: Figures

    /// Creates a snapshot; the totals are computed from `webhooks`, which are sorted by id.
    public init(webhooks: [WebhookMetrics]) {
        self.webhooks = webhooks.sorted { $0.webhook < $1.webhook }
        totals = Figures()
        for entry in webhooks { totals.add(entry.figures) }
    }

    /// The figures of `webhook`, if it has any.
    public subscript(webhook: WebhookID) -> WebhookMetrics? {
        webhooks.first { $0.webhook == webhook }
    }
}
