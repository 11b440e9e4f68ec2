import Testing
import WebhookKit

@Suite("EventCatalog")
struct CatalogTests {
    static let listedStatuses = [
        "RoomAnalytics.PeopleCount.Current", "RoomAnalytics.PeoplePresence",
        "RoomAnalytics.Engagement.CloseProximity", "RoomAnalytics.AmbientNoise.Level.A",
        "RoomAnalytics.Sound.Level.A", "RoomAnalytics.AmbientTemperature", "RoomAnalytics.RelativeHumidity",
        "RoomAnalytics.ReverberationTime.Middle.RT60", "RoomAnalytics.AirQuality.Index",
        "Peripherals.ConnectedDevice[*].RoomAnalytics.AmbientTemperature",
        "Peripherals.ConnectedDevice[*].RoomAnalytics.RelativeHumidity",
        "Peripherals.ConnectedDevice[*].RoomAnalytics.AirQuality.Index",
        "Standby.State", "SystemUnit.State.NumberOfActiveCalls",
        "Conference.Presentation.LocalInstance[*].SendingMode", "Bookings.Availability.Status",
    ]
    static let listedEvents = [
        "BootEvent", "CallSuccessful", "CallDisconnect", "UserInterface.Extensions.Widget.Action",
        "UserInterface.Extensions.Panel.Clicked", "UserInterface.Message.Prompt.Response",
        "UserInterface.Message.TextInput.Response", "UserInterface.Message.Rating.Response",
    ]

    @Test("roomDevices holds every listed status and event with its kind")
    func roomDevicesContents() throws {
        let catalog = EventCatalog.roomDevices
        #expect(catalog.entries.count == Self.listedStatuses.count + Self.listedEvents.count)
        for text in Self.listedStatuses {
            let entry = try #require(catalog.entries.first { $0.pattern.rawValue == text }, "\(text)")
            #expect(entry.kind == .status)
            #expect(!entry.summary.isEmpty)
        }
        for text in Self.listedEvents {
            let entry = try #require(catalog.entries.first { $0.pattern.rawValue == text }, "\(text)")
            #expect(entry.kind == .event)
            #expect(entry.valueKind == .object)
        }
    }

    @Test("entries carry their value kinds")
    func valueKinds() throws {
        let catalog = EventCatalog.roomDevices
        #expect(catalog.entry(matching: try XAPIPath("RoomAnalytics.PeopleCount.Current"), kind: .status)?.valueKind == .integer)
        #expect(catalog.entry(matching: try XAPIPath("RoomAnalytics.AmbientTemperature"), kind: .status)?.valueKind == .number)
        let presence = catalog.entry(matching: try XAPIPath("RoomAnalytics.PeoplePresence"), kind: .status)
        #expect(presence?.valueKind == .enumeration(["Yes", "No", "Unknown"]))
    }

    @Test("lookup finds exact and [*] entries, and only of the asked kind")
    func lookup() throws {
        let catalog = EventCatalog.roomDevices
        let sensor = try XAPIPath("Peripherals.ConnectedDevice[1003].RoomAnalytics.AirQuality.Index")
        #expect(catalog.entry(matching: sensor, kind: .status)?.pattern.rawValue
            == "Peripherals.ConnectedDevice[*].RoomAnalytics.AirQuality.Index")
        #expect(catalog.entry(matching: try XAPIPath("Standby.State"), kind: .status) != nil)
        #expect(catalog.entry(matching: try XAPIPath("Standby.State"), kind: .event) == nil)
        #expect(catalog.entry(matching: try XAPIPath("BootEvent"), kind: .event) != nil)
        #expect(catalog.entry(matching: try XAPIPath("BootEvent"), kind: .status) == nil)
        #expect(catalog.entry(matching: try XAPIPath("RoomAnalytics.PeopleCount.Capacity"), kind: .status) == nil)
        #expect(catalog.entry(matching: try XAPIPath("Peripherals.ConnectedDevice.RoomAnalytics.AirQuality.Index"),
                              kind: .status) == nil)
    }

    @Test("operators extend the catalog or build their own; a repeated entry replaces the earlier one")
    func extending() throws {
        let volume = try CatalogEntry(status: "Audio.Volume", valueKind: .integer, summary: "Speaker volume")
        let extended = EventCatalog.roomDevices.adding(volume)
        #expect(extended.entries.count == EventCatalog.roomDevices.entries.count + 1)
        #expect(extended.entry(matching: try XAPIPath("Audio.Volume"), kind: .status) == volume)
        #expect(EventCatalog.roomDevices.entry(matching: try XAPIPath("Audio.Volume"), kind: .status) == nil)

        let redefined = try CatalogEntry(status: "Audio.Volume", valueKind: .number, summary: "changed")
        let replaced = extended.adding(redefined)
        #expect(replaced.entries.count == extended.entries.count)
        #expect(replaced.entry(matching: try XAPIPath("Audio.Volume"), kind: .status)?.valueKind == .number)

        let own = EventCatalog(entries: [try CatalogEntry(event: "Custom.*")])
        #expect(own.entry(matching: try XAPIPath("Custom.Thing.Happened"), kind: .event) != nil)
        #expect(own.entry(matching: try XAPIPath("BootEvent"), kind: .event) == nil)
    }

    @Test("an exact entry wins over an earlier pattern entry")
    func exactWins() throws {
        let subtree = try CatalogEntry(status: "Audio.*", valueKind: .object)
        let exact = try CatalogEntry(status: "Audio.Volume", valueKind: .integer)
        let catalog = EventCatalog(entries: [subtree, exact])
        #expect(catalog.entry(matching: try XAPIPath("Audio.Volume"), kind: .status) == exact)
        #expect(catalog.entry(matching: try XAPIPath("Audio.Mute"), kind: .status) == subtree)
    }

    @Test("an exact entry with an index matches the path however its index is written")
    func indexedExactEntry() throws {
        let catalog = EventCatalog(entries: [try CatalogEntry(status: "Call[1].Status", valueKind: .string)])
        #expect(catalog.entry(matching: try XAPIPath("Call[01].Status"), kind: .status) != nil)
        #expect(catalog.entry(matching: try XAPIPath("Call[2].Status"), kind: .status) == nil)
    }

    @Test("a topic is permitted when it overlaps at least one entry", arguments: [
        ("RoomAnalytics.PeopleCount.Current", true),
        ("RoomAnalytics.*", true),
        ("*", true),
        ("*.State", true),
        ("Peripherals.ConnectedDevice[*].RoomAnalytics.*", true),
        ("Peripherals.ConnectedDevice[7].RoomAnalytics.AirQuality.Index", true),
        ("Peripherals.*.RoomAnalytics.AmbientTemperature", true),
        ("UserInterface.Extensions.*", true),
        ("RoomAnalytics.PeopleCount.Capacity", false),
        ("RoomAnalytics", false),
        ("Peripherals.ConnectedDevice.RoomAnalytics.AmbientTemperature", false),
        ("Audio.*", false),
        ("*.*.*.*.*.*.*", false),
    ])
    func permits(topic: String, expected: Bool) throws {
        #expect(EventCatalog.roomDevices.permits(try PathPattern(topic)) == expected)
    }

    @Test("entries(overlapping:) lists what a wildcard topic reaches")
    func overlapping() throws {
        let reached = EventCatalog.roomDevices.entries(overlapping: try PathPattern("UserInterface.Message.*.Response"))
        #expect(reached.map(\.pattern.rawValue) == [
            "UserInterface.Message.Prompt.Response", "UserInterface.Message.TextInput.Response",
            "UserInterface.Message.Rating.Response",
        ])
    }
}

@Suite("EventCatalog at scale")
struct CatalogScaleTests {
    @Test("a large operator catalog finds each exact entry and nothing else")
    func manyExactEntries() throws {
        let entries = try (0..<300).map { try CatalogEntry(status: "Custom.Area\($0).Value", valueKind: .integer) }
            + (0..<50).map { try CatalogEntry(event: "Custom.Area\($0).Value") }
        let catalog = EventCatalog(entries: entries)
        for number in 0..<300 {
            let path = try XAPIPath("Custom.Area\(number).Value")
            #expect(catalog.entry(matching: path, kind: .status)?.pattern.rawValue == path.rawValue)
            #expect((catalog.entry(matching: path, kind: .event) != nil) == (number < 50))
        }
        #expect(catalog.entry(matching: try XAPIPath("Custom.Area300.Value"), kind: .status) == nil)
        #expect(catalog.entry(matching: try XAPIPath("Custom.Area1.Valu"), kind: .status) == nil)
    }
}
