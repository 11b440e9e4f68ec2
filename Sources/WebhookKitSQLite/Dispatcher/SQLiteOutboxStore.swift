import Synchronization
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
/// Memory: the lane index is kept in memory (about 8 bytes per pending message, built by
/// one scan on first use), plus the committed head message of up to 10,000
/// lanes, so the dispatcher's next `head` after a `complete` needs no read.
///
/// ```swift
/// let database = try SQLiteDispatcherDatabase(path: "/var/lib/hooks/dispatcher.sqlite")
/// let dispatcher = Dispatcher(transport: transport, outbox: database.outbox, registry: database.registry)
/// ```
public actor SQLiteOutboxStore: OutboxStore {
    // Every method is nonisolated: the counts live behind a mutex, so a delivery's
    // `head` and `complete` go straight to the connection's queue (or the head cache)
    // without a hop through the actor.
    private struct Counts {
        var pending: Int
        /// Messages of enqueue calls being written, counted against the capacity.
        var reserved = 0
        var waiters: [CheckedContinuation<Bool, Never>] = []
    }

    private let worker: SQLiteWorker
    private let heads: LaneHeadCache
    private let capacity: Int?
    private let counts: Mutex<Counts>

    init(worker: SQLiteWorker, heads: LaneHeadCache, capacity: Int?, pendingCount: Int) {
        self.worker = worker
        self.heads = heads
        self.capacity = capacity.map { max(1, $0) }
        counts = Mutex(Counts(pending: pendingCount))
    }

    /// How many messages are pending in all lanes.
    public var pendingCount: Int { counts.withLock { $0.pending } }

    /// How many ``enqueue(_:coalesce:)`` calls are waiting for room.
    public var waitingPublishers: Int { counts.withLock { $0.waiters.count } }

    public nonisolated func enqueue(_ messages: [OutboxMessage], coalesce: Bool) async throws -> EnqueueResult {
        // Encoding runs on the caller's thread, not on the connection's queue.
        let rows = messages.map(OutboxTable.Row.init)
        await reserve(rows.count)
        do {
            let result = try await worker.perform(.write) { database in
                try OutboxTable.enqueue(rows, coalesce: coalesce, in: database)
            }
            release(rows.count, stored: result.enqueued)
            return result
        } catch {
            release(rows.count, stored: 0)
            throw error
        }
    }

    /// Waits until `count` more messages fit the capacity, then reserves room for them.
    private nonisolated func reserve(_ count: Int) async {
        guard let capacity else { return }
        while true {
            let admitted = await withCheckedContinuation { (waiter: CheckedContinuation<Bool, Never>) in
                let admitted = counts.withLock { counts in
                    let used = counts.pending + counts.reserved
                    if used + count <= capacity || used == 0 {
                        counts.reserved += count
                        return true
                    }
                    counts.waiters.append(waiter)
                    return false
                }
                if admitted { waiter.resume(returning: true) }
            }
            if admitted { return }
        }
    }

    /// Ends a reservation of `count` of which `stored` became pending messages.
    private nonisolated func release(_ count: Int, stored: Int) {
        guard capacity != nil else {
            counts.withLock { $0.pending += stored }
            return
        }
        let waiters = counts.withLock { counts in
            counts.reserved -= count
            counts.pending += stored
            defer { counts.waiters = [] }
            return counts.waiters
        }
        for waiter in waiters { waiter.resume(returning: false) }
    }

    /// The lane's head from the cache when it holds the committed head (the usual case
    /// after ``complete(_:)``), otherwise read through the connection.
    public nonisolated func head(of lane: LaneKey, limit: Int) async throws -> [OutboxMessage] {
        heads.noteRead(of: lane, limit: limit)
        if limit <= 1, let cached = heads.head(of: lane) { return [cached] }
        let heads = heads
        let read: @Sendable (SQLiteDatabase) throws -> ([OutboxMessage], LaneHeadCache.Fill?) = { database in
            // Stamped first: a job changing the lane after this read voids the fill.
            let stamp = heads.invalidate(lane)
            let messages = try OutboxTable.head(of: lane, limit: limit, in: database)
            if messages.isEmpty { heads.invalidate(lane, emptied: true) }
            return (messages, messages.first.map { LaneHeadCache.Fill(lane: lane, stamp: stamp, head: $0) })
        }
        let (messages, _) = try await worker.perform(.read, read, committed: { _, fill in
            if let fill { heads.install([fill]) }
        })
        return messages
    }

    @discardableResult
    public nonisolated func complete(_ messages: [OutboxMessage]) async throws -> Int {
        let heads = heads
        let removed = try await worker.perform(.write, { try OutboxTable.remove(messages, in: $0) }, committed: { heads.install($0.fills) })
        forgetPending(removed.removed)
        return removed.removed
    }

    public nonisolated func recordAttempt(_ messages: [OutboxMessage]) async throws {
        try await worker.perform(.write) { try OutboxTable.recordAttempts(messages, in: $0) }
    }

    @discardableResult
    public nonisolated func deadLetter(_ messages: [OutboxMessage], reason: String) async throws -> Int {
        let moved = try await worker.perform(.write) { try OutboxTable.deadLetter(messages, reason: reason, in: $0) }
        forgetPending(moved)
        return moved
    }

    public nonisolated func deadLetterAll(webhook: WebhookID, reason: String) async throws -> Int {
        let moved = try await worker.perform(.write) { try OutboxTable.deadLetterAll(webhook: webhook, reason: reason, in: $0) }
        forgetPending(moved)
        return moved
    }

    public nonisolated func deadLetters(webhook: WebhookID, limit: Int) async throws -> [OutboxMessage] {
        try await worker.perform(.read) {
            try OutboxTable.deadLetters(webhook: webhook, messageID: nil, limit: limit, in: $0).map(\.message)
        }
    }

    public nonisolated func replayDeadLetters(webhook: WebhookID, messageID: MessageID?, now: Timestamp) async throws -> Int {
        let replayed = try await worker.perform(.write) {
            try OutboxTable.replay(webhook: webhook, messageID: messageID, now: now, in: $0)
        }
        counts.withLock { $0.pending += replayed }
        return replayed
    }

    public nonisolated func discardAll(webhook: WebhookID) async throws -> Int {
        let discarded = try await worker.perform(.write) { database in
            let count = try OutboxTable.removeAll(webhook: webhook, in: database)
            try OutboxTable.removeDeadLetters(webhook: webhook, in: database)
            return count
        }
        forgetPending(discarded)
        return discarded
    }

    public nonisolated func pendingLanes() async throws -> [LaneKey] {
        try await worker.perform(.read) { try OutboxTable.pendingLanes(in: $0) }
    }

    public nonisolated func pendingCounts() async throws -> [WebhookID: Int] {
        try await worker.perform(.read) { try OutboxTable.pendingCounts(in: $0) }
    }

    private nonisolated func forgetPending(_ count: Int) {
        guard count > 0 else { return }
        let waiters = counts.withLock { counts in
            counts.pending -= count
            defer { counts.waiters = [] }
            return counts.waiters
        }
        for waiter in waiters { waiter.resume(returning: false) }
    }
}
