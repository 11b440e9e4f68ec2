/// One device notification: an envelope (who, where, when, which message) and a body.
///
/// The dispatcher fans a published notification out to webhooks, each copy addressed
/// with ``webhookId`` and trimmed to what that webhook subscribed to.
///
/// ```swift
/// let change = StatusChange(updated: [.init(path: try XAPIPath("RoomAnalytics.PeopleCount.Current"), value: 3)])
/// let notification = DeviceNotification(deviceId: "desk-1", workspaceId: "room-4", body: .status(change))
/// ```
public struct DeviceNotification: Sendable, Hashable {
    /// What a notification carries.
    public enum Body: Sendable, Hashable {
        /// Status values changed or were removed.
        case status(StatusChange)
        /// Events were raised.
        case events([DeviceEvent])
        /// A periodic liveness message for a webhook.
        case healthCheck
        /// A message sent on request to try a webhook.
        case test
    }

    /// The wire `type` of a notification.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// `status`.
        case status
        /// `events`.
        case events
        /// `healthCheck`.
        case healthCheck
        /// `test`.
        case test
    }

    // The identifiers are stored as plain texts: a field of the generic `Identifier` type
    // is copied and destroyed through its type metadata's value witnesses, several times
    // the cost of a `String`'s, and routing copies every notification once per webhook.

    /// Unique per message and stable across retries: the receiver's de-duplication key.
    public var id: MessageID {
        get { MessageID(rawValue: idText) }
        set { idText = newValue.rawValue }
    }
    /// The organization that owns the device.
    public var orgId: OrganizationID? {
        get { orgIdText.map(OrganizationID.init(rawValue:)) }
        set { orgIdText = newValue?.rawValue }
    }
    /// The workspace (room) of the device.
    public var workspaceId: WorkspaceID? {
        get { workspaceIdText.map(WorkspaceID.init(rawValue:)) }
        set { workspaceIdText = newValue?.rawValue }
    }
    /// The device that changed; `nil` for health checks and tests.
    public var deviceId: DeviceID? {
        get { deviceIdText.map(DeviceID.init(rawValue:)) }
        set { deviceIdText = newValue?.rawValue }
    }
    /// The webhook this copy is addressed to; `nil` before routing.
    public var webhookId: WebhookID? {
        get { webhookIdText.map(WebhookID.init(rawValue:)) }
        set { webhookIdText = newValue?.rawValue }
    }
    /// When the change happened (or the message was made).
    public var timestamp: Timestamp
    /// What changed.
    public var body: Body

    private var idText: String
    private var orgIdText: String?
    private var workspaceIdText: String?
    private var deviceIdText: String?
    private var webhookIdText: String?

    /// Creates a notification; the id defaults to a new time-ordered id.
    ///
    /// Always inlined, so that a notification built in place (as routing builds one per
    /// webhook) is not made in a temporary, copied out and destroyed.
    @inline(__always)
    public init(
        id: MessageID? = nil,
        orgId: OrganizationID? = nil,
        workspaceId: WorkspaceID? = nil,
        deviceId: DeviceID? = nil,
        webhookId: WebhookID? = nil,
        timestamp: Timestamp = .now,
        body: Body
    ) {
        idText = (id ?? MessageID.generate(at: timestamp)).rawValue
        orgIdText = orgId?.rawValue
        workspaceIdText = workspaceId?.rawValue
        deviceIdText = deviceId?.rawValue
        webhookIdText = webhookId?.rawValue
        self.timestamp = timestamp
        self.body = body
    }

    /// The wire `type`.
    public var kind: Kind {
        switch body {
        case .status: .status
        case .events: .events
        case .healthCheck: .healthCheck
        case .test: .test
        }
    }
}
