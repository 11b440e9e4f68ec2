import Foundation
import Synchronization
import WebhookKit
import WebhookKitHTTP
import WebhookKitSQLite

/// `webhookkit-bench dispatcher --url URL --ca PEM [--webhooks 50] [--devices 1000] [--notifications 100000] [--store memory|sqlite]`
/// `webhookkit-bench dispatcher --queued 1000000 [--devices 1000]`
/// `webhookkit-bench dispatcher --url instant: [--queued-first] [--store …]`
///
/// Delivery mode: registers `--webhooks` webhooks over `--devices` devices (each device
/// feeds exactly one webhook), publishes the notifications as fast as the dispatcher
/// accepts them and waits until every one was answered 200. Prints one line
/// `delivered_per_second=… p50_ms=… p99_ms=… seconds=…` for `Benchmarks/dispatcher.sh`.
///
/// With `--url instant:` every request is answered 200 at once without any I/O, which
/// measures the dispatcher's own cost per delivery (routing, outbox, lanes, metrics).
/// With `--queued-first` the answers are held back until everything is published, and
/// the time counts from then: delivery alone, from lanes that are all full.
///
/// Queue mode: the endpoint is down (a closed port); publishes `--queued` events and
/// prints the peak resident memory with them all queued.
enum DispatcherBenchmark {
    static func run(_ arguments: [String]) async throws {
        let options = try BenchmarkOptions(arguments, flagNames: ["--queued-first"])
        let devices = try options.int("--devices", default: 1000)
        if let queued = options.string("--queued") {
            guard let count = Int(queued) else { throw BenchmarkUsageError(message: "--queued takes a number") }
            try await measureQueue(count: count, devices: devices)
            return
        }
        guard let url = options.string("--url") else { throw BenchmarkUsageError(message: "--url is required") }
        try await measureDelivery(
            url: url,
            trustAnchors: options.string("--ca"),
            webhooks: try options.int("--webhooks", default: 50),
            devices: devices,
            notifications: try options.int("--notifications", default: 100_000),
            durable: options.string("--store") == "sqlite",
            queuedFirst: options.flags.contains("--queued-first")
        )
    }

    static func measureDelivery(url: String, trustAnchors: String?, webhooks: Int, devices: Int, notifications: Int, durable: Bool, queuedFirst: Bool) async throws {
        var transportConfiguration = HTTPClientTransport.Configuration()
        transportConfiguration.extraTrustAnchorsFile = trustAnchors
        let instant = url == "instant:"
        let gate = InstantTransport(held: queuedFirst)
        let transport: any WebhookTransport = instant ? gate : try HTTPClientTransport(configuration: transportConfiguration)
        let hookURL = instant ? "https://receiver.example.com/" : url
        var configuration = Dispatcher.Configuration()
        configuration.coalesceStatuses = false
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dispatcher-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database: SQLiteDispatcherDatabase?
        let outbox: any OutboxStore
        let registry: any WebhookRegistryStore
        if durable {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var options = SQLiteDispatcherDatabase.Configuration()
            options.outboxCapacity = 200_000
            let opened = try SQLiteDispatcherDatabase(path: directory + "/outbox.sqlite", configuration: options)
            (database, outbox, registry) = (opened, opened.outbox, opened.registry)
        } else {
            (database, outbox, registry) = (nil, InMemoryOutboxStore(capacity: 200_000), InMemoryWebhookRegistryStore())
        }
        let dispatcher = Dispatcher(configuration: configuration, transport: transport, outbox: outbox, registry: registry)
        try await dispatcher.start()
        let deviceIDs = (0..<devices).map { DeviceID("device-\($0)") }
        let perWebhook = max(1, devices / webhooks)
        for index in 0..<webhooks {
            let owned = deviceIDs[(index * perWebhook)..<min(devices, (index + 1) * perWebhook)]
            _ = try await dispatcher.createWebhook(WebhookConfiguration(
                id: WebhookID(""), name: "bench-\(index)", url: hookURL + "hook/\(index)",
                authorization: .basic(username: "webhook", password: "secret"),
                dataSource: .devices(Set(owned)), topics: ["RoomAnalytics.*", "UserInterface.Extensions.Widget.Action"],
                activationDelay: .zero, allowPrivateNetworks: true
            ))
        }
        let generator = BenchmarkNotifications(devices: deviceIDs)
        var started = ContinuousClock.now
        var batch: [DeviceNotification] = []
        for index in 0..<notifications {
            batch.append(generator.notification(index))
            if batch.count == 200 {
                try await dispatcher.publish(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try await dispatcher.publish(batch) }
        if queuedFirst {
            started = ContinuousClock.now
            gate.open()
        }
        while dispatcher.metrics.snapshot().totals.delivered < UInt64(notifications) {
            try await Task.sleep(for: .milliseconds(5))
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let totals = dispatcher.metrics.snapshot().totals
        let failures = totals.failed
        await dispatcher.shutdown(deadline: .seconds(2))
        (transport as? HTTPClientTransport)?.shutdown()
        await database?.close()
        print(String(
            format: "delivered_per_second=%.0f p50_ms=%.1f p99_ms=%.1f seconds=%.2f failures=%d",
            Double(notifications) / seconds,
            (totals.latency.quantile(0.5) ?? 0) * 1000,
            (totals.latency.quantile(0.99) ?? 0) * 1000,
            seconds, failures
        ))
    }

    static func measureQueue(count: Int, devices: Int) async throws {
        var configuration = Dispatcher.Configuration()
        configuration.retryPolicy.baseDelay = .seconds(3600)
        let outbox = InMemoryOutboxStore()
        let dispatcher = Dispatcher(configuration: configuration, transport: DownTransport(), outbox: outbox)
        try await dispatcher.start()
        _ = try await dispatcher.createWebhook(WebhookConfiguration(
            id: WebhookID(""), name: "down", url: "https://down.example.com/hook",
            authorization: .token("secret"), dataSource: .allDevices,
            topics: ["UserInterface.Extensions.Widget.Action"], activationDelay: .zero
        ))
        let generator = BenchmarkNotifications(devices: (0..<devices).map { DeviceID("device-\($0)") })
        let before = PeakMemory.residentBytes() ?? 0
        var batch: [DeviceNotification] = []
        for index in 0..<count {
            batch.append(generator.event(index))
            if batch.count == 1000 {
                try await dispatcher.publish(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try await dispatcher.publish(batch) }
        let queued = await outbox.pendingCount
        let peak = PeakMemory.peakResidentBytes() ?? 0
        print("queued=\(queued) peak_rss_mib=\(peak / 1_048_576) baseline_rss_mib=\(before / 1_048_576)")
        await dispatcher.shutdown(deadline: .zero)
    }
}

/// A transport whose endpoint is always down.
struct DownTransport: WebhookTransport {
    func send(_ request: WebhookRequest) async throws(TransportError) -> WebhookResponse {
        throw TransportError(.connect, "connection refused")
    }
}

/// A transport that answers 200 without I/O, to measure the dispatcher alone: at once,
/// or, when `held`, only after ``open()``.
final class InstantTransport: WebhookTransport {
    private let state: Mutex<(open: Bool, waiting: [CheckedContinuation<Void, Never>])>

    init(held: Bool) {
        state = Mutex((!held, []))
    }

    func open() {
        let waiting = state.withLock { state in
            state.open = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for waiter in waiting { waiter.resume() }
    }

    func send(_ request: WebhookRequest) async throws(TransportError) -> WebhookResponse {
        if !state.withLock({ $0.open }) {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    if state.open { return true }
                    state.waiting.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
        return WebhookResponse(statusCode: 200, headers: HTTPHeaders(), bodyExcerpt: [], remoteAddress: nil)
    }
}

/// Deterministic notifications of about 400 bytes on the wire.
struct BenchmarkNotifications {
    let devices: [DeviceID]

    func notification(_ index: Int) -> DeviceNotification {
        index % 4 == 3 ? event(index) : status(index)
    }

    func status(_ index: Int) -> DeviceNotification {
        let device = devices[index % devices.count]
        let change = StatusChange(updated: [
            .init(path: Self.peopleCount, value: .integer(Int64(index % 12))),
            .init(path: Self.temperature, value: .double(20 + Double(index % 50) / 10)),
            .init(path: Self.humidity, value: .integer(Int64(35 + index % 20))),
        ])
        return DeviceNotification(orgId: "org-1", workspaceId: WorkspaceID("ws-\(index % devices.count / 4)"), deviceId: device, body: .status(change))
    }

    func event(_ index: Int) -> DeviceNotification {
        let device = devices[index % devices.count]
        let event = DeviceEvent(
            key: Self.widget,
            value: ["WidgetId": "lights", "Type": "pressed", "Value": .string(index % 2 == 0 ? "on" : "off")],
            timestamp: .now
        )
        return DeviceNotification(orgId: "org-1", workspaceId: WorkspaceID("ws-\(index % devices.count / 4)"), deviceId: device, body: .events([event]))
    }

    // These literals are valid paths; parsing them cannot fail.
    static let peopleCount = try! XAPIPath("RoomAnalytics.PeopleCount.Current")
    static let temperature = try! XAPIPath("RoomAnalytics.AmbientTemperature")
    static let humidity = try! XAPIPath("RoomAnalytics.RelativeHumidity")
    static let widget = try! XAPIPath("UserInterface.Extensions.Widget.Action")
}
