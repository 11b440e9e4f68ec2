import Foundation
import WebhookKit

// `webhookkit-bench routing [--notifications N] [--rounds R] [--peer-routes P]`
//
// Routes N notifications (default 1,000,000) through a SubscriptionIndex of 10,000 webhooks
// over 100,000 devices, then through one with 90,000 more webhooks that do not match, and
// compares with a linear scan over every webhook (the peer) on the same data.

/// Seeded, so every run builds the same webhooks and notifications.
private typealias BenchRandom = SplitMix64

extension SplitMix64 {
    fileprivate mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}

/// Devices, workspaces, webhooks and notifications of one benchmark run.
private struct RoutingWorld {
    static let deviceCount = 100_000
    static let devicesPerWorkspace = 2
    static let topicMixes: [[String]] = [
        ["RoomAnalytics.*"],
        ["RoomAnalytics.PeopleCount.Current", "Standby.State"],
        ["UserInterface.Extensions.*", "CallSuccessful", "CallDisconnect"],
        ["Peripherals.ConnectedDevice[*].RoomAnalytics.*", "RoomAnalytics.AmbientTemperature"],
        ["RoomAnalytics.PeopleCount.Current", "RoomAnalytics.PeoplePresence", "Bookings.Availability.Status"],
    ]
    static let statusPaths = [
        "RoomAnalytics.PeopleCount.Current", "RoomAnalytics.PeoplePresence", "RoomAnalytics.AmbientTemperature",
        "RoomAnalytics.RelativeHumidity", "RoomAnalytics.AmbientNoise.Level.A", "Standby.State",
        "Peripherals.ConnectedDevice[1003].RoomAnalytics.AirQuality.Index", "Audio.Volume",
    ]
    static let eventKeys = ["UserInterface.Extensions.Widget.Action", "CallSuccessful", "BootEvent"]

    var random = BenchRandom(seed: 0x5EED)
    let epoch = Timestamp(millisecondsSince1970: 1_796_412_934_000)
    var devices: [DeviceID] = []
    var workspaceOf: [WorkspaceID] = []
    var silentDevices: [DeviceID] = []
    var silentWorkspaces: [WorkspaceID] = []
    var base: [WebhookConfiguration] = []
    var extra: [WebhookConfiguration] = []
    var notifications: [DeviceNotification] = []

    init() throws {
        let workspaces = (0..<Self.deviceCount / Self.devicesPerWorkspace).map { _ in
            WorkspaceID.generate(at: epoch, using: &random)
        }
        for number in 0..<Self.deviceCount {
            devices.append(DeviceID.generate(at: epoch, using: &random))
            workspaceOf.append(workspaces[number / Self.devicesPerWorkspace])
        }
        silentDevices = (0..<Self.deviceCount).map { _ in DeviceID.generate(at: epoch, using: &random) }
        silentWorkspaces = (0..<Self.deviceCount / 2).map { _ in WorkspaceID.generate(at: epoch, using: &random) }

        // Base: 7,000 webhooks listing 10 devices, 2,995 listing 5 workspaces, 5 on all devices.
        for number in 0..<10_000 {
            let source: WebhookConfiguration.DataSource = switch number {
            case 0..<5: .allDevices
            case 5..<7_005: .devices(Set((0..<10).map { _ in random.pick(devices) }))
            default: .workspaces(Set((0..<5).map { _ in random.pick(workspaces) }))
            }
            base.append(webhook(number, source, state: .active))
        }
        // Extra 90,000 that never match these notifications: 80,000 on 100,000 devices and
        // 5,000 on 50,000 workspaces of another organisation that publishes nothing here,
        // and 5,000 on the publishing devices but paused, disabled or not yet active.
        for number in 10_000..<100_000 {
            let silent = number < 95_000
            let source: WebhookConfiguration.DataSource = switch number {
            case 10_000..<90_000: .devices(Set((0..<10).map { _ in random.pick(silentDevices) }))
            case 90_000..<95_000: .workspaces(Set((0..<5).map { _ in random.pick(silentWorkspaces) }))
            default: .devices(Set((0..<10).map { _ in random.pick(devices) }))
            }
            let states: [WebhookState] = [.paused, .disabled(reason: "410 Gone"), .pendingActivation]
            var configuration = webhook(number, source, state: silent ? .active : states[number % 3])
            configuration.activationDelay = .seconds(3600 * 24 * 365)
            extra.append(configuration)
        }
        try makeNotifications(count: 65_536)
    }

    private mutating func webhook(_ number: Int, _ source: WebhookConfiguration.DataSource, state: WebhookState)
        -> WebhookConfiguration
    {
        WebhookConfiguration(
            id: WebhookID("wh-\(number)"), name: "webhook \(number)", url: "https://hooks.example.com/\(number)",
            authorization: .token("token-\(number)"), dataSource: source,
            topics: Self.topicMixes[number % Self.topicMixes.count], state: state, createdAt: epoch)
    }

    /// 80% status changes of 1–3 paths (one path in eight outside the catalog), 20% single events.
    ///
    /// Every string (ids, paths) is a fresh copy, laid out with its notification, as a
    /// parser would produce it: routing then reads a just-built notification, as in the
    /// dispatcher, while the index itself is hit at random devices.
    private mutating func makeNotifications(count: Int) throws {
        func fresh(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }
        for _ in 0..<count {
            let device = Int.random(in: 0..<devices.count, using: &random)
            let body: DeviceNotification.Body
            if Int.random(in: 0..<10, using: &random) < 8 {
                let updates = try (0..<Int.random(in: 1...3, using: &random)).map { _ in
                    StatusChange.Update(
                        path: try XAPIPath(fresh(random.pick(Self.statusPaths))),
                        value: .integer(Int64.random(in: 0...40, using: &random)))
                }
                body = .status(StatusChange(updated: updates))
            } else {
                let key = try XAPIPath(fresh(random.pick(Self.eventKeys)))
                body = .events([DeviceEvent(key: key, value: ["Value": "on"], timestamp: epoch)])
            }
            notifications.append(DeviceNotification(
                workspaceId: WorkspaceID(fresh(workspaceOf[device].rawValue)),
                deviceId: DeviceID(fresh(devices[device].rawValue)), timestamp: epoch, body: body))
        }
    }
}

/// The peer: every webhook checked for every notification, the same rules applied, with
/// what can be precomputed per webhook (activation time, parsed topics) precomputed.
private struct LinearScanRouter {
    struct Entry {
        let activatesAt: Int64
        let source: WebhookConfiguration.DataSource
        let topics: [PathPattern]
    }

    let entries: [Entry]
    let catalog = EventCatalog.roomDevices

    init(_ configurations: [WebhookConfiguration]) {
        entries = configurations.map { configuration in
            let activatesAt: Int64 = switch configuration.state {
            case .active: .min
            case .pendingActivation: configuration.activatesAt.millisecondsSince1970
            case .paused, .disabled: .max
            }
            return Entry(activatesAt: activatesAt, source: configuration.dataSource, topics: configuration.topicPatterns)
        }
    }

    func route(_ notification: DeviceNotification, at now: Timestamp) -> Int {
        var copies = 0
        let now = now.millisecondsSince1970
        for entry in entries where entry.activatesAt <= now {
            let fed = switch entry.source {
            case .allDevices: true
            case .devices(let ids): notification.deviceId.map(ids.contains) ?? false
            case .workspaces(let ids): notification.workspaceId.map(ids.contains) ?? false
            }
            guard fed else { continue }
            func wanted(_ path: XAPIPath, _ kind: CatalogEntry.Kind) -> Bool {
                catalog.entry(matching: path, kind: kind) != nil && entry.topics.contains { $0.matches(path) }
            }
            switch notification.body {
            case .status(let change): if !change.filtered({ wanted($0, .status) }).isEmpty { copies += 1 }
            case .events(let events): if events.contains(where: { wanted($0.key, .event) }) { copies += 1 }
            case .healthCheck, .test: break
            }
        }
        return copies
    }
}

/// Seconds of CPU time this thread has used: unlike wall time, it does not count time
/// spent waiting while other processes share the cores.
private func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// One measurement: routes per wall-clock second and per CPU second, and copies made.
private struct Rate {
    var wall = 0.0
    var cpu = 0.0
    var copies = 0

    /// Keeps the better of each figure.
    mutating func keepBest(_ other: Rate) {
        wall = max(wall, other.wall)
        cpu = max(cpu, other.cpu)
        copies = other.copies
    }
}

/// Routes `count` notifications from the pool through `route`.
private func measure(_ count: Int, _ notifications: [DeviceNotification], _ route: (DeviceNotification) -> Int) -> Rate {
    let clock = ContinuousClock()
    var copies = 0
    let cpuStart = threadCPUSeconds()
    let elapsed = clock.measure {
        notifications.withUnsafeBufferPointer { pool in
            for number in 0..<count { copies += route(pool[number % pool.count]) }
        }
    }
    let cpu = threadCPUSeconds() - cpuStart
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Rate(wall: Double(count) / seconds, cpu: Double(count) / cpu, copies: copies)
}

func runRoutingBenchmark(_ arguments: [String]) async throws {
    func option(_ name: String, _ fallback: Int) -> Int {
        arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil } ?? fallback
    }
    let count = option("--notifications", 1_000_000)
    let rounds = option("--rounds", 3)
    let clock = ContinuousClock()
    var world: RoutingWorld?
    let worldTime = try clock.measure { world = try RoutingWorld() }
    guard let world else { return }
    var builtSmall: SubscriptionIndex?
    var builtLarge: SubscriptionIndex?
    let smallBuild = clock.measure { builtSmall = SubscriptionIndex(configurations: world.base) }
    let largeBuild = clock.measure { builtLarge = SubscriptionIndex(configurations: world.base + world.extra) }
    guard let smallIndex = builtSmall, let largeIndex = builtLarge else { return }
    let now = world.epoch.advanced(by: .seconds(3600))

    var small = Rate()
    var large = Rate()
    for _ in 0..<rounds {
        small.keepBest(measure(count, world.notifications) { smallIndex.route($0, at: now).count })
        large.keepBest(measure(count, world.notifications) { largeIndex.route($0, at: now).count })
    }
    let peerCount = max(1, option("--peer-routes", 500))
    let smallPeer = LinearScanRouter(world.base)
    let largePeer = LinearScanRouter(world.base + world.extra)
    let peerSmall = measure(peerCount, world.notifications) { smallPeer.route($0, at: now) }
    let peerLarge = measure(max(1, peerCount / 10), world.notifications) { largePeer.route($0, at: now) }
    func drop(_ before: Double, _ after: Double) -> Double { (before - after) / before * 100 }
    let met = small.cpu >= 1_000_000 && drop(small.cpu, large.cpu) < 10
    func rate(_ value: Double) -> String { String(format: "%.0f", value) }
    func percent(_ value: Double) -> String { String(format: "%.1f%%", value) }
    func perRoute(_ rate: Rate) -> String { String(format: "%.2f", Double(rate.copies) / Double(count)) }

    print("""
        ## Routing: SubscriptionIndex vs linear scan (\(ProcessInfo.processInfo.activeProcessorCount) cores)

        Setup: 100,000 publishing devices (UUID ids) in 50,000 workspaces. Base index: 10,000 active webhooks —
        7,000 listing 10 devices, 2,995 listing 5 workspaces, 5 on all devices; topics cycle through
        \(RoutingWorld.topicMixes.count) mixes (subtree wildcards, exact paths, [*] sensors, events). Large index: the same plus
        90,000 that match nothing here (80,000 on 100,000 silent devices, 5,000 on 50,000 silent workspaces,
        5,000 on publishing devices but paused, disabled or not yet active).
        Notifications: a pool of \(world.notifications.count) cycled; 80% status changes of 1–3 paths (1 in 8 outside the
        catalog), 20% single events. Index: \(count) routes per round, best of \(rounds) rounds.
        Peer: a linear scan of every webhook applying the same rules (\(peerCount) and \(max(1, peerCount / 10)) routes).
        Built the world in \(worldTime); index build \(smallBuild) (10k) and \(largeBuild) (100k).

        Figures are routes per second of this thread's CPU time (the cores are shared; wall-clock
        figures in brackets). "copies" is routed copies per notification.

        | setup | webhooks | index routes/s | copies | linear scan routes/s | index ÷ scan |
        |---|---:|---:|---:|---:|---:|
        | base | 10,000 | \(rate(small.cpu)) (\(rate(small.wall))) | \(perRoute(small)) | \(rate(peerSmall.cpu)) (\(rate(peerSmall.wall))) | \(String(format: "%.0f×", small.cpu / peerSmall.cpu)) |
        | +90,000 non-matching | 100,000 | \(rate(large.cpu)) (\(rate(large.wall))) | \(perRoute(large)) | \(rate(peerLarge.cpu)) (\(rate(peerLarge.wall))) | \(String(format: "%.0f×", large.cpu / peerLarge.cpu)) |
        | drop | | \(percent(drop(small.cpu, large.cpu))) (\(percent(drop(small.wall, large.wall)))) | | \(percent(drop(peerSmall.cpu, peerLarge.cpu))) | |

        Goal: ≥ 1,000,000 routes/s on the base index and < 10% drop with 10× more non-matching webhooks: \(met ? "met" : "NOT met").
        """)
}
