/// An ordered delivery lane: one webhook and one device. Messages in a lane go out in
/// publish order, one at a time; lanes are independent of each other.
public struct LaneKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The webhook the lane delivers to.
    public var webhookID: WebhookID
    /// The device whose messages the lane carries; `nil` for health checks and tests.
    public var deviceID: DeviceID?

    /// Creates a lane key.
    public init(webhookID: WebhookID, deviceID: DeviceID?) {
        self.webhookID = webhookID
        self.deviceID = deviceID
    }

    /// `webhook/device`, or `webhook/-` for the device-less lane.
    public var description: String { "\(webhookID)/\(deviceID?.rawValue ?? "-")" }

    /// Orders by webhook, then device (the device-less lane first).
    public static func < (lhs: LaneKey, rhs: LaneKey) -> Bool {
        if lhs.webhookID != rhs.webhookID { return lhs.webhookID < rhs.webhookID }
        return (lhs.deviceID?.rawValue ?? "") < (rhs.deviceID?.rawValue ?? "")
    }
}
