/// One device event, such as a touch-panel widget being pressed.
public struct DeviceEvent: Sendable, Hashable {
    /// The event path, e.g. `UserInterface.Extensions.Widget.Action`.
    public var key: XAPIPath
    /// The event payload.
    public var value: JSONValue
    /// When the device raised the event.
    public var timestamp: Timestamp

    /// Creates an event.
    public init(key: XAPIPath, value: JSONValue, timestamp: Timestamp) {
        self.key = key
        self.value = value
        self.timestamp = timestamp
    }
}
