import WebhookKit
import WebhookKitCLI

/// Delivery figures rebuilt from what the store file keeps, for commands that run in a
/// process of their own (`metrics`, `webhooks list`): attempts come from the delivery log
/// (within its retention: 7 days or 10,000 attempts per webhook), the queue and the dead
/// letters from the outbox. Latency here is per request, not publish to acceptance.
enum StoredMetrics {
    /// The most attempts read per webhook.
    static let attemptLimit = 10_000

    static func snapshot(_ webhooks: [WebhookConfiguration], stores: DispatcherStoreFile) async throws -> DeliveryMetricsSnapshot {
        let pending = try await stores.outbox.pendingCounts()
        var entries: [DeliveryMetricsSnapshot.WebhookMetrics] = []
        for webhook in webhooks {
            var figures = DeliveryMetricsSnapshot.Figures()
            for attempt in try await stores.deliveryLog.recent(webhook: webhook.id, limit: attemptLimit) {
                figures.sent += 1
                if attempt.attempt > 1 { figures.retried += 1 }
                guard let label = attempt.failure else {
                    figures.delivered += 1
                    figures.latency.record(.milliseconds(attempt.latencyMilliseconds))
                    continue
                }
                let failure = FailureClass(label: label)
                figures.failures[failure?.metricClass ?? label, default: 0] += 1
                if case .status(let code)? = failure { figures.failuresByStatus[code, default: 0] += 1 }
            }
            figures.queueDepth = pending[webhook.id] ?? 0
            figures.deadLettered = UInt64(try await stores.outbox.deadLetters(webhook: webhook.id, limit: attemptLimit).count)
            entries.append(.init(webhook: webhook.id, figures: figures))
        }
        return DeliveryMetricsSnapshot(webhooks: entries)
    }
}
