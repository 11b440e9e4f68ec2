import WebhookKit

/// A ``DeliveryLog`` in the dispatcher's SQLite file: the recent attempts of each webhook
/// (time, message id, status code or failure class, latency, response excerpt), so an
/// operator can see what happened and choose messages to replay.
///
/// Retention keeps the log bounded: attempts older than ``Retention/maximumAge`` or
/// beyond ``Retention/maximumPerWebhook`` per webhook are pruned every
/// ``Retention/pruneInterval`` records, and never returned by queries.
public struct SQLiteDeliveryLog: DeliveryLog {
    /// How much of the log is kept.
    public struct Retention: Sendable, Hashable {
        /// Attempts older than this are dropped; default 7 days.
        public var maximumAge: Duration
        /// At most this many attempts are kept per webhook; default 10,000.
        public var maximumPerWebhook: Int
        /// Pruning runs after this many recorded attempts; default 1,000.
        public var pruneInterval: Int

        /// Creates a retention; the defaults keep 7 days or 10,000 attempts per webhook.
        public init(maximumAge: Duration = .seconds(7 * 24 * 3600), maximumPerWebhook: Int = 10_000, pruneInterval: Int = 1000) {
            self.maximumAge = maximumAge
            self.maximumPerWebhook = max(1, maximumPerWebhook)
            self.pruneInterval = max(1, pruneInterval)
        }
    }

    let worker: SQLiteWorker
    let retention: Retention
    let clock: any WebhookClock
    let sincePrune: DeliveryLogCounter

    /// Appends attempts; a failure to write drops them (the messages are safe in the
    /// outbox) rather than hold up delivery.
    public func record(_ attempts: [DeliveryAttempt]) async {
        guard !attempts.isEmpty else { return }
        let prune = sincePrune.add(attempts.count, interval: retention.pruneInterval)
        let cutoff = clock.now().advanced(by: .zero - retention.maximumAge)
        let retention = retention
        _ = try? await worker.perform(.write) { database in
            try DeliveryLogTable.insert(attempts, in: database)
            if prune { try DeliveryLogTable.prune(olderThan: cutoff, keeping: retention.maximumPerWebhook, in: database) }
        }
    }

    /// The most recent attempts of a webhook within the retention, newest first.
    public func recent(webhook: WebhookID, limit: Int) async throws -> [DeliveryAttempt] {
        let cutoff = clock.now().advanced(by: .zero - retention.maximumAge)
        let limit = min(max(0, limit), retention.maximumPerWebhook)
        return try await worker.perform(.read) {
            try DeliveryLogTable.recent(webhook: webhook, messageID: nil, since: cutoff, limit: limit, in: $0)
        }
    }

    /// The attempts of one message within the retention, newest first: what happened to
    /// it before an operator replays it.
    public func attempts(webhook: WebhookID, messageID: MessageID, limit: Int = 100) async throws -> [DeliveryAttempt] {
        let cutoff = clock.now().advanced(by: .zero - retention.maximumAge)
        return try await worker.perform(.read) {
            try DeliveryLogTable.recent(webhook: webhook, messageID: messageID, since: cutoff, limit: max(0, limit), in: $0)
        }
    }

    /// Applies the retention now (it also runs every ``Retention/pruneInterval`` records).
    public func prune() async throws {
        let cutoff = clock.now().advanced(by: .zero - retention.maximumAge)
        let keep = retention.maximumPerWebhook
        try await worker.perform(.write) { try DeliveryLogTable.prune(olderThan: cutoff, keeping: keep, in: $0) }
    }

    /// How many attempts the file holds for `webhook`, pruned or not yet.
    public func storedCount(webhook: WebhookID) async throws -> Int {
        try await worker.perform(.read) { database in
            let select = try database.statement("SELECT count(*) FROM delivery_attempt WHERE webhook = ?", operation: "count attempts")
            defer { select.reset() }
            try select.bind(1, webhook.rawValue)
            return try select.step() ? select.int(0) : 0
        }
    }
}
