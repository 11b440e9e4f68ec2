import Testing
import WebhookKit

/// SplitMix64: a seeded generator so a failing case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The routing rules written out plainly, webhook by webhook, path by path.
func referenceRoute(
    _ notification: DeviceNotification, configurations: [WebhookConfiguration], catalog: EventCatalog, at now: Timestamp
) -> Set<RoutedNotification> {
    var result = Set<RoutedNotification>()
    for configuration in configurations where configuration.isActive(at: now) {
        let fed: Bool
        switch configuration.dataSource {
        case .allDevices: fed = true
        case .devices(let ids): fed = notification.deviceId.map(ids.contains) ?? false
        case .workspaces(let ids): fed = notification.workspaceId.map(ids.contains) ?? false
        }
        guard fed else { continue }
        let topics = configuration.topicPatterns
        func wanted(_ path: XAPIPath, _ kind: CatalogEntry.Kind) -> Bool {
            catalog.entry(matching: path, kind: kind) != nil && topics.contains { $0.matches(path) }
        }
        var copy = notification
        copy.webhookId = configuration.id
        switch notification.body {
        case .status(let change):
            let trimmed = change.filtered { wanted($0, .status) }
            guard !trimmed.isEmpty else { continue }
            copy.body = .status(trimmed)
        case .events(let list):
            let trimmed = list.filter { wanted($0.key, .event) }
            guard !trimmed.isEmpty else { continue }
            copy.body = .events(trimmed)
        case .healthCheck, .test:
            continue
        }
        result.insert(RoutedNotification(webhookID: configuration.id, notification: copy))
    }
    return result
}

@Suite("SubscriptionIndex against the plain rules")
struct SubscriptionIndexReferenceTests {
    static let topicPool = [
        "*", "RoomAnalytics.*", "RoomAnalytics.PeopleCount.Current", "RoomAnalytics.*.Current", "Standby.State",
        "Peripherals.ConnectedDevice[*].RoomAnalytics.*", "Peripherals.ConnectedDevice[2].RoomAnalytics.*",
        "Peripherals.*.RoomAnalytics.AirQuality.Index", "UserInterface.*", "UserInterface.Message.*.Response",
        "CallSuccessful", "BootEvent", "*.State", "Conference.Presentation.LocalInstance[1].SendingMode", "Audio.*",
    ]
    static let pathPool = [
        "RoomAnalytics.PeopleCount.Current", "RoomAnalytics.AmbientTemperature", "RoomAnalytics.AirQuality.Index",
        "Peripherals.ConnectedDevice[1].RoomAnalytics.AirQuality.Index",
        "Peripherals.ConnectedDevice[2].RoomAnalytics.AmbientTemperature",
        "Peripherals.ConnectedDevice[2].RoomAnalytics.RelativeHumidity", "Standby.State", "Audio.Volume",
        "Conference.Presentation.LocalInstance[1].SendingMode", "Conference.Presentation.LocalInstance[2].SendingMode",
        "BootEvent", "CallSuccessful", "UserInterface.Message.Rating.Response", "UserInterface.Extensions.Widget.Action",
        "SystemUnit.State.NumberOfActiveCalls",
    ]

    @Test("random webhooks and notifications route exactly as the rules say", arguments: [1, 2, 3, 4] as [UInt64])
    func matchesReference(seed: UInt64) throws {
        var random = SeededGenerator(state: seed)
        let devices: [DeviceID] = (0..<12).map { DeviceID("d\($0)") }
        let workspaces: [WorkspaceID] = (0..<4).map { WorkspaceID("w\($0)") }
        let states: [WebhookState] = [.active, .active, .pendingActivation, .paused, .disabled(reason: "x")]
        var configurations: [WebhookConfiguration] = []
        for number in 0..<60 {
            let source: WebhookConfiguration.DataSource = switch Int.random(in: 0..<5, using: &random) {
            case 0: .allDevices
            case 1, 2: .devices(Set((0..<3).map { _ in devices.randomElement(using: &random)! }))
            default: .workspaces(Set((0..<2).map { _ in workspaces.randomElement(using: &random)! }))
            }
            var configuration = webhook(
                WebhookID("wh\(number % 55)"), source,
                topics: (0..<Int.random(in: 1...3, using: &random)).map { _ in Self.topicPool.randomElement(using: &random)! },
                state: states.randomElement(using: &random)!)
            configuration.activationDelay = .seconds(Int64.random(in: 0...200, using: &random))
            configurations.append(configuration)
        }
        let index = SubscriptionIndex(configurations: configurations)
        let unique = index.configurations
        var copies = 0
        var trimmedCopies = 0
        for _ in 0..<300 {
            let paths = try (0..<Int.random(in: 1...5, using: &random)).map { _ in
                try XAPIPath(Self.pathPool.randomElement(using: &random)!)
            }
            let body: DeviceNotification.Body = Bool.random(using: &random)
                ? .status(StatusChange(updated: paths.dropLast().map { .init(path: $0, value: 1) }, removed: [paths.last!]))
                : .events(paths.map { DeviceEvent(key: $0, value: [:], timestamp: routingEpoch) })
            let notification = DeviceNotification(
                workspaceId: Bool.random(using: &random) ? workspaces.randomElement(using: &random) : nil,
                deviceId: devices.randomElement(using: &random), timestamp: routingEpoch, body: body)
            let now = routingEpoch.advanced(by: .seconds(Int64.random(in: 0...240, using: &random)))
            let routed = index.route(notification, at: now)
            #expect(Set(routed.map(\.webhookID)).count == routed.count, "one copy per webhook")
            #expect(Set(routed) == referenceRoute(notification, configurations: unique, catalog: .roomDevices, at: now))
            copies += routed.count
            trimmedCopies += routed.filter { $0.notification.body != notification.body }.count
        }
        #expect(copies > 300, "the random mix routes plenty of copies")
        #expect(trimmedCopies > 100, "and trims many of them")
    }
}

@Suite("SubscriptionIndex lookup tables at scale")
struct SubscriptionIndexScaleTests {
    @Test("hundreds of devices and workspaces each find exactly the webhooks that list them")
    func manyKeys() throws {
        var random = SeededGenerator(state: 99)
        let devices = (0..<800).map { DeviceID("device-\($0)-" + String(repeating: "x", count: $0 % 40)) }
        let workspaces = (0..<500).map { WorkspaceID("workspace-\($0)") }
        var configurations: [WebhookConfiguration] = []
        for number in 0..<1_200 {
            let source: WebhookConfiguration.DataSource = number % 4 == 0
                ? .workspaces(Set((0..<2).map { _ in workspaces[Int.random(in: 0..<workspaces.count, using: &random)] }))
                : .devices(Set((0..<3).map { _ in devices[Int.random(in: 0..<devices.count, using: &random)] }))
            configurations.append(webhook(WebhookID("wh-\(number)"), source, topics: ["Standby.State"]))
        }
        let index = SubscriptionIndex(configurations: configurations)
        for (number, device) in devices.enumerated() {
            let workspace = workspaces[number % workspaces.count]
            let notification = try status(device: device, workspace: workspace, [("Standby.State", "Off")])
            let expected = configurations.filter { configuration in
                switch configuration.dataSource {
                case .devices(let ids): ids.contains(device)
                case .workspaces(let ids): ids.contains(workspace)
                case .allDevices: true
                }
            }.map(\.id)
            #expect(Set(index.route(notification, at: afterActivation).map(\.webhookID)) == Set(expected))
        }
        let stranger = try status(device: "device-unknown", workspace: "workspace-unknown", [("Standby.State", "Off")])
        #expect(index.route(stranger, at: afterActivation).isEmpty)
    }
}
