import Foundation
import Testing
import WebhookKit
import WebhookKitSQLite
import WebhookKitTesting

/// The dispatcher end to end on the SQLite stores, with a scripted transport and a
/// manual clock.
@Suite("Dispatcher on SQLite")
struct SQLiteDispatcherTests {
    struct Harness {
        let database: SQLiteDispatcherDatabase
        let dispatcher: Dispatcher
        let transport: ScriptedTransport
        let clock: ManualClock

        init(path: String, transport: ScriptedTransport = ScriptedTransport(status: 200), clock: ManualClock = ManualClock()) async throws {
            var databaseConfiguration = SQLiteDispatcherDatabase.Configuration()
            databaseConfiguration.clock = clock
            database = try SQLiteDispatcherDatabase(path: path, configuration: databaseConfiguration)
            var configuration = Dispatcher.Configuration()
            configuration.randomSeed = 7
            configuration.deliveryLog = database.deliveryLog
            dispatcher = Dispatcher(configuration: configuration, transport: transport, outbox: database.outbox, registry: database.registry, clock: clock)
            self.transport = transport
            self.clock = clock
            try await dispatcher.start()
        }

        func webhook() async throws -> WebhookConfiguration {
            try await dispatcher.createWebhook(WebhookConfiguration(
                id: "wh-1", name: "analytics", url: "https://hooks.example.com/in", authorization: .token("tok-123"),
                dataSource: .allDevices, topics: ["UserInterface.Extensions.Widget.Action"], activationDelay: .zero
            ))
        }

        func stop() async {
            await dispatcher.shutdown(deadline: .zero)
            await database.close()
        }

        /// Waits (without moving time) until `condition` holds; fails after 10 s.
        func eventually(_ what: String, _ condition: () async throws -> Bool) async rethrows {
            let limit = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < limit {
                if try await condition() { return }
                await Task.yield()
            }
            Issue.record("timed out waiting for: \(what)")
        }

        func drained() async {
            await eventually("outbox drained") {
                let pending = await database.outbox.pendingCount
                let inFlight = await dispatcher.requestsInFlight
                return pending == 0 && inFlight == 0
            }
        }

        func sentIDs() -> [String] {
            transport.requests.compactMap { $0.headers["webhook-id"] }
        }
    }

    static func widget(_ device: DeviceID, _ value: String) throws -> DeviceNotification {
        let event = DeviceEvent(key: try XAPIPath("UserInterface.Extensions.Widget.Action"), value: ["Value": .string(value)], timestamp: ManualClock.defaultStart)
        return DeviceNotification(workspaceId: "room-1", deviceId: device, timestamp: ManualClock.defaultStart, body: .events([event]))
    }

    @Test("published notifications are delivered in order per device and logged")
    func delivery() async throws {
        try await TestDirectory.with { directory in
            let harness = try await Harness(path: directory.path("dispatcher.sqlite"))
            _ = try await harness.webhook()
            var published: [DeviceID: [String]] = [:]
            for round in 0..<10 {
                for device in ["d1", "d2", "d3"] as [DeviceID] {
                    let notification = try Self.widget(device, "\(round)")
                    published[device, default: []].append(notification.id.rawValue)
                    try await harness.dispatcher.publish(notification)
                }
            }
            await harness.drained()
            var delivered: [DeviceID: [String]] = [:]
            for request in harness.transport.requests {
                let notification = try WireDecoder().decode(request.body)
                delivered[notification.deviceId ?? "-", default: []].append(notification.id.rawValue)
            }
            #expect(delivered == published)
            let log = try await harness.database.deliveryLog.recent(webhook: "wh-1", limit: 100)
            #expect(log.count == 30)
            #expect(log.allSatisfy { $0.statusCode == 200 && $0.failure == nil })
            await harness.stop()
        }
    }

    @Test("after a stop, a new dispatcher on the same file delivers what remained, with the same ids and attempt counts")
    func restart() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("dispatcher.sqlite")
            let failing = ScriptedTransport(status: 503)
            let first = try await Harness(path: path, transport: failing)
            _ = try await first.webhook()
            let notifications = try (0..<3).map { try Self.widget("d1", "\($0)") }
            try await first.dispatcher.publish(notifications)
            await first.eventually("first attempt") { failing.requestCount == 1 }
            try await first.eventually("attempt recorded") {
                (try await first.database.outbox.head(of: LaneKey(webhookID: "wh-1", deviceID: "d1"), limit: 1).first?.attempts) == 1
            }
            await first.stop()

            let clock = ManualClock()
            let second = try await Harness(path: path, clock: clock)
            #expect(await second.dispatcher.webhook("wh-1")?.name == "analytics")
            let head = try #require(try await second.database.outbox.head(of: LaneKey(webhookID: "wh-1", deviceID: "d1"), limit: 1).first)
            #expect(head.id == notifications[0].id)
            #expect(head.attempts == 1)
            clock.advance(to: head.nextAttemptAt)
            await second.drained()
            #expect(second.sentIDs() == notifications.map(\.id.rawValue))
            let attempts = try await second.database.deliveryLog.attempts(webhook: "wh-1", messageID: notifications[0].id)
            #expect(attempts.map(\.attempt) == [2, 1])
            #expect(attempts.map(\.statusCode) == [200, 503])
            await second.stop()
        }
    }

    @Test("a message in flight when the process dies is sent again with the same id")
    func inFlightAtCrash() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("dispatcher.sqlite")
            let image = directory.path("image.sqlite")
            let gate = ScriptedGate()
            let held = ScriptedTransport(default: .suspend(until: gate, then: .status(200)))
            let first = try await Harness(path: path, transport: held)
            _ = try await first.webhook()
            let notification = try Self.widget("d1", "on")
            try await first.dispatcher.publish(notification)
            await gate.waitForArrivals(count: 1)
            try directory.crashImage(of: path, to: image)
            gate.open()
            await first.stop()

            let second = try await Harness(path: image)
            await second.drained()
            #expect(held.sentIDs == [notification.id.rawValue])
            #expect(second.sentIDs() == [notification.id.rawValue])
            await second.stop()
        }
    }

    @Test("dead letters of a disabled webhook survive a restart and replay")
    func deadLettersReplay() async throws {
        try await TestDirectory.with { directory in
            let path = directory.path("dispatcher.sqlite")
            let gone = ScriptedTransport(status: 410)
            let first = try await Harness(path: path, transport: gone)
            _ = try await first.webhook()
            let notifications = try (0..<2).map { try Self.widget("d1", "\($0)") }
            try await first.dispatcher.publish(notifications)
            await first.eventually("webhook disabled") {
                if case .disabled = await first.dispatcher.webhook("wh-1")?.state { return true }
                return false
            }
            try await first.eventually("dead-lettered") { (try await first.database.outbox.deadLetters(webhook: "wh-1", limit: 10).count) == 2 }
            await first.stop()

            let second = try await Harness(path: path)
            guard case .disabled = await second.dispatcher.webhook("wh-1")?.state else {
                Issue.record("the disabled state was not persisted")
                return
            }
            #expect(try await second.dispatcher.enable("wh-1", replayDeadLetters: true) == 2)
            await second.drained()
            #expect(second.sentIDs() == notifications.map(\.id.rawValue))
            await second.stop()
        }
    }
}

extension ScriptedTransport {
    var sentIDs: [String] { requests.compactMap { $0.headers["webhook-id"] } }
}
