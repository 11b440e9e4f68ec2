/// Everything the dispatcher needs to know about one connected webhook: where to send,
/// how to authenticate, which devices feed it and which statuses and events it wants.
///
/// The value is plain data, stored as JSON by the registry; ``validate(catalog:)`` lists
/// every problem at once before a configuration is accepted, and ``SubscriptionIndex``
/// routes notifications to the accepted ones.
///
/// ```swift
/// let webhook = WebhookConfiguration(
///     name: "Occupancy analytics",
///     url: "https://analytics.example.com/hooks/rooms",
///     authorization: .token("Bearer 9f2c…"),
///     dataSource: .workspaces(["room-4.12"]),
///     topics: ["RoomAnalytics.PeopleCount.Current", "RoomAnalytics.*"])
/// try webhook.validate()
/// ```
///
/// `description` never shows the password, token, signing secret or URL query.
public struct WebhookConfiguration: Sendable, Hashable {
    /// Identifies the webhook; stable across updates.
    public var id: WebhookID
    /// A name for people, 1 to 100 characters.
    public var name: String
    /// The receiver's `https` URL as entered; see ``endpoint``.
    public var url: String
    /// The `Authorization` header the receiver expects.
    public var authorization: WebhookAuthorization
    /// Which devices feed the webhook.
    public var dataSource: DataSource
    /// Status and event patterns, as entered (so validation can name bad ones); see
    /// ``topicPatterns``.
    public var topics: [String]
    /// `whsec_` followed by base64 of 24–64 random bytes: when set, every delivery carries
    /// a Standard Webhooks `webhook-signature`.
    public var signingSecret: String?
    /// How long after ``createdAt`` deliveries start (default 2 minutes; zero allowed).
    public var activationDelay: Duration
    /// Which HTTP statuses count as delivered.
    public var successPolicy: SuccessPolicy
    /// Whether the URL may point at loopback, private, link-local or other non-public
    /// addresses (tests and demos on one machine); off by default as an SSRF guard.
    public var allowPrivateNetworks: Bool
    /// The lifecycle state as stored; ``effectiveState(at:)`` applies the activation delay.
    public var state: WebhookState
    /// When the webhook was created; activation counts from here.
    public var createdAt: Timestamp
    /// When the webhook was last changed.
    public var updatedAt: Timestamp
    /// How many notifications go in one request: 1 sends each alone, more sends
    /// `{"messages":[…]}` batches.
    public var batchSize: Int
    /// How often to send a `healthCheck` message when nothing else was sent; `nil` never.
    public var healthCheckInterval: Duration?

    /// The default ``activationDelay``: two minutes.
    public static let defaultActivationDelay: Duration = .seconds(120)
    /// The longest ``name`` accepted, in characters.
    public static let maximumNameLength = 100
    /// The largest ``batchSize`` accepted.
    public static let maximumBatchSize = 1000

    /// Creates a configuration; a new webhook waits for its activation delay.
    public init(
        id: WebhookID = .generate(),
        name: String,
        url: String,
        authorization: WebhookAuthorization,
        dataSource: DataSource,
        topics: [String],
        signingSecret: String? = nil,
        activationDelay: Duration = WebhookConfiguration.defaultActivationDelay,
        successPolicy: SuccessPolicy = .only200,
        allowPrivateNetworks: Bool = false,
        state: WebhookState = .pendingActivation,
        createdAt: Timestamp = .now,
        updatedAt: Timestamp? = nil,
        batchSize: Int = 1,
        healthCheckInterval: Duration? = nil
    ) {
        self.id = id
        self.name = name
        self.url = url
        self.authorization = authorization
        self.dataSource = dataSource
        self.topics = topics
        self.signingSecret = signingSecret
        self.activationDelay = activationDelay
        self.successPolicy = successPolicy
        self.allowPrivateNetworks = allowPrivateNetworks
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.batchSize = batchSize
        self.healthCheckInterval = healthCheckInterval
    }

    /// The parsed URL; throws when ``url`` does not parse (``validate(catalog:)`` says more).
    public var endpoint: WebhookEndpoint {
        get throws(WebhookEndpoint.ParseError) { try WebhookEndpoint(url: url) }
    }

    /// The topics that parse, in order; texts that do not parse are left out
    /// (``validate(catalog:)`` reports them).
    public var topicPatterns: [PathPattern] {
        topics.compactMap { try? PathPattern($0) }
    }

    /// When a ``WebhookState/pendingActivation`` webhook starts receiving.
    public var activatesAt: Timestamp { createdAt.advanced(by: activationDelay) }

    /// The state at `now`: a pending webhook is active from ``activatesAt`` on; every
    /// other state is as stored.
    public func effectiveState(at now: Timestamp) -> WebhookState {
        if state == .pendingActivation, now >= activatesAt { return .active }
        return state
    }

    /// Whether the webhook receives notifications at `now`.
    public func isActive(at now: Timestamp) -> Bool {
        effectiveState(at: now) == .active
    }
}
