import Synchronization
import Testing
import WebhookKit
import WebhookKitTesting

@Suite("Dispatcher delivery priority")
struct DispatcherPriorityTests {
    /// Answers 200 and notes the priority of the task that sent each request.
    final class PriorityRecordingTransport: WebhookTransport {
        private let seen = Mutex<[TaskPriority]>([])
        var priorities: [TaskPriority] { seen.withLock { $0 } }

        func send(_ request: WebhookRequest) async throws(TransportError) -> WebhookResponse {
            seen.withLock { $0.append(Task.currentPriority) }
            return WebhookResponse(statusCode: 200)
        }
    }

    @Test("lanes deliver at the configured priority, below publishing by default", arguments: [nil, TaskPriority.high])
    func lanePriority(configured: TaskPriority?) async throws {
        let transport = PriorityRecordingTransport()
        var configuration = Dispatcher.Configuration()
        if let configured { configuration.deliveryPriority = configured }
        let dispatcher = Dispatcher(configuration: configuration, transport: transport, outbox: InMemoryOutboxStore())
        try await dispatcher.start()
        _ = try await dispatcher.createWebhook(WebhookConfiguration(
            id: WebhookID(""), name: "priority", url: "https://hooks.example.com/in", authorization: .token("tok-123"),
            dataSource: .allDevices, topics: ["UserInterface.Extensions.Widget.Action"], activationDelay: .zero
        ))
        let notifications = try (0..<3).map { try Fixtures.widget(DeviceID("d\($0)"), "v") }
        _ = try await Task(priority: .medium) { try await dispatcher.publish(notifications) }.value
        await waitUntil("three requests sent") { transport.priorities.count == 3 }
        #expect(transport.priorities == Array(repeating: configured ?? .low, count: 3))
        await dispatcher.shutdown(deadline: .seconds(1))
    }
}
