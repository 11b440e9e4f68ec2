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

    /// Unique per message and stable across retries: the receiver's de-duplication key.
    public var id: MessageID
    /// The organization that owns the device.
    public var orgId: OrganizationID?
    /// The workspace (room) of the device.
    public var workspaceId: WorkspaceID?
    /// The device that changed; `nil` for health checks and tests.
    public var deviceId: DeviceID?
    /// The webhook this copy is addressed to; `nil` before routing.
    public var webhookId: WebhookID?
    /// When the change happened (or the message was made).
    public var timestamp: Timestamp
    /// What changed.
    public var body: Body

    /// Creates a notification; the id defaults to a new time-ordered id.
    public init(
        id: MessageID? = nil,
        orgId: OrganizationID? = nil,
        workspaceId: WorkspaceID? = nil,
        deviceId: DeviceID? = nil,
        webhookId: WebhookID? = nil,
        timestamp: Timestamp = .now,
        body: Body
    ) {
        self.id = id ?? MessageID.generate(at: timestamp)
        self.orgId = orgId
        self.workspaceId = workspaceId
        self.deviceId = deviceId
        self.webhookId = webhookId
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
