/// One webhook's copy of a routed notification: addressed to the webhook
/// (``DeviceNotification/webhookId`` set) and trimmed to what it subscribed to.
public struct RoutedNotification: Sendable, Hashable {
    /// The webhook the copy goes to.
    public private(set) var webhookID: WebhookID
    /// The trimmed copy; its id is the published notification's id.
    public private(set) var notification: DeviceNotification

    /// Creates a routed copy.
    public init(webhookID: WebhookID, notification: DeviceNotification) {
        self.webhookID = webhookID
        self.notification = notification
    }

    /// Readdresses this copy to `webhookID`, with `body` in place of its body when given.
    ///
    /// Routing appends a copy of one prototype per webhook and readdresses it in the
    /// array: building each copy from fields makes the optimizer copy the whole
    /// notification out of a temporary and destroy the temporary, per copy.
    @inline(__always)
    mutating func readdress(to webhookID: WebhookID, body: DeviceNotification.Body?) {
        self.webhookID = webhookID
        notification.webhookId = webhookID
        if let body { notification.body = body }
    }
}
