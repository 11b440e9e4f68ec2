import Testing
import WebhookKit
import WebhookKitCLI

@Suite("Device simulator")
struct DeviceSimulatorTests {
    private func run(seed: UInt64, devices: Int = 20, steps: Int = 200) -> ([DeviceNotification], DeviceSimulator) {
        var simulator = DeviceSimulator(configuration: .init(deviceCount: devices, seed: seed))
        var all: [DeviceNotification] = []
        for step in 0..<steps {
            all += simulator.advance(by: .milliseconds(250), at: Timestamp(millisecondsSince1970: 1_800_000_000_000 + Int64(step) * 250))
        }
        return (all, simulator)
    }

    @Test func sameSeedSameNotifications() {
        let (first, _) = run(seed: 42)
        let (second, _) = run(seed: 42)
        let (other, _) = run(seed: 43)
        #expect(!first.isEmpty)
        #expect(first == second)
        #expect(first != other)
    }

    @Test func devicesShareAQuarterAsManyWorkspaces() {
        let simulator = DeviceSimulator(configuration: .init(deviceCount: 20, seed: 1))
        #expect(simulator.devices.count == 20)
        #expect(simulator.workspaceIDs.count == 5)
        #expect(DeviceSimulator(configuration: .init(deviceCount: 3, seed: 1)).workspaceIDs.count == 1)
    }

    @Test func peopleStayWithinCapacityAndPresenceFollows() throws {
        let (notifications, simulator) = run(seed: 7, steps: 400)
        let capacity = Dictionary(simulator.devices.map { ($0.id, $0.capacity) }, uniquingKeysWith: { first, _ in first })
        let people = try XAPIPath("RoomAnalytics.PeopleCount.Current")
        let presence = try XAPIPath("RoomAnalytics.PeoplePresence")
        var sawPeople = false
        for notification in notifications {
            guard case .status(let change) = notification.body, let device = notification.deviceId else { continue }
            if case .integer(let count)? = change.value(of: people) {
                sawPeople = sawPeople || count > 0
                #expect(count >= 0 && count <= Int64(capacity[device] ?? 0))
            }
        }
        #expect(sawPeople)
        for device in simulator.devices {
            #expect(device.people <= device.capacity)
        }
        #expect(notifications.contains { if case .status(let change) = $0.body { change.value(of: presence) == "Yes" } else { false } })
    }

    @Test func everyPathIsInTheCatalogAndEventsOccur() {
        let (notifications, _) = run(seed: 3, steps: 800)
        let catalog = EventCatalog.roomDevices
        var events = 0
        for notification in notifications {
            switch notification.body {
            case .status(let change):
                for path in change.paths { #expect(catalog.entry(matching: path, kind: .status) != nil, "\(path)") }
            case .events(let list):
                events += list.count
                for event in list { #expect(catalog.entry(matching: event.key, kind: .event) != nil, "\(event.key)") }
            default:
                Issue.record("unexpected \(notification.kind)")
            }
        }
        #expect(events > 0)
    }

    @Test func occupancyCurveFollowsOfficeHours() {
        let curve = OccupancyCurve.officeHours
        #expect(curve.share(atHour: 3) == 0)
        #expect(curve.share(atHour: 10) == 0.7)
        #expect(curve.share(atHour: 12.5) < curve.share(atHour: 10))
        #expect(curve.share(atHour: 22) == 0)
        #expect(curve.share(atHour: 34) == curve.share(atHour: 10))
    }
}
