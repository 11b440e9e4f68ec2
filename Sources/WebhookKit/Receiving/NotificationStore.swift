/// Where a ``WebhookReceiver`` keeps the notifications it accepted, each exactly once.
///
/// `InMemoryNotificationStore` is the reference implementation;
/// `SQLiteNotificationStore` in `WebhookKitSQLite` keeps them on disk.
///
/// ## Implementation requirements
/// - ``insertIfAbsent(_:)`` stores the notification unless one with the same `id` is
///   already stored, atomically, and reports which happened. When it returns `true` the
///   row is committed: the receiver answers `200 OK` only after that.
/// - A failure throws; the receiver then answers `503` so the sender retries.
/// - Safe to call concurrently.
public protocol NotificationStore: Sendable {
    /// Stores `notification` if its id is new; returns `false` for a duplicate.
    func insertIfAbsent(_ notification: DeviceNotification) async throws -> Bool
}

/// A ``NotificationStore`` in memory, in arrival order.
public actor InMemoryNotificationStore: NotificationStore {
    private var ids: Set<MessageID> = []
    /// Every stored notification, in the order of first arrival.
    public private(set) var notifications: [DeviceNotification] = []

    /// Creates an empty store.
    public init() {}

    public func insertIfAbsent(_ notification: DeviceNotification) async throws -> Bool {
        guard ids.insert(notification.id).inserted else { return false }
        notifications.append(notification)
        return true
    }

    /// How many notifications are stored.
    public var count: Int { notifications.count }
}
