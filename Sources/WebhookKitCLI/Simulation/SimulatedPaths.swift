import WebhookKit

/// The catalog paths the simulator reports.
struct SimulatedPaths: Sendable {
    let peopleCount: XAPIPath
    let presence: XAPIPath
    let temperature: XAPIPath
    let humidity: XAPIPath
    let ambientNoise: XAPIPath
    let soundLevel: XAPIPath
    let activeCalls: XAPIPath
    let widgetAction: XAPIPath
    let callSuccessful: XAPIPath
    let callDisconnect: XAPIPath

    /// The parsed paths; the texts are constants, checked by the simulator tests.
    static let shared: SimulatedPaths? = try? SimulatedPaths()

    private init() throws(PathError) {
        peopleCount = try XAPIPath("RoomAnalytics.PeopleCount.Current")
        presence = try XAPIPath("RoomAnalytics.PeoplePresence")
        temperature = try XAPIPath("RoomAnalytics.AmbientTemperature")
        humidity = try XAPIPath("RoomAnalytics.RelativeHumidity")
        ambientNoise = try XAPIPath("RoomAnalytics.AmbientNoise.Level.A")
        soundLevel = try XAPIPath("RoomAnalytics.Sound.Level.A")
        activeCalls = try XAPIPath("SystemUnit.State.NumberOfActiveCalls")
        widgetAction = try XAPIPath("UserInterface.Extensions.Widget.Action")
        callSuccessful = try XAPIPath("CallSuccessful")
        callDisconnect = try XAPIPath("CallDisconnect")
    }
}
