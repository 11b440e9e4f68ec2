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
    public enum SuccessPolicy: String, Sendable, Hashable, Codable, CaseIterable {
        /// Only `200 OK`, as the product requires of receivers.
        case only200
        /// Any `2xx`, for receivers that answer `202` or `204`.
        case any2xx

        /// Whether `statusCode` counts as delivered.
        public func accepts(_ statusCode: Int) -> Bool {
            switch self {
            case .only200: statusCode == 200
            case .any2xx: (200...299).contains(statusCode)
            }
        }
    }
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
