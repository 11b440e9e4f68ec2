import Foundation
import Testing
import WebhookKit
import WebhookKitSQLite

@Suite("SQLite notification store")
struct SQLiteNotificationStoreTests {
    static let t0 = Timestamp(millisecondsSince1970: 1_800_000_000_000)

    static func status(_ device: DeviceID, workspace: WorkspaceID = "room-1", at seconds: Int64, _ pairs: [(String, JSONValue)], removed: [String] = []) throws -> DeviceNotification {
        let change = StatusChange(
            updated: try pairs.map { .init(path: try XAPIPath($0.0), value: $0.1) },
            removed: try removed.map { try XAPIPath($0) }
        )
        return DeviceNotification(orgId: "org", workspaceId: workspace, deviceId: device, webhookId: "wh-1", timestamp: t0.advanced(by: .seconds(seconds)), body: .status(change))
    }

    static func widget(_ device: DeviceID, at seconds: Int64) throws -> DeviceNotification {
        let event = DeviceEvent(key: try XAPIPath("UserInterface.Extensions.Widget.Action"), value: ["WidgetId": "lights", "Value": "on"], timestamp: t0.advanced(by: .seconds(seconds)))
        return DeviceNotification(workspaceId: "room-2", deviceId: device, timestamp: t0.advanced(by: .seconds(seconds)), body: .events([event]))
    }

    @Test("a notification is stored once; a retried one reports a duplicate; it reads back exactly")
    func insertOnce() async throws {
        try await TestDirectory.with { directory in
            let store = try SQLiteNotificationStore(path: directory.path("received.sqlite"))
            let notification = try Self.status("d1", at: 0, [("RoomAnalytics.PeopleCount.Current", 3)])
            #expect(try await store.insertIfAbsent(notification))
            #expect(try await !store.insertIfAbsent(notification))
            #expect(try await store.count() == 1)
            #expect(try await store.notifications() == [notification])
            await store.close()
        }
    }

    @Test("concurrent deliveries of the same ids store each id once, and survive a restart")
    func concurrentDuplicates() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("received.sqlite")
            let store = try SQLiteNotificationStore(path: path)
            let notifications = try (0..<40).map { try Self.widget(DeviceID("d\($0 % 4)"), at: Int64($0)) }
            let inserted = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        var count = 0
                        for notification in notifications where try await store.insertIfAbsent(notification) { count += 1 }
                        return count
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(inserted == 40)
            await store.close()
            let reopened = try SQLiteNotificationStore(path: path)
            #expect(Set(try await reopened.allIDsInArrivalOrder()) == Set(notifications.map(\.id)))
            #expect(try await reopened.count() == 40)
            await reopened.close()
        }
    }

    @Test("queries filter by device, workspace, path and time range, oldest first")
    func queries() async throws {
        try await TestDirectory.with { directory in
            let store = try SQLiteNotificationStore(path: directory.path("received.sqlite"))
            let a = try Self.status("d1", at: 10, [("RoomAnalytics.PeopleCount.Current", 3)])
            let b = try Self.status("d2", workspace: "room-9", at: 20, [("RoomAnalytics.AmbientTemperature", 21.5)])
            let c = try Self.widget("d1", at: 30)
            let d = try Self.status("d1", at: 5, [("RoomAnalytics.PeopleCount.Current", 1), ("Standby.State", "Off")])
            for notification in [a, b, c, d] { _ = try await store.insertIfAbsent(notification) }
            #expect(try await store.notifications(device: "d1").map(\.id) == [d.id, a.id, c.id])
            #expect(try await store.notifications(workspace: "room-9").map(\.id) == [b.id])
            let people = try XAPIPath("RoomAnalytics.PeopleCount.Current")
            #expect(try await store.notifications(path: people).map(\.id) == [d.id, a.id])
            #expect(try await store.notifications(device: "d2", path: people).isEmpty)
            #expect(try await store.notifications(path: try XAPIPath("UserInterface.Extensions.Widget.Action")).map(\.id) == [c.id])
            #expect(try await store.notifications(from: Self.t0.advanced(by: .seconds(10)), to: Self.t0.advanced(by: .seconds(30))).map(\.id) == [a.id, b.id])
            #expect(try await store.notifications(limit: 2).map(\.id) == [d.id, a.id])
            await store.close()
        }
    }

    @Test("the latest value per device and path follows the device's timestamps, and a removal clears it")
    func latestValues() async throws {
        try await TestDirectory.with { directory in
            let store = try SQLiteNotificationStore(path: directory.path("received.sqlite"))
            let people = try XAPIPath("RoomAnalytics.PeopleCount.Current")
            let standby = try XAPIPath("Standby.State")
            let newer = try Self.status("d1", at: 20, [("RoomAnalytics.PeopleCount.Current", 4)])
            let older = try Self.status("d1", at: 10, [("RoomAnalytics.PeopleCount.Current", 2), ("Standby.State", "Off")])
            let temperature = try Self.status("d1", at: 15, [("RoomAnalytics.AmbientTemperature", 21.5)])
            _ = try await store.insertIfAbsent(newer)
            _ = try await store.insertIfAbsent(older)
            _ = try await store.insertIfAbsent(temperature)
            _ = try await store.insertIfAbsent(try Self.status("d2", at: 30, [("RoomAnalytics.PeopleCount.Current", 9)]))
            #expect(try await store.latestValue(device: "d1", path: people) == StoredValue(value: 4, timestamp: newer.timestamp, messageID: newer.id))
            #expect(try await store.latestValue(device: "d1", path: standby)?.value == "Off")
            _ = try await store.insertIfAbsent(try Self.status("d1", at: 40, [], removed: ["Standby.State"]))
            #expect(try await store.latestValue(device: "d1", path: standby) == nil)
            #expect(try await store.latestValue(device: "d3", path: people) == nil)
            let all = try await store.latestValues(device: "d1")
            #expect(all.mapValues(\.value) == [people: 4, try XAPIPath("RoomAnalytics.AmbientTemperature"): 21.5])
            await store.close()
        }
    }

    @Test("a receiver on the store answers 200 to a first delivery and to its retry, storing it once")
    func receiver() async throws {
        try await TestDirectory.with { directory in
            let store = try SQLiteNotificationStore(path: directory.path("received.sqlite"))
            let receiver = WebhookReceiver(configuration: .init(authorization: .token("tok"), store: store))
            let notification = try Self.widget("d1", at: 0)
            let body = WireEncoder().encode(notification)
            let headers: HTTPHeaders = ["Authorization": "tok", "Content-Type": "application/json"]
            #expect(await receiver.handle(method: "POST", headers: headers, body: body).status == 200)
            #expect(await receiver.handle(method: "POST", headers: headers, body: body).status == 200)
            #expect(try await store.allIDsInArrivalOrder() == [notification.id])
            await store.close()
        }
    }

    @Test("a store that cannot write makes the receiver answer 503, so the sender retries")
    func receiverStoreFailure() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("received.sqlite")
            await (try SQLiteNotificationStore(path: path)).close()
            let store = try SQLiteNotificationStore(path: path, configuration: .init(file: SQLiteFileOptions(readOnly: true)))
            let receiver = WebhookReceiver(configuration: .init(authorization: nil, store: store))
            let response = await receiver.handle(method: "POST", headers: [:], body: WireEncoder().encode(try Self.widget("d1", at: 0)))
            #expect(response.status == 503)
            #expect(try await store.count() == 0)
            await store.close()
        }
    }
}
