import Synchronization

/// What a ``WebhookReceiver`` has done: requests received, notifications stored,
/// duplicates, and rejections by reason. Thread-safe; share one per receiver.
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

    /// The counters now.
    public func snapshot() -> Snapshot {
        state.withLock { $0 }
    }

    /// The counters in Prometheus text exposition format.
    public func prometheusText() -> String {
        let snapshot = snapshot()
        var lines = [
            "# HELP webhookkit_receiver_requests_total Requests handled.",
            "# TYPE webhookkit_receiver_requests_total counter",
            "webhookkit_receiver_requests_total \(snapshot.received)",
            "# HELP webhookkit_receiver_stored_total Notifications stored for the first time.",
            "# TYPE webhookkit_receiver_stored_total counter",
            "webhookkit_receiver_stored_total \(snapshot.stored)",
            "# HELP webhookkit_receiver_duplicates_total Notifications received again and answered 200.",
            "# TYPE webhookkit_receiver_duplicates_total counter",
            "webhookkit_receiver_duplicates_total \(snapshot.duplicates)",
            "# HELP webhookkit_receiver_rejected_total Requests refused, by reason.",
            "# TYPE webhookkit_receiver_rejected_total counter",
        ]
        for reason in Rejection.allCases {
            lines.append("webhookkit_receiver_rejected_total{reason=\"\(reason.rawValue)\"} \(snapshot.rejected[reason] ?? 0)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
