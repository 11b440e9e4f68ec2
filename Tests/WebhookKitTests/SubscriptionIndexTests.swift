import Testing
import WebhookKit

let routingEpoch = Timestamp(millisecondsSince1970: 1_796_412_934_000)
let afterActivation = routingEpoch.advanced(by: .seconds(3600))

/// An active webhook created at `routingEpoch`.
func webhook(
    _ id: WebhookID, _ source: WebhookConfiguration.DataSource, topics: [String], state: WebhookState = .active
) -> WebhookConfiguration {
    WebhookConfiguration(
        id: id, name: id.rawValue, url: "https://example.com/\(id)", authorization: .token("t"),
        dataSource: source, topics: topics, state: state, createdAt: routingEpoch)
}

func status(
    device: DeviceID? = "d1", workspace: WorkspaceID? = "w1",
    _ updated: [(String, JSONValue)], removed: [String] = [], fullSync: Bool = false
) throws -> DeviceNotification {
    let change = StatusChange(
        updated: try updated.map { StatusChange.Update(path: try XAPIPath($0.0), value: $0.1) },
        removed: try removed.map { try XAPIPath($0) }, isFullSync: fullSync)
    return DeviceNotification(id: "m1", workspaceId: workspace, deviceId: device, timestamp: routingEpoch, body: .status(change))
}

func events(device: DeviceID? = "d1", workspace: WorkspaceID? = "w1", _ keys: [String]) throws -> DeviceNotification {
    let list = try keys.map { DeviceEvent(key: try XAPIPath($0), value: ["k": "v"], timestamp: routingEpoch) }
    return DeviceNotification(id: "m2", workspaceId: workspace, deviceId: device, timestamp: routingEpoch, body: .events(list))
}

extension StatusChange {
    var pathTexts: [String] { paths.map(\.rawValue) }
}

extension RoutedNotification {
    var statusPaths: [String] {
        if case .status(let change) = notification.body { return change.pathTexts }
        return []
    }

    var eventKeys: [String] {
        if case .events(let list) = notification.body { return list.map(\.key.rawValue) }
        return []
    }
}

@Suite("SubscriptionIndex data sources and states")
struct SubscriptionIndexTests {
    @Test("all devices, a listed device and a listed workspace match; others do not")
    func dataSources() throws {
        let index = SubscriptionIndex(configurations: [
            webhook("ws", .workspaces(["w1"]), topics: ["Standby.State"]),
            webhook("dev", .devices(["d1", "d9"]), topics: ["Standby.State"]),
            webhook("all", .allDevices, topics: ["Standby.State"]),
            webhook("other-dev", .devices(["d2"]), topics: ["Standby.State"]),
            webhook("other-ws", .workspaces(["w2"]), topics: ["Standby.State"]),
        ])
        var notification = try status([("Standby.State", "Off")])
        notification.workspaceId = "w1"
        #expect(index.route(notification, at: afterActivation).map(\.webhookID) == ["all", "dev", "ws"])

        notification.deviceId = "d3"
        #expect(index.route(notification, at: afterActivation).map(\.webhookID) == ["all", "ws"])
        notification.workspaceId = nil
        #expect(index.route(notification, at: afterActivation).map(\.webhookID) == ["all"])
        notification.deviceId = nil
        #expect(index.route(notification, at: afterActivation).map(\.webhookID) == ["all"])
    }

    @Test("paused, disabled and not-yet-active webhooks never match")
    func states() throws {
        let configurations = [
            webhook("paused", .allDevices, topics: ["*"], state: .paused),
            webhook("disabled", .allDevices, topics: ["*"], state: .disabled(reason: "410")),
            webhook("pending", .allDevices, topics: ["*"], state: .pendingActivation),
            webhook("active", .allDevices, topics: ["*"]),
        ]
        let index = SubscriptionIndex(configurations: configurations)
        let notification = try status([("Standby.State", "Off")])
        #expect(index.route(notification, at: routingEpoch).map(\.webhookID) == ["active"])
        #expect(index.route(notification, at: routingEpoch.advanced(by: .milliseconds(119_999))).map(\.webhookID) == ["active"])
        #expect(index.route(notification, at: routingEpoch.advanced(by: .seconds(120))).map(\.webhookID) == ["pending", "active"])
        #expect(index.route(notification, at: afterActivation).map(\.webhookID) == ["pending", "active"])
        #expect(index.routableCount == 2)
        #expect(index.configuration(for: "paused")?.state == .paused)
    }

    @Test("each copy is addressed to its webhook and keeps the message id; a fully wanted change is unchanged")
    func addressing() throws {
        let index = SubscriptionIndex(configurations: [webhook("a", .devices(["d1"]), topics: ["RoomAnalytics.*"])])
        let notification = try status([("RoomAnalytics.PeopleCount.Current", 3), ("RoomAnalytics.AmbientTemperature", 21.5)])
        let routed = index.route(notification, at: afterActivation)
        #expect(routed.count == 1)
        var expected = notification
        expected.webhookId = "a"
        #expect(routed.first?.notification == expected)
        #expect(routed.first?.notification.id == "m1")
    }

    @Test("health checks and tests are never routed")
    func healthCheckAndTest() {
        let index = SubscriptionIndex(configurations: [webhook("a", .allDevices, topics: ["*"])])
        #expect(index.route(DeviceNotification(deviceId: "d1", body: .healthCheck), at: afterActivation).isEmpty)
        #expect(index.route(DeviceNotification(deviceId: "d1", body: .test), at: afterActivation).isEmpty)
    }

    @Test("a later configuration with the same id replaces the earlier one")
    func duplicates() throws {
        let index = SubscriptionIndex(configurations: [
            webhook("a", .devices(["d1"]), topics: ["Standby.State"]),
            webhook("b", .devices(["d1"]), topics: ["Standby.State"]),
            webhook("a", .devices(["d2"]), topics: ["Standby.State"]),
        ])
        #expect(index.configurations.map(\.id) == ["b", "a"])
        #expect(index.configuration(for: "a")?.dataSource == .devices(["d2"]))
        #expect(index.configuration(for: "zzz") == nil)
        #expect(index.route(try status([("Standby.State", "Off")]), at: afterActivation).map(\.webhookID) == ["b"])
    }

    @Test("an empty index routes nothing")
    func empty() throws {
        let index = SubscriptionIndex(configurations: [])
        #expect(index.route(try status([("Standby.State", "Off")]), at: afterActivation).isEmpty)
    }
}
