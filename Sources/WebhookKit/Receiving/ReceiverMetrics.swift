import Synchronization

/// What a ``WebhookReceiver`` has done: requests received, notifications stored,
/// duplicates, rejections by reason, and how long requests took. Thread-safe; share one
/// per receiver.
///
/// ```swift
/// let metrics = ReceiverMetrics()
/// let receiver = WebhookReceiver(configuration: configuration, metrics: metrics)
/// let started = ContinuousClock.now
/// let response = await receiver.handle(method: "POST", headers: headers, body: body)
/// metrics.recordLatency(ContinuousClock.now - started)
/// let text = metrics.prometheusText()      // for GET /metrics
/// ```
public final class ReceiverMetrics: Sendable {
    /// Why a request was refused.
    public enum Rejection: String, Sendable, Hashable, CaseIterable, Codable {
        /// Not a POST.
        case method
        /// Missing or wrong `Authorization`.
        case unauthorized
        /// Signature or timestamp did not verify.
        case signature
        /// The body is not a valid notification.
        case malformed
        /// The store failed.
        case storeFailure = "store_failure"
    }

    /// A copy of the counters.
    public struct Snapshot: Sendable, Hashable, Codable {
        /// Requests handled.
        public var received = 0
        /// Notifications stored for the first time.
        public var stored = 0
        /// Notifications already stored before (retries).
        public var duplicates = 0
        /// Refused requests by reason.
        public var rejected: [Rejection: Int] = [:]
        /// Time from a request's arrival at the handler to its answer, as recorded with
        /// ``ReceiverMetrics/recordLatency(_:)``.
        public var latency = LatencyHistogram()
    }

    private let state = Mutex(Snapshot())

    /// Creates zeroed counters.
    public init() {}

    func recordReceived() {
        state.withLock { $0.received += 1 }
    }

    func recordRejected(_ reason: Rejection) {
        state.withLock { $0.rejected[reason, default: 0] += 1 }
    }

    func recordStored(_ stored: Int, duplicates: Int) {
        state.withLock {
            $0.stored += stored
            $0.duplicates += duplicates
        }
    }

    /// Records how long one request took to answer. The receive pipeline does not time
    /// itself; the server in front of it calls this, so the figure covers what it covers.
    public func recordLatency(_ latency: Duration) {
        state.withLock { $0.latency.record(latency) }
    }

    /// The counters now.
    public func snapshot() -> Snapshot {
        state.withLock { $0 }
    }

    /// The counters and the latency histogram in Prometheus text exposition format.
    public func prometheusText() -> String {
        let snapshot = snapshot()
        var out = PrometheusWriter()
        out.header("webhookkit_receiver_requests_total", "counter", "Requests handled.")
        out.sample("webhookkit_receiver_requests_total", [], snapshot.received)
        out.header("webhookkit_receiver_stored_total", "counter", "Notifications stored for the first time.")
        out.sample("webhookkit_receiver_stored_total", [], snapshot.stored)
        out.header("webhookkit_receiver_duplicates_total", "counter", "Notifications received again and answered 200.")
        out.sample("webhookkit_receiver_duplicates_total", [], snapshot.duplicates)
        out.header("webhookkit_receiver_rejected_total", "counter", "Requests refused, by reason.")
        for reason in Rejection.allCases {
            out.sample("webhookkit_receiver_rejected_total", [("reason", reason.rawValue)], snapshot.rejected[reason] ?? 0)
        }
        let latency = "webhookkit_receiver_request_duration_seconds"
        let histogram = snapshot.latency
        out.header(latency, "histogram", "Time to answer a request, from the complete request to the response.")
        for (bound, count) in zip(histogram.upperBounds.map(PrometheusWriter.number) + ["+Inf"], histogram.cumulativeCounts) {
            out.sample(latency + "_bucket", [("le", bound)], count)
        }
        out.sample(latency + "_sum", [], PrometheusWriter.number(histogram.sum))
        out.sample(latency + "_count", [], histogram.count)
        return out.text
    }
}
