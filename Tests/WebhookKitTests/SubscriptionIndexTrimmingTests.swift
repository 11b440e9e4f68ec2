import Testing
import WebhookKit

@Suite("SubscriptionIndex trimming to topics and catalog")
struct SubscriptionIndexTrimmingTests {
    @Test("a status change is trimmed to the subscribed paths, updates and removals alike")
    func trimsStatus() throws {
        let index = SubscriptionIndex(configurations: [
            webhook("count", .devices(["d1"]), topics: ["RoomAnalytics.PeopleCount.Current"]),
            webhook("climate", .devices(["d1"]), topics: ["RoomAnalytics.AmbientTemperature", "RoomAnalytics.RelativeHumidity"]),
            webhook("standby", .devices(["d1"]), topics: ["Standby.State"]),
        ])
        let notification = try status(
            [("RoomAnalytics.PeopleCount.Current", 2), ("RoomAnalytics.AmbientTemperature", 22.0)],
            removed: ["RoomAnalytics.RelativeHumidity"], fullSync: true)
        let routed = index.route(notification, at: afterActivation)
        #expect(routed.map(\.webhookID) == ["count", "climate"], "standby wanted nothing, so gets no copy")
        #expect(routed[0].statusPaths == ["RoomAnalytics.PeopleCount.Current"])
        #expect(routed[1].statusPaths == ["RoomAnalytics.AmbientTemperature", "RoomAnalytics.RelativeHumidity"])
        guard case .status(let climate) = routed[1].notification.body else {
            Issue.record("expected a status body")
            return
        }
        #expect(climate.value(of: try XAPIPath("RoomAnalytics.AmbientTemperature")) == 22.0)
        #expect(climate.removed.map(\.rawValue) == ["RoomAnalytics.RelativeHumidity"])
        #expect(climate.isFullSync, "the full-sync flag survives trimming")
    }

    @Test("an events message keeps only the subscribed events")
    func trimsEvents() throws {
        let index = SubscriptionIndex(configurations: [
            webhook("ui", .devices(["d1"]), topics: ["UserInterface.Extensions.*"]),
            webhook("calls", .devices(["d1"]), topics: ["CallSuccessful", "CallDisconnect"]),
            webhook("boot", .devices(["d1"]), topics: ["BootEvent"]),
        ])
        let notification = try events([
            "UserInterface.Extensions.Widget.Action", "CallSuccessful", "UserInterface.Extensions.Panel.Clicked",
        ])
        let routed = index.route(notification, at: afterActivation)
        #expect(routed.map(\.webhookID) == ["ui", "calls"])
        #expect(routed[0].eventKeys == ["UserInterface.Extensions.Widget.Action", "UserInterface.Extensions.Panel.Clicked"])
        #expect(routed[1].eventKeys == ["CallSuccessful"])
    }

    @Test("nothing outside the catalog is delivered, even to a * topic")
    func catalogOnly() throws {
        let index = SubscriptionIndex(configurations: [webhook("everything", .allDevices, topics: ["*"])])
        let mixed = try status([("Standby.State", "Off"), ("Audio.Volume", 50), ("RoomAnalytics.PeopleCount.Capacity", 8)])
        #expect(index.route(mixed, at: afterActivation).map(\.statusPaths) == [["Standby.State"]])
        let outside = try status([("Audio.Volume", 50)], removed: ["Call[1].Status"])
        #expect(index.route(outside, at: afterActivation).isEmpty)
        let outsideEvents = try events(["Custom.Event", "BootEvent"])
        #expect(index.route(outsideEvents, at: afterActivation).map(\.eventKeys) == [["BootEvent"]])
    }

    @Test("status paths count only through status entries, event keys only through event entries")
    func kindsStayApart() throws {
        let index = SubscriptionIndex(configurations: [webhook("everything", .allDevices, topics: ["*"])])
        #expect(index.route(try status([("BootEvent", 1)]), at: afterActivation).isEmpty)
        #expect(index.route(try events(["Standby.State"]), at: afterActivation).isEmpty)
    }

    @Test("a topic narrower than a [*] entry delivers only the paths it matches")
    func partialTopics() throws {
        let index = SubscriptionIndex(configurations: [
            webhook("sensor5", .devices(["d1"]), topics: ["Peripherals.ConnectedDevice[5].RoomAnalytics.*"]),
            webhook("sensors", .devices(["d1"]), topics: ["Peripherals.ConnectedDevice[*].RoomAnalytics.AirQuality.Index"]),
        ])
        let notification = try status([
            ("Peripherals.ConnectedDevice[5].RoomAnalytics.AmbientTemperature", 21.0),
            ("Peripherals.ConnectedDevice[6].RoomAnalytics.AmbientTemperature", 23.0),
            ("Peripherals.ConnectedDevice[6].RoomAnalytics.AirQuality.Index", 1.5),
            ("Peripherals.ConnectedDevice[5].RoomAnalytics.Unknown", 1),
        ])
        let routed = index.route(notification, at: afterActivation)
        #expect(routed.map(\.webhookID) == ["sensor5", "sensors"])
        #expect(routed[0].statusPaths == ["Peripherals.ConnectedDevice[5].RoomAnalytics.AmbientTemperature"])
        #expect(routed[1].statusPaths == ["Peripherals.ConnectedDevice[6].RoomAnalytics.AirQuality.Index"])
    }

    @Test("topics that do not parse or reach outside the catalog match nothing")
    func invalidTopicsMatchNothing() throws {
        let index = SubscriptionIndex(configurations: [webhook("bad", .allDevices, topics: ["Bad..Topic", "Audio.*"])])
        #expect(index.route(try status([("Standby.State", "Off"), ("Audio.Volume", 3)]), at: afterActivation).isEmpty)
    }

    @Test("routing uses the catalog the index was built with")
    func customCatalog() throws {
        let catalog = EventCatalog.roomDevices.adding(try CatalogEntry(status: "Audio.Volume", valueKind: .integer))
        let configurations = [webhook("audio", .allDevices, topics: ["Audio.*"])]
        let notification = try status([("Audio.Volume", 50)])
        #expect(SubscriptionIndex(configurations: configurations, catalog: catalog)
            .route(notification, at: afterActivation).map(\.statusPaths) == [["Audio.Volume"]])
        #expect(SubscriptionIndex(configurations: configurations).route(notification, at: afterActivation).isEmpty)
    }
}
