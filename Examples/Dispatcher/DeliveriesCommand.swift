import WebhookKit
import WebhookKitCLI

/// `webhook-dispatcher deliveries ID`: the recent attempts from the delivery log.
enum DeliveriesCommand {
    static func run(_ arguments: ParsedArguments) async throws {
        let limit = try arguments.integer("limit", in: 1...10_000) ?? 20
        let id = arguments.positional(0) ?? ""
        try await DispatcherSession.with(arguments, mode: .manage) { session in
            let webhook = try await session.webhook(id)
            let attempts = try await session.stores.deliveryLog.recent(webhook: webhook.id, limit: limit)
            guard !attempts.isEmpty else {
                StandardStreams.writeOutput("no delivery attempts recorded for \(webhook.id)\n")
                return
            }
            var table = TextTable(["TIME", "MESSAGE", "ATTEMPT", "RESULT", "LATENCY"])
            for attempt in attempts {
                let result = attempt.failure ?? attempt.statusCode.map { "\($0) OK" } ?? "delivered"
                table.append([
                    attempt.attemptedAt.description, attempt.messageID.rawValue, String(attempt.attempt), result,
                    "\(attempt.latencyMilliseconds)ms",
                ])
            }
            StandardStreams.writeOutput(table.render())
        }
    }
}
