/// One webhook's copy of a routed notification: addressed to the webhook
/// (``DeviceNotification/webhookId`` set) and trimmed to what it subscribed to.
public struct RoutedNotification: Sendable, Hashable {
    /// The webhook the copy goes to.
    public let webhookID: WebhookID
    /// The trimmed copy; its id is the published notification's id.
    public let notification: DeviceNotification

    /// Creates a routed copy.
    public init(webhookID: WebhookID, notification: DeviceNotification) {
        self.webhookID = webhookID
        self.notification = notification
    }

    /// The copy of `original` for `webhookID` with `body` in place of the original body;
    /// builds the copy in one go rather than copying then replacing fields.
    @inline(__always)
    init(webhookID: WebhookID, notification original: DeviceNotification, body: DeviceNotification.Body) {
        self.webhookID = webhookID
        notification = DeviceNotification(
            id: original.id, orgId: original.orgId, workspaceId: original.workspaceId, deviceId: original.deviceId,
            webhookId: webhookID, timestamp: original.timestamp, body: body)
    }
}
