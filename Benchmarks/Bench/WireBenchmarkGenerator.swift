import WebhookKit

/// A seeded mix shaped like real traffic: 60 % status changes (1–4 paths, integers,
/// doubles, strings, booleans, the odd removal and full sync), 30 % events (widget
/// actions, call events), 5 % health checks, 5 % tests; every envelope field set.
struct WireBenchmarkGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    private static let statusPaths: [XAPIPath] = [
        "RoomAnalytics.PeopleCount.Current", "RoomAnalytics.AmbientTemperature", "RoomAnalytics.RelativeHumidity",
        "RoomAnalytics.AmbientNoise.Level.A", "RoomAnalytics.PeoplePresence", "Audio.Volume", "Call[1].Status",
        "Peripherals.ConnectedDevice[1003].RoomAnalytics.AirQuality.Index", "Standby.State", "Conference.DoNotDisturb",
    ].compactMap { try? XAPIPath($0) }
    private static let eventPaths: [XAPIPath] = [
        "UserInterface.Extensions.Widget.Action", "CallSuccessful", "CallDisconnect", "UserInterface.Extensions.Panel.Clicked",
    ].compactMap { try? XAPIPath($0) }

    private mutating func statusValue(for index: Int) -> JSONValue {
        switch index % 5 {
        case 0: .integer(Int64(below(40)))
        case 1, 2: .double(Double(180 + below(120)) / 10)
        case 3: .string(["Yes", "No", "Connected", "Idle", "Standby"][below(5)])
        default: .bool(below(2) == 0)
        }
    }

    mutating func notification() -> DeviceNotification {
        let base: Int64 = 1_796_412_934_000
        let time = Timestamp(millisecondsSince1970: base + Int64(below(86_400_000)))
        let body: DeviceNotification.Body
        switch below(100) {
        case 0..<60:
            var updates: [StatusChange.Update] = []
            for _ in 0..<(1 + below(4)) {
                let index = below(Self.statusPaths.count)
                updates.append(.init(path: Self.statusPaths[index], value: statusValue(for: index)))
            }
            let removed = below(10) == 0 ? [Self.statusPaths[below(Self.statusPaths.count)]] : []
            body = .status(StatusChange(updated: updates, removed: removed, isFullSync: below(20) == 0))
        case 60..<90:
            body = .events((0..<(1 + below(2))).map { _ in
                let key = Self.eventPaths[below(Self.eventPaths.count)]
                let value: JSONValue = key.rawValue.hasPrefix("UserInterface")
                    ? ["WidgetId": .string(["lights", "blinds", "projector"][below(3)]), "Type": "pressed", "Value": .string(below(2) == 0 ? "on" : "off")]
                    : ["CallId": .integer(Int64(below(1000))), "Protocol": "SIP", "Duration": .integer(Int64(below(7200))), "RemoteURI": .string("sip:room-\(below(500))@example.com")]
                return DeviceEvent(key: key, value: value, timestamp: time.advanced(by: .milliseconds(-below(50))))
            })
        case 90..<95:
            body = .healthCheck
        default:
            body = .test
        }
        return DeviceNotification(
            id: MessageID(rawValue: "0193a7c2-\(String(next(), radix: 16).prefix(4))-7\(String(next(), radix: 16).prefix(3))-8\(String(next(), radix: 16).prefix(15))"),
            orgId: OrganizationID(rawValue: "org-\(below(10))"), workspaceId: WorkspaceID(rawValue: "workspace-\(below(2000))"),
            deviceId: DeviceID(rawValue: "device-\(below(10_000))"), webhookId: WebhookID(rawValue: "webhook-\(below(50))"),
            timestamp: time, body: body
        )
    }
}
