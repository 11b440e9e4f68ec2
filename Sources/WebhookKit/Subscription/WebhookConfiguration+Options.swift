extension WebhookConfiguration {
    /// Which devices feed a webhook. All devices generate much traffic; listing devices or
    /// workspaces keeps it to what the receiver needs.
    public enum DataSource: Sendable, Hashable {
        /// Every device of the organization.
        case allDevices
        /// Only these devices.
        case devices(Set<DeviceID>)
        /// Every device in these workspaces.
        case workspaces(Set<WorkspaceID>)
    }

    /// Which HTTP statuses count as a successful delivery.
    public typealias SuccessPolicy = DeliverySuccessPolicy
}

/// The lifecycle state of a webhook.
public enum WebhookState: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Created, waiting for its activation delay to pass.
    case pendingActivation
    /// Receiving notifications.
    case active
    /// Stopped by the operator; keeps its configuration.
    case paused
    /// Stopped by the system (e.g. the receiver answered `410 Gone`), with the reason.
    case disabled(reason: String)

    /// `pendingActivation`, `active`, `paused` or `disabled(<reason>)`.
    public var description: String {
        switch self {
        case .pendingActivation: "pendingActivation"
        case .active: "active"
        case .paused: "paused"
        case .disabled(let reason): "disabled(\(reason))"
        }
    }
}
