import WebhookKit
import WebhookKitCLI

/// Runs the receiver's triggers for stored notifications, off the request path: at most 4
/// at a time, up to 1,000 waiting, each `--exec` command killed after the timeout. A
/// failing trigger is logged; the notification is already stored.
final class TriggerRunner: Sendable {
    private let triggers: [Trigger]
    private let timeout: Duration
    private let transport: (any WebhookTransport)?
    private let log: RequestLog
    private let limiter = ConcurrencyLimiter(limit: 4, maximumWaiting: 1000)

    init(triggers: [Trigger], timeout: Duration, trustCA: String?, log: RequestLog) throws {
        self.triggers = triggers
        self.timeout = timeout
        self.log = log
        let forwards = triggers.contains { if case .forward = $0.action { true } else { false } }
        transport = forwards ? try HTTPSTransport.make(trustCA: trustCA) : nil
    }

    /// Starts the triggers matching `notification` and returns at once.
    func submit(_ notification: DeviceNotification) {
        for trigger in triggers {
            let matches = trigger.matches(in: notification)
            guard !matches.isEmpty else { continue }
            switch trigger.action {
            case .exec(let command):
                for match in matches {
                    schedule(trigger) { await self.exec(command, trigger: trigger, notification: notification, path: match.path, value: match.value) }
                }
            case .forward(let endpoint):
                schedule(trigger) { await self.forward(to: endpoint, trigger: trigger, notification: notification) }
            }
        }
    }

    /// Waits for running and queued triggers, at most `deadline`.
    func drain(deadline: Duration) async {
        let end = ContinuousClock.now + deadline
        while await limiter.isBusy, ContinuousClock.now < end {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    private func schedule(_ trigger: Trigger, _ job: @escaping @Sendable () async -> Void) {
        Task {
            if await !limiter.run(job) {
                log.info("\(trigger): skipped, 1000 triggers already waiting")
            }
        }
    }

    private func exec(_ command: String, trigger: Trigger, notification: DeviceNotification, path: String, value: JSONValue) async {
        let environment = [
            "DEVICE_ID": notification.deviceId?.rawValue ?? "",
            "WORKSPACE_ID": notification.workspaceId?.rawValue ?? "",
            "MESSAGE_ID": notification.id.rawValue,
            "NOTIFICATION_TYPE": notification.kind.rawValue,
            "XAPI_PATH": path,
            "VALUE": String(decoding: WireEncoder().encode(value), as: UTF8.self),
        ]
        let started = ContinuousClock.now
        do {
            let result = try await ShellCommand(command: command, environment: environment)
                .run(input: WireEncoder().encode(notification), timeout: timeout)
            for line in result.outputLines { log.info("\(trigger) | \(line)") }
            let outcome = result.timedOut ? "killed after \(DurationText.format(timeout))" : "exited \(result.status)"
            log.info("\(trigger): exec for \(notification.deviceId?.rawValue ?? "-") \(path) \(outcome) in \(RequestLog.milliseconds(ContinuousClock.now - started))")
        } catch {
            log.info("\(trigger): exec could not start: \(error)")
        }
    }

    private func forward(to endpoint: WebhookEndpoint, trigger: Trigger, notification: DeviceNotification) async {
        guard let transport else { return }
        let request = WebhookRequest(
            endpoint: endpoint,
            headers: [
                "Content-Type": "application/json",
                "User-Agent": "webhook-receiver/\(WebhookKitVersion.current)",
                WebhookSignature.HeaderName.id: notification.id.rawValue,
            ],
            body: WireEncoder().encode(notification),
            // The operator named this URL on the command line; it may well be internal.
            allowPrivateNetworks: true,
            timeout: timeout
        )
        let started = ContinuousClock.now
        do {
            let response = try await transport.send(request)
            log.info("\(trigger): forwarded \(notification.id) to \(endpoint): \(response.statusCode) in \(RequestLog.milliseconds(ContinuousClock.now - started))")
        } catch {
            log.info("\(trigger): forward of \(notification.id) to \(endpoint) failed: \(error.kind) \(error.detail)")
        }
    }
}
