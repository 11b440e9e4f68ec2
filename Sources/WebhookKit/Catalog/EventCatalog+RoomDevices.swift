extension EventCatalog {
    /// The approved statuses and events of meeting-room devices: room analytics (people,
    /// presence, noise, temperature, humidity, air quality, reverberation), standby, calls,
    /// presentations, bookings, and touch-panel interactions.
    ///
    /// Operators extend it with ``adding(_:)`` or build their own with
    /// ``init(entries:)``.
    public static let roomDevices = EventCatalog(entries: (roomDeviceStatuses + roomDeviceEvents).compactMap { $0 })

    private static let roomDeviceStatuses: [CatalogEntry?] = [
        status("RoomAnalytics.PeopleCount.Current", .integer, "People counted in the room; -1 when counting is off"),
        status("RoomAnalytics.PeoplePresence", .enumeration(["Yes", "No", "Unknown"]), "Whether people are present"),
        status("RoomAnalytics.Engagement.CloseProximity", .enumeration(["True", "False"]),
               "Whether someone is close to the device"),
        status("RoomAnalytics.AmbientNoise.Level.A", .integer, "Stationary ambient noise, dBA"),
        status("RoomAnalytics.Sound.Level.A", .integer, "Current sound level, dBA"),
        status("RoomAnalytics.AmbientTemperature", .number, "Air temperature, degrees Celsius"),
        status("RoomAnalytics.RelativeHumidity", .integer, "Relative humidity, percent"),
        status("RoomAnalytics.ReverberationTime.Middle.RT60", .number, "Reverberation time (RT60), middle band"),
        status("RoomAnalytics.AirQuality.Index", .number, "Air quality index of volatile organic compounds"),
        status("Peripherals.ConnectedDevice[*].RoomAnalytics.AmbientTemperature", .number,
               "Air temperature at a connected room sensor, degrees Celsius"),
        status("Peripherals.ConnectedDevice[*].RoomAnalytics.RelativeHumidity", .integer,
               "Relative humidity at a connected room sensor, percent"),
        status("Peripherals.ConnectedDevice[*].RoomAnalytics.AirQuality.Index", .number,
               "Air quality index at a connected room sensor"),
        status("Standby.State", .enumeration(["Off", "Halfwake", "EnteringStandby", "Standby"]), "Standby state"),
        status("SystemUnit.State.NumberOfActiveCalls", .integer, "Calls in progress"),
        status("Conference.Presentation.LocalInstance[*].SendingMode", .enumeration(["LocalRemote", "LocalOnly", "Off"]),
               "How a local presentation is shared"),
        status("Bookings.Availability.Status", .enumeration(["Free", "BookedSoon", "Booked"]),
               "Whether the room is booked"),
    ]

    private static let roomDeviceEvents: [CatalogEntry?] = [
        event("BootEvent", "The device started"),
        event("CallSuccessful", "A call connected"),
        event("CallDisconnect", "A call ended"),
        event("UserInterface.Extensions.Widget.Action", "A custom panel widget was used"),
        event("UserInterface.Extensions.Panel.Clicked", "A custom panel button was pressed"),
        event("UserInterface.Message.Prompt.Response", "Someone answered a prompt"),
        event("UserInterface.Message.TextInput.Response", "Someone submitted text input"),
        event("UserInterface.Message.Rating.Response", "Someone submitted a rating"),
    ]

    // The texts above are constants checked by the catalog tests; an entry that failed to
    // parse would be missing from `roomDevices`, which those tests detect.
    private static func status(_ text: String, _ valueKind: CatalogEntry.ValueKind, _ summary: String) -> CatalogEntry? {
        entry(text, .status, valueKind, summary)
    }

    private static func event(_ text: String, _ summary: String) -> CatalogEntry? {
        entry(text, .event, .object, summary)
    }

    private static func entry(
        _ text: String, _ kind: CatalogEntry.Kind, _ valueKind: CatalogEntry.ValueKind, _ summary: String
    ) -> CatalogEntry? {
        guard let pattern = try? PathPattern(text) else { return nil }
        return CatalogEntry(pattern: pattern, kind: kind, valueKind: valueKind, summary: summary)
    }
}
