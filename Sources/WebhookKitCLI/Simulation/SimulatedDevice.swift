import WebhookKit

/// The state of one simulated room device: what it measures now and what it last reported,
/// so it reports only changes.
public struct SimulatedDevice: Sendable, Hashable {
    /// The device id, e.g. `sim-device-007`.
    public let id: DeviceID
    /// The workspace (room) the device is in.
    public let workspaceId: WorkspaceID
    /// Seats in the room; the people count never exceeds it.
    public let capacity: Int
    /// People in the room now.
    public internal(set) var people: Int
    /// Air temperature, °C.
    public internal(set) var temperature: Double
    /// Relative humidity, %.
    public internal(set) var humidity: Double
    /// Whether a call is in progress.
    public internal(set) var inCall: Bool

    var reported = Reported()

    /// The values last sent, `nil` before the first report.
    struct Reported: Sendable, Hashable {
        var people: Int?
        var presence: String?
        var temperature: Double?
        var humidity: Int?
        var ambientNoise: Int?
        var soundLevel: Int?
    }

    init(id: DeviceID, workspaceId: WorkspaceID, capacity: Int, temperature: Double, humidity: Double) {
        self.id = id
        self.workspaceId = workspaceId
        self.capacity = capacity
        self.people = 0
        self.temperature = temperature
        self.humidity = humidity
        self.inCall = false
    }
}
