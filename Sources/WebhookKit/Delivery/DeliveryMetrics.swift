import Synchronization

/// The dispatcher's traffic and error figures per webhook: counters, gauges and a
/// latency histogram, safe to update from any task.
///
/// An injectable instance, not a global: a dispatcher takes one, tests make their own.
/// Figures of a deleted webhook stay until ``forget(webhook:)`` or a restart, so a scrape
/// after a deletion still sees its final counts.
///
/// ```swift
/// let metrics = DeliveryMetrics()
/// metrics.recordSent(webhook: id)
/// metrics.recordDelivered(webhook: id, latency: .milliseconds(80))
/// metrics.recordFailure(webhook: id, class: .status(503))
/// let json = try JSONEncoder().encode(metrics.snapshot())
/// let text = metrics.prometheusText()     // for GET /metrics
/// ```
public final class DeliveryMetrics: Sendable {
    private struct Entry {
        var figures = DeliveryMetricsSnapshot.Figures()
        var breakerState = CircuitBreaker.State.closed(consecutiveFailures: 0).label
    }

    private let entries = Mutex<[WebhookID: Entry]>([:])

    /// Creates empty metrics.
    public init() {}

    private func update(_ webhook: WebhookID, _ body: (inout Entry) -> Void) {
        entries.withLock { entries in body(&entries[webhook, default: Entry()]) }
    }

    /// Counts messages created for `webhook`.
    public func recordPublished(webhook: WebhookID, count: Int = 1) {
        update(webhook) { $0.figures.published &+= UInt64(max(0, count)) }
    }

    /// Counts notifications the routing index matched to `webhook`.
    public func recordRouted(webhook: WebhookID, count: Int = 1) {
        update(webhook) { $0.figures.routed &+= UInt64(max(0, count)) }
    }

    /// Counts one request sent to `webhook`'s endpoint (any attempt).
    public func recordSent(webhook: WebhookID) {
        update(webhook) { $0.figures.sent &+= 1 }
    }

    /// Counts one delivered message and records its latency from publish to acceptance.
    public func recordDelivered(webhook: WebhookID, latency: Duration) {
        update(webhook) {
            $0.figures.delivered &+= 1
            $0.figures.latency.record(latency)
        }
    }

    /// Counts one failed attempt under its class (and its status code, for responses).
    public func recordFailure(webhook: WebhookID, class failure: FailureClass) {
        update(webhook) {
            $0.figures.failures[failure.metricClass, default: 0] &+= 1
            if case .status(let code) = failure {
                $0.figures.failuresByStatus[code, default: 0] &+= 1
            }
        }
    }

    /// Counts one scheduled retry.
    public func recordRetried(webhook: WebhookID) {
        update(webhook) { $0.figures.retried &+= 1 }
    }

    /// Counts messages folded into a newer waiting message.
    public func recordCoalesced(webhook: WebhookID, count: Int = 1) {
        update(webhook) { $0.figures.coalesced &+= UInt64(max(0, count)) }
    }

    /// Counts one message moved to the dead letters.
    public func recordDeadLettered(webhook: WebhookID) {
        update(webhook) { $0.figures.deadLettered &+= 1 }
    }

    /// Counts messages dropped because their webhook was deleted.
    public func recordDiscarded(webhook: WebhookID, count: Int = 1) {
        update(webhook) { $0.figures.discarded &+= UInt64(max(0, count)) }
    }

    /// Sets the number of messages waiting for `webhook`.
    public func setQueueDepth(webhook: WebhookID, _ depth: Int) {
        update(webhook) { $0.figures.queueDepth = max(0, depth) }
    }

    /// Moves the number of waiting messages by `delta` (never below zero).
    public func adjustQueueDepth(webhook: WebhookID, by delta: Int) {
        update(webhook) { $0.figures.queueDepth = max(0, $0.figures.queueDepth + delta) }
    }

    /// Sets the number of requests in flight to `webhook`.
    public func setInFlight(webhook: WebhookID, _ count: Int) {
        update(webhook) { $0.figures.inFlight = max(0, count) }
    }

    /// Moves the number of requests in flight by `delta` (never below zero).
    public func adjustInFlight(webhook: WebhookID, by delta: Int) {
        update(webhook) { $0.figures.inFlight = max(0, $0.figures.inFlight + delta) }
    }

    /// Records the state of the circuit breaker in front of `webhook`'s endpoint.
    public func setBreakerState(webhook: WebhookID, _ state: CircuitBreaker.State) {
        update(webhook) { $0.breakerState = state.label }
    }

    /// Drops every figure of `webhook` (counters restart from zero if it is used again).
    public func forget(webhook: WebhookID) {
        _ = entries.withLock { $0.removeValue(forKey: webhook) }
    }

    /// A consistent copy of every figure.
    public func snapshot() -> DeliveryMetricsSnapshot {
        let copy = entries.withLock { $0 }
        return DeliveryMetricsSnapshot(webhooks: copy.map { id, entry in
            .init(webhook: id, breakerState: entry.breakerState, figures: entry.figures)
        })
    }

    /// The figures of one webhook, if it has any.
    public func snapshot(webhook: WebhookID) -> DeliveryMetricsSnapshot.WebhookMetrics? {
        entries.withLock { entries in
            entries[webhook].map { .init(webhook: webhook, breakerState: $0.breakerState, figures: $0.figures) }
        }
    }
}
