import WebhookKit

extension DeviceSimulator {
    /// Advances one device by `seconds` and returns its changed statuses and its events.
    mutating func step(
        _ device: inout SimulatedDevice, seconds: Double, at timestamp: Timestamp, paths: SimulatedPaths
    ) -> (StatusChange, [DeviceEvent]) {
        var change = StatusChange()
        var events: [DeviceEvent] = []
        walkPeople(&device, seconds: seconds)
        drift(&device, seconds: seconds)

        if device.reported.people != device.people {
            change.set(paths.peopleCount, to: .integer(Int64(device.people)))
            device.reported.people = device.people
        }
        let presence = device.people > 0 ? "Yes" : "No"
        if device.reported.presence != presence {
            change.set(paths.presence, to: .string(presence))
            device.reported.presence = presence
        }
        let temperature = (device.temperature * 10).rounded() / 10
        if Self.differs(device.reported.temperature, temperature, by: 0.2) {
            change.set(paths.temperature, to: .double(temperature))
            device.reported.temperature = temperature
        }
        let humidity = Int(device.humidity.rounded())
        if device.reported.humidity != humidity {
            change.set(paths.humidity, to: .integer(Int64(humidity)))
            device.reported.humidity = humidity
        }
        let noise = 30 + 2 * device.people + Int(uniform() * 3)
        if Self.differs(device.reported.ambientNoise.map(Double.init), Double(noise), by: 3) {
            change.set(paths.ambientNoise, to: .integer(Int64(noise)))
            device.reported.ambientNoise = noise
        }
        let sound = device.people == 0 ? 25 + Int(uniform() * 4) : 40 + 3 * device.people + Int(uniform() * 8) - 4
        if Self.differs(device.reported.soundLevel.map(Double.init), Double(sound), by: 4) {
            change.set(paths.soundLevel, to: .integer(Int64(sound)))
            device.reported.soundLevel = sound
        }

        if device.inCall, happens(rate: configuration.hangUpsPerSecond, seconds: seconds) || device.people == 0 {
            device.inCall = false
            change.set(paths.activeCalls, to: 0)
            events.append(DeviceEvent(key: paths.callDisconnect, value: ["CauseType": "LocalDisconnect"], timestamp: timestamp))
        } else if !device.inCall, device.people > 0, happens(rate: configuration.callsPerSecond, seconds: seconds) {
            device.inCall = true
            change.set(paths.activeCalls, to: 1)
            events.append(DeviceEvent(key: paths.callSuccessful, value: ["Protocol": "Spark", "Direction": "outgoing"], timestamp: timestamp))
        }
        if device.people > 0, happens(rate: configuration.widgetActionsPerSecond, seconds: seconds) {
            events.append(DeviceEvent(key: paths.widgetAction, value: widgetAction(), timestamp: timestamp))
        }
        return (change, events)
    }

    /// Whether `value` is worth reporting: nothing reported yet, or moved by `threshold`.
    private static func differs(_ last: Double?, _ value: Double, by threshold: Double) -> Bool {
        guard let last else { return true }
        return abs(last - value) >= threshold - 1e-9
    }

    /// Moves the people count one step toward (usually) or away from the occupancy target.
    private mutating func walkPeople(_ device: inout SimulatedDevice, seconds: Double) {
        guard happens(rate: configuration.movesPerSecond, seconds: seconds) else { return }
        let target = configuration.occupancy.share(atHour: hourOfDay) * Double(device.capacity)
        let towardTarget = uniform() < 0.7
        let up = (Double(device.people) < target) == towardTarget
        device.people = min(device.capacity, max(0, device.people + (up ? 1 : -1)))
    }

    /// Temperature warms with people and relaxes toward 21 °C; humidity wanders slowly.
    private mutating func drift(_ device: inout SimulatedDevice, seconds: Double) {
        let minutes = seconds * configuration.timeScale / 60
        let settle = 21 + 0.15 * Double(device.people)
        device.temperature += (settle - device.temperature) * min(1, 0.02 * minutes) + (uniform() - 0.5) * 0.05 * minutes
        device.humidity += (uniform() - 0.5) * 0.3 * minutes + (Double(device.people) * 0.5 + 38 - device.humidity) * min(1, 0.01 * minutes)
        device.humidity = min(90, max(10, device.humidity))
    }

    private mutating func widgetAction() -> JSONValue {
        switch random.next() % 3 {
        case 0: ["WidgetId": "lights", "Type": "pressed", "Value": uniform() < 0.5 ? "on" : "off"]
        case 1: ["WidgetId": "blinds", "Type": "released", "Value": uniform() < 0.5 ? "up" : "down"]
        default: ["WidgetId": "temperature", "Type": "changed", "Value": .integer(Int64(19 + random.next() % 6))]
        }
    }
}
