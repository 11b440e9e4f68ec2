import Foundation
import WebhookKit
import WebhookKitSQLite
import WebhookKitTesting

/// `webhookkit-bench sqlite-publish [--count N] [--tasks N] [--devices N] [--full]`:
/// durable publish throughput of `Dispatcher.publish` on `SQLiteOutboxStore`, with group
/// commit on and off (the peer), `synchronous=NORMAL` (crash-safe), in a temporary
/// directory.
///
/// 10 webhooks each take a tenth of the devices, so routing yields one message per
/// notification; the notifications are events (never coalesced), so every one is a row.
/// The transport holds every request forever, so delivery never competes with publish.
/// `--full` adds a `synchronous=FULL` (power-loss-safe) run with group commit.
///
/// `sqlite-publish --queued N [--devices N]`: instead, queues N events for an endpoint
/// that is down and prints the peak resident memory with them all in the SQLite outbox.
enum SQLiteBenchmark {
    struct Mode {
        let name: String
        let groupCommit: Bool
        let synchronous: SQLiteFileOptions.Synchronous
    }

    struct Figure {
        let mode: Mode
        let rate: Double
        let callsPerCommit: Double
    }

    static func run(_ arguments: [String]) async throws {
        var count = 200_000
        var tasks = 64
        var devices = 1000
        var full = false
        var onlyGroupCommit = false
        var queue: Int?
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--count": count = Int(iterator.next() ?? "") ?? count
            case "--tasks": tasks = Int(iterator.next() ?? "") ?? tasks
            case "--devices": devices = Int(iterator.next() ?? "") ?? devices
            case "--full": full = true
            case "--only-group-commit": onlyGroupCommit = true
            case "--queued":
                guard let queued = Int(iterator.next() ?? "") else { throw BenchmarkUsageError(message: "--queued takes a number") }
                queue = queued
            default: throw BenchmarkUsageError(message: "unknown option \(argument)")
            }
        }
        if let queue {
            try await measureQueue(count: queue, devices: devices)
            return
        }
        var modes = [
            Mode(name: "group commit on, NORMAL", groupCommit: true, synchronous: .normal),
            Mode(name: "group commit off, NORMAL", groupCommit: false, synchronous: .normal),
        ]
        if onlyGroupCommit { modes.removeLast() }
        if full { modes.append(Mode(name: "group commit on, FULL", groupCommit: true, synchronous: .full)) }
        let notifications = try makeNotifications(count: count, devices: devices)
        var figures: [Figure] = []
        for mode in modes {
            figures.append(try await measure(mode, notifications: notifications, tasks: tasks, devices: devices))
        }
        print("| mode | notifications/s | calls per commit | ratio to group commit off |")
        print("|---|---:|---:|---:|")
        let peer = figures.first { !$0.mode.groupCommit }?.rate ?? 1
        for figure in figures {
            print("| \(figure.mode.name) | \(Int(figure.rate)) | \(String(format: "%.1f", figure.callsPerCommit)) | \(String(format: "%.2f×", figure.rate / peer)) |")
        }
        let best = figures.first { $0.mode.groupCommit && $0.mode.synchronous == .normal }?.rate ?? 0
        print("")
        print("\(count) notifications, \(tasks) publishing tasks, \(devices) devices, 10 webhooks.")
        print("Goal ≥ 50,000 notifications/s published durably (group commit on, NORMAL): \(best >= 50_000 ? "met" : "not met") (\(Int(best))/s).")
    }

    static func makeNotifications(count: Int, devices: Int) throws -> [DeviceNotification] {
        let key = try XAPIPath("UserInterface.Extensions.Widget.Action")
        let start = Timestamp.now
        return (0..<count).map { index in
            let event = DeviceEvent(key: key, value: ["WidgetId": "lights", "Type": "pressed", "Value": .integer(Int64(index))], timestamp: start)
            return DeviceNotification(orgId: "org-1", workspaceId: WorkspaceID("room-\(index % devices)"), deviceId: DeviceID("device-\(index % devices)"), timestamp: start, body: .events([event]))
        }
    }

    static func measure(_ mode: Mode, notifications: [DeviceNotification], tasks: Int, devices: Int) async throws -> Figure {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("webhookkit-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = SQLiteDispatcherDatabase.Configuration()
        configuration.file = SQLiteFileOptions(synchronous: mode.synchronous, groupCommit: mode.groupCommit)
        let database = try SQLiteDispatcherDatabase(path: directory.appendingPathComponent("bench.sqlite").path, configuration: configuration)
        let gate = ScriptedGate()
        let transport = ScriptedTransport(default: .suspend(until: gate, then: .status(200)))
        let dispatcher = Dispatcher(transport: transport, outbox: database.outbox, registry: database.registry)
        try await dispatcher.start()
        for hook in 0..<10 {
            let owned = Set((0..<devices).filter { $0 % 10 == hook }.map { DeviceID("device-\($0)") })
            _ = try await dispatcher.createWebhook(WebhookConfiguration(
                name: "bench-\(hook)", url: "https://hook-\(hook).example.com/in", authorization: .token("t"),
                dataSource: .devices(owned), topics: ["UserInterface.Extensions.Widget.Action"], activationDelay: .zero
            ))
        }
        let before = database.commitStatistics
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    var index = task
                    while index < notifications.count {
                        try await dispatcher.publish(notifications[index])
                        index += tasks
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - started
        let after = database.commitStatistics
        let stored = await database.outbox.pendingCount
        guard stored == notifications.count else {
            throw BenchmarkUsageError(message: "stored \(stored) of \(notifications.count) messages")
        }
        // Shutdown waits for requests in flight, so let the held ones finish first.
        gate.open()
        await dispatcher.shutdown(deadline: .zero)
        await database.close()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let calls = Double(after.calls - before.calls)
        let commits = Double(max(1, after.transactions - before.transactions))
        return Figure(mode: mode, rate: Double(notifications.count) / seconds, callsPerCommit: calls / commits)
    }

    /// Peak memory with `count` events queued in the SQLite outbox for a down endpoint.
    static func measureQueue(count: Int, devices: Int) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("webhookkit-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try SQLiteDispatcherDatabase(path: directory.appendingPathComponent("queue.sqlite").path)
        var configuration = Dispatcher.Configuration()
        configuration.retryPolicy.baseDelay = .seconds(3600)
        let dispatcher = Dispatcher(configuration: configuration, transport: DownTransport(), outbox: database.outbox, registry: database.registry)
        try await dispatcher.start()
        _ = try await dispatcher.createWebhook(WebhookConfiguration(
            name: "down", url: "https://down.example.com/hook", authorization: .token("secret"), dataSource: .allDevices,
            topics: ["UserInterface.Extensions.Widget.Action"], activationDelay: .zero
        ))
        let generator = BenchmarkNotifications(devices: (0..<devices).map { DeviceID("device-\($0)") })
        var batch: [DeviceNotification] = []
        for index in 0..<count {
            batch.append(generator.event(index))
            if batch.count == 1000 {
                try await dispatcher.publish(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try await dispatcher.publish(batch) }
        let queued = await database.outbox.pendingCount
        let peak = PeakMemory.peakResidentBytes() ?? 0
        print("store=sqlite queued=\(queued) peak_rss_mib=\(peak / 1_048_576)")
        await dispatcher.shutdown(deadline: .zero)
        await database.close()
    }
}
