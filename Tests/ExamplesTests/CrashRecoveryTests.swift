import Foundation
import Synchronization
import Testing
import WebhookKit
import WebhookKitHTTP
import WebhookKitSQLite
import WebhookKitTesting

/// The durability promise under `kill -9`: `webhook-dispatcher publish` (SQLite outbox) is
/// killed at random moments while it delivers to a receiver (HTTPServer + SQLite store)
/// that also refuses every 100th request with 503 or 429 and `Retry-After: 1`, and started
/// again each time, replaying its whole input as a crashed publisher would.
/// Afterwards the receiver holds every message exactly once, each device's messages first
/// arrived in publish order, and the outbox is empty.
///
/// `scripts/crash-test.sh MESSAGES KILLS` runs the same test at a larger scale.
@Suite("Crash recovery")
struct CrashRecoveryTests {
    static let messages = Int(ProcessInfo.processInfo.environment["WEBHOOKKIT_CRASH_MESSAGES"] ?? "") ?? 5_000
    static let kills = Int(ProcessInfo.processInfo.environment["WEBHOOKKIT_CRASH_KILLS"] ?? "") ?? 3
    static let devices = 20

    @Test("SIGKILL at random moments loses nothing, duplicates nothing, keeps per-device order")
    func killAndRestart() async throws {
        let directory = try Executables.temporaryDirectory("crash")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ca = try DevCertificateAuthority(directory: directory + "/ca")
        let certificate = try ca.issue(name: "receiver")
        let store = try SQLiteNotificationStore(path: directory + "/received.sqlite")
        let receiver = WebhookReceiver(configuration: .init(authorization: .basic(username: "hub", password: "pa55"), store: store))
        let pipeline = WebhookReceiverHandler(receiver)
        let requests = Atomic<Int>(0)
        let refused = Atomic<Int>(0)
        let faulty = HTTPClosureHandler { request in
            let number = requests.add(1, ordering: .relaxed).newValue
            guard number % 100 == 0 else { return await pipeline.handle(request) }
            refused.add(1, ordering: .relaxed)
            return HTTPResponse(status: number % 200 == 0 ? 429 : 503, headers: ["Retry-After": "1"])
        }
        let server = try HTTPServer(
            configuration: .init(host: "127.0.0.1", port: 0, tls: TLSServerConfiguration(
                certificateChainPath: certificate.certificatePath, privateKeyPath: certificate.privateKeyPath)),
            handler: faulty)
        let port = try server.start()
        let outboxPath = directory + "/dispatcher.sqlite"
        let added = try await Executables.run("webhook-dispatcher", [
            "webhooks", "add", "--store", outboxPath, "--name", "crash", "--url", "https://localhost:\(port)/in",
            "--basic", "hub:pa55", "--topics", "UserInterface.Extensions.Widget.Action",
            "--activation-delay", "0", "--allow-private-networks",
        ])
        #expect(added.status == 0, "\(added.errorOutput)")

        let (input, published) = try Self.writeInput(to: directory + "/notifications.jsonl")
        var random = SplitMix64(seed: UInt64(Date().timeIntervalSince1970))
        for kill in 0..<Self.kills {
            let publisher = try Self.startPublisher(store: outboxPath, ca: ca.certificatePath, input: input, log: directory + "/publish-\(kill).log")
            try await Task.sleep(for: .milliseconds(Int.random(in: 200...2_500, using: &random)))
            try await publisher.killAndWait()
            let stored = try await store.count()
            print("crash test: SIGKILL \(kill + 1) of \(Self.kills) with \(stored) of \(Self.messages) stored")
        }
        let finalRun = try Self.startPublisher(store: outboxPath, ca: ca.certificatePath, input: input, log: directory + "/publish-final.log")
        let status = try await finalRun.wait()
        #expect(status == 0, "\((try? String(contentsOfFile: directory + "/publish-final.log", encoding: .utf8)) ?? "")")
        await server.shutdown(deadline: .seconds(2))
        #expect(refused.load(ordering: .relaxed) > 0, "faults were injected")

        let arrived = try await store.allIDsInArrivalOrder()
        #expect(arrived.count == Self.messages, "every message stored exactly once")
        #expect(Set(arrived) == Set(published.map(\.id)))
        let deviceOf = Dictionary(uniqueKeysWithValues: published.map { ($0.id, $0.deviceId) })
        var firstArrival: [DeviceID: [MessageID]] = [:]
        for id in arrived { if let device = deviceOf[id] ?? nil { firstArrival[device, default: []].append(id) } }
        var publishOrder: [DeviceID: [MessageID]] = [:]
        for notification in published { if let device = notification.deviceId { publishOrder[device, default: []].append(notification.id) } }
        #expect(firstArrival == publishOrder, "per-device order of first arrival")
        await store.close()

        let database = try SQLiteDispatcherDatabase(path: outboxPath)
        #expect(try await database.outbox.pendingCounts().isEmpty, "the outbox is empty")
        await database.close()
    }

    /// Events (never coalesced) for `devices` devices, round robin, as JSON lines.
    static func writeInput(to path: String) throws -> (String, [DeviceNotification]) {
        let key = try XAPIPath("UserInterface.Extensions.Widget.Action")
        let encoder = WireEncoder()
        var bytes: [UInt8] = []
        var published: [DeviceNotification] = []
        for index in 0..<messages {
            let device = DeviceID("device-\(index % devices)")
            let event = DeviceEvent(key: key, value: ["WidgetId": "lights", "Value": .integer(Int64(index))], timestamp: .now)
            let notification = DeviceNotification(workspaceId: WorkspaceID("room-\(index % devices / 4)"), deviceId: device, body: .events([event]))
            published.append(notification)
            encoder.encode(notification, into: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return (path, published)
    }

    static func startPublisher(store: String, ca: String, input: String, log: String) throws -> KillableProcess {
        try KillableProcess(Executables.path("webhook-dispatcher"),
                            ["publish", "--store", store, "--trust-ca", ca, "--duration", "600s"],
                            input: input, log: log)
    }
}

/// A child process with standard input from a file and output to a log file, that a test
/// can SIGKILL.
final class KillableProcess: Sendable {
    private let process: Process

    init(_ executable: String, _ arguments: [String], input: String, log: String) throws {
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle(forReadingAtPath: input)
        let output = FileHandle(forWritingAtPath: log)
        process.standardOutput = output
        process.standardError = output
        try process.run()
        self.process = process
    }

    /// Sends SIGKILL (no chance to clean up) and waits until the process is gone.
    func killAndWait() async throws {
        kill(process.processIdentifier, SIGKILL)
        _ = try await wait()
    }

    /// Waits for the exit status.
    func wait() async throws -> Int32 {
        let process = self.process
        return try await Executables.blocking {
            process.waitUntilExit()
            return process.terminationStatus
        }
    }
}
