import Foundation
import WebhookKit

/// Simulated meeting-room devices producing realistic device notifications: a people
/// count that random-walks toward an office-hours occupancy curve within the room's
/// capacity, presence derived from it, temperature and humidity drifting slowly, ambient
/// noise and sound level following occupancy, and now and then a touch-panel widget action
/// or a call connecting and disconnecting.
///
/// Pure and deterministic: the same seed and the same sequence of ``advance(by:at:)``
/// calls give the same notifications, ids included. It keeps no clock; the caller says
/// how much time passed and which timestamp to stamp.
///
/// ```swift
/// var simulator = DeviceSimulator(configuration: .init(deviceCount: 20, seed: 7))
/// let notifications = simulator.advance(by: .milliseconds(250), at: .now)
/// try await dispatcher.publish(notifications)
/// ```
public struct DeviceSimulator: Sendable {
    /// What to simulate.
    public struct Configuration: Sendable, Hashable {
        /// Number of devices; they share `max(1, deviceCount / 4)` workspaces.
        public var deviceCount: Int
        /// Fixes every random choice.
        public var seed: UInt64
        /// The organization on every notification.
        public var organization: OrganizationID
        /// The simulated time of day at the start, in hours (default 09:30, rooms filling).
        public var startHour: Double
        /// Simulated seconds per elapsed second (default 60: a minute of the day per second).
        public var timeScale: Double
        /// The share of seats taken by time of day.
        public var occupancy: OccupancyCurve
        /// People-count moves per device per elapsed second, on average.
        public var movesPerSecond: Double
        /// Widget actions per occupied device per elapsed second, on average.
        public var widgetActionsPerSecond: Double
        /// Calls started per occupied device per elapsed second, on average.
        public var callsPerSecond: Double
        /// Calls ended per device in a call per elapsed second, on average.
        public var hangUpsPerSecond: Double

        /// Creates a configuration with lively defaults (about one notification per device
        /// per second).
        public init(
            deviceCount: Int, seed: UInt64, organization: OrganizationID = "sim-org", startHour: Double = 9.5,
            timeScale: Double = 60, occupancy: OccupancyCurve = .officeHours, movesPerSecond: Double = 0.5,
            widgetActionsPerSecond: Double = 0.05, callsPerSecond: Double = 0.03, hangUpsPerSecond: Double = 0.08
        ) {
            self.deviceCount = deviceCount
            self.seed = seed
            self.organization = organization
            self.startHour = startHour
            self.timeScale = timeScale
            self.occupancy = occupancy
            self.movesPerSecond = movesPerSecond
            self.widgetActionsPerSecond = widgetActionsPerSecond
            self.callsPerSecond = callsPerSecond
            self.hangUpsPerSecond = hangUpsPerSecond
        }
    }

    /// The configuration.
    public let configuration: Configuration
    /// The simulated devices, in id order.
    public private(set) var devices: [SimulatedDevice]
    /// The simulated time of day, in hours (0..<24).
    public private(set) var hourOfDay: Double
    var random: SplitMix64

    /// Creates the devices and their rooms.
    public init(configuration: Configuration) {
        self.configuration = configuration
        var random = SplitMix64(seed: configuration.seed)
        hourOfDay = configuration.startHour
        let count = max(0, configuration.deviceCount)
        let workspaceCount = max(1, count / 4)
        let sizes = [4, 6, 8, 10, 12, 16]
        var capacities: [Int] = []
        for _ in 0..<workspaceCount { capacities.append(sizes[Int(random.next() % UInt64(sizes.count))]) }
        var devices: [SimulatedDevice] = []
        for index in 0..<count {
            let room = index % workspaceCount
            devices.append(SimulatedDevice(
                id: DeviceID(Self.label("sim-device", index + 1, width: 3)),
                workspaceId: WorkspaceID(Self.label("sim-room", room + 1, width: 2)),
                capacity: capacities[room],
                temperature: 20.5 + Double(random.next() % 20) / 10,
                humidity: 35 + Double(random.next() % 15)
            ))
        }
        self.devices = devices
        self.random = random
    }

    /// The workspace ids, in order.
    public var workspaceIDs: [WorkspaceID] {
        var seen = Set<WorkspaceID>()
        return devices.map(\.workspaceId).filter { seen.insert($0).inserted }
    }

    /// Moves the simulation `elapsed` forward and returns what the devices report,
    /// stamped `timestamp`: at most one status notification (the changed values) and one
    /// events notification per device.
    public mutating func advance(by elapsed: Duration, at timestamp: Timestamp) -> [DeviceNotification] {
        guard let paths = SimulatedPaths.shared else { return [] }
        let seconds = max(0, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        hourOfDay = (hourOfDay + seconds * configuration.timeScale / 3600).truncatingRemainder(dividingBy: 24)
        var notifications: [DeviceNotification] = []
        for index in devices.indices {
            var device = devices[index]
            let (change, events) = step(&device, seconds: seconds, at: timestamp, paths: paths)
            devices[index] = device
            if !change.isEmpty {
                notifications.append(notification(for: device, at: timestamp, body: .status(change)))
            }
            if !events.isEmpty {
                notifications.append(notification(for: device, at: timestamp, body: .events(events)))
            }
        }
        return notifications
    }

    private mutating func notification(for device: SimulatedDevice, at timestamp: Timestamp, body: DeviceNotification.Body) -> DeviceNotification {
        DeviceNotification(
            id: MessageID.generate(at: timestamp, using: &random), orgId: configuration.organization,
            workspaceId: device.workspaceId, deviceId: device.id, timestamp: timestamp, body: body
        )
    }

    /// Whether an event with `rate` per second happens within `seconds`.
    mutating func happens(rate: Double, seconds: Double) -> Bool {
        uniform() < 1 - exp(-max(0, rate) * seconds)
    }

    /// A uniform random number in 0..<1.
    mutating func uniform() -> Double {
        Double(random.next() >> 11) / Double(1 << 53)
    }

    private static func label(_ prefix: String, _ number: Int, width: Int) -> String {
        let digits = String(number)
        return prefix + "-" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
