import WebhookKit

/// The latest known value of one status path of a device, as a receiver stored it.
public struct StoredValue: Sendable, Hashable {
    /// The value.
    public var value: JSONValue
    /// When the device reported it (the notification's timestamp).
    public var timestamp: Timestamp
    /// The message that carried it.
    public var messageID: MessageID

    /// Creates a stored value.
    public init(value: JSONValue, timestamp: Timestamp, messageID: MessageID) {
        self.value = value
        self.timestamp = timestamp
        self.messageID = messageID
    }
}
