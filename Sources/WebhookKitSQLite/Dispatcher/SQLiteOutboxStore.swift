import WebhookKit

/// An ``OutboxStore`` in a SQLite file (WAL): every accepted message survives a crash
/// of the process, and with `synchronous=FULL` a power loss.
///
/// Get one from ``SQLiteDispatcherDatabase``, which shares the file with the webhook
/// registry and the delivery log. Concurrent ``enqueue(_:coalesce:)`` calls share
/// transactions (group commit); each returns only once its messages are committed. On
/// restart every pending message is back in its lane, in order, with its attempt count
/// and next-attempt time; a message that was in flight at a crash is sent again with
/// the same id (at-least-once). With a `capacity`, ``enqueue(_:coalesce:)`` waits while
/// that many messages are pending.
///
/// ```swift
/// let database = try SQLiteDispatcherDatabase(path: "/var/lib/hooks/dispatcher.sqlite")
/// let dispatcher = Dispatcher(transport: transport, outbox: database.outbox, registry: database.registry)
/// ```
public actor SQLiteOutboxStore: OutboxStore {
    private let worker: SQLiteWorker
    private let capacity: Int?
    private var pendingTotal: Int
    /// Messages of enqueue calls being written, counted against the capacity.
    private var reserved = 0
    private var capacityWaiters: [CheckedContinuation<Void, Never>] = []

    init(worker: SQLiteWorker, capacity: Int?, pendingCount: Int) {
        self.worker = worker
        self.capacity = capacity.map { max(1, $0) }
        pendingTotal = pendingCount
    }

    /// How many messages are pending in all lanes.
    public var pendingCount: Int { pendingTotal }

    /// How many ``enqueue(_:coalesce:)`` calls are waiting for room.
    public var waitingPublishers: Int { capacityWaiters.count }

    public nonisolated func enqueue(_ messages: [OutboxMessage], coalesce: Bool) async throws -> EnqueueResult {
        // Encoding runs on the caller's thread, not serialized on the actor.
        try await store(messages.map(OutboxTable.Row.init), coalesce: coalesce)
    }

    private func store(_ rows: [OutboxTable.Row], coalesce: Bool) async throws -> EnqueueResult {
        if let capacity {
            while pendingTotal + reserved + rows.count > capacity, pendingTotal + reserved > 0 {
                await withCheckedContinuation { capacityWaiters.append($0) }
            }
        }
        reserved += rows.count
        defer {
            reserved -= rows.count
            wakeWaiters()
        }
        let result = try await worker.perform(.write) { database in
            try OutboxTable.enqueue(rows, coalesce: coalesce, in: database)
        }
        pendingTotal += result.enqueued
        return result
    }

    public func head(of lane: LaneKey, limit: Int) async throws -> [OutboxMessage] {
        try await worker.perform(.read) { try OutboxTable.head(of: lane, limit: limit, in: $0) }
    }

    @discardableResult
    public func complete(_ messages: [OutboxMessage]) async throws -> Int {
        let removed = try await worker.perform(.write) { try OutboxTable.remove(messages, in: $0) }
        forgetPending(removed)
        return removed
    }

    public func recordAttempt(_ messages: [OutboxMessage]) async throws {
        try await worker.perform(.write) { try OutboxTable.recordAttempts(messages, in: $0) }
    }

    @discardableResult
    public func deadLetter(_ messages: [OutboxMessage], reason: String) async throws -> Int {
        let moved = try await worker.perform(.write) { try OutboxTable.deadLetter(messages, reason: reason, in: $0) }
        forgetPending(moved)
        return moved
    }

    public func deadLetterAll(webhook: WebhookID, reason: String) async throws -> Int {
        let moved = try await worker.perform(.write) { try OutboxTable.deadLetterAll(webhook: webhook, reason: reason, in: $0) }
        forgetPending(moved)
        return moved
    }

    public func deadLetters(webhook: WebhookID, limit: Int) async throws -> [OutboxMessage] {
        try await worker.perform(.read) {
            try OutboxTable.deadLetters(webhook: webhook, messageID: nil, limit: limit, in: $0).map(\.message)
        }
    }

    public func replayDeadLetters(webhook: WebhookID, messageID: MessageID?, now: Timestamp) async throws -> Int {
        let replayed = try await worker.perform(.write) {
            try OutboxTable.replay(webhook: webhook, messageID: messageID, now: now, in: $0)
        }
        pendingTotal += replayed
        return replayed
    }

    public func discardAll(webhook: WebhookID) async throws -> Int {
        let discarded = try await worker.perform(.write) { database in
            let count = try OutboxTable.removeAll(webhook: webhook, in: database)
            try OutboxTable.removeDeadLetters(webhook: webhook, in: database)
            return count
        }
        forgetPending(discarded)
        return discarded
    }

    public func pendingLanes() async throws -> [LaneKey] {
        try await worker.perform(.read) { try OutboxTable.pendingLanes(in: $0) }
    }

    public func pendingCounts() async throws -> [WebhookID: Int] {
        try await worker.perform(.read) { try OutboxTable.pendingCounts(in: $0) }
    }

    private func forgetPending(_ count: Int) {
        guard count > 0 else { return }
        pendingTotal -= count
        wakeWaiters()
    }

    private func wakeWaiters() {
        guard !capacityWaiters.isEmpty else { return }
        let waiters = capacityWaiters
        capacityWaiters = []
        for waiter in waiters { waiter.resume() }
    }
}
