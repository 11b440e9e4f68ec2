/// The reference ``OutboxStore``: lanes in memory, lost when the process ends.
///
/// Use it in tests, or where losing queued messages on a crash is acceptable; use
/// `SQLiteOutboxStore` otherwise. With a `capacity`, ``enqueue(_:coalesce:)`` waits while
/// that many messages are pending, so a publisher cannot outrun delivery without bound.
public actor InMemoryOutboxStore: OutboxStore {
    private var lanes: [LaneKey: LaneQueue] = [:]
    private var deadLetterLists: [WebhookID: [OutboxMessage]] = [:]
    private var pendingPerWebhook: [WebhookID: Int] = [:]
    private var pendingTotal = 0
    private var nextSequence: Int64 = 1
    private let capacity: Int?
    private var capacityWaiters: [CheckedContinuation<Void, Never>] = []

    /// Creates an empty store holding at most `capacity` pending messages (`nil`: no bound).
    public init(capacity: Int? = nil) {
        self.capacity = capacity.map { max(1, $0) }
    }

    /// How many messages are pending in all lanes.
    public var pendingCount: Int { pendingTotal }

    /// How many ``enqueue(_:coalesce:)`` calls are waiting for room.
    public var waitingPublishers: Int { capacityWaiters.count }

    public func enqueue(_ messages: [OutboxMessage], coalesce: Bool) async throws -> EnqueueResult {
        if let capacity {
            while pendingTotal + messages.count > capacity, pendingTotal > 0 {
                await withCheckedContinuation { capacityWaiters.append($0) }
            }
        }
        var result = EnqueueResult()
        for var message in messages {
            let lane = message.lane
            var queue = lanes.removeValue(forKey: lane) ?? LaneQueue()
            if coalesce, queue.count >= 2, let waiting = queue.last, let merged = waiting.coalesced(with: message) {
                result.coalesced.append((message.webhookID, waiting.id))
                queue.replaceLast(with: merged)
            } else {
                message.sequence = nextSequence
                message.status = .pending
                nextSequence += 1
                queue.append(message)
                pendingPerWebhook[message.webhookID, default: 0] += 1
                pendingTotal += 1
                result.enqueued += 1
            }
            lanes[lane] = queue
        }
        return result
    }

    public func head(of lane: LaneKey, limit: Int) async throws -> [OutboxMessage] {
        lanes[lane]?.prefix(max(1, limit)) ?? []
    }

    @discardableResult
    public func complete(_ messages: [OutboxMessage]) async throws -> Int {
        var removed = 0
        for message in messages where removeFromLane(message) { removed += 1 }
        wakeWaiters()
        return removed
    }

    public func completeEach(_ messages: [OutboxMessage]) async throws -> [Bool] {
        let removed = messages.map(removeFromLane)
        wakeWaiters()
        return removed
    }

    public func recordAttempt(_ messages: [OutboxMessage]) async throws {
        for message in messages {
            lanes[message.lane]?.update(message)
        }
    }

    @discardableResult
    public func deadLetter(_ messages: [OutboxMessage], reason: String) async throws -> Int {
        var moved = 0
        for var message in messages where removeFromLane(message) {
            message.status = .deadLetter(reason: reason)
            deadLetterLists[message.webhookID, default: []].append(message)
            moved += 1
        }
        wakeWaiters()
        return moved
    }

    public func deadLetterAll(webhook: WebhookID, reason: String) async throws -> Int {
        var moved: [OutboxMessage] = []
        for lane in lanes.keys where lane.webhookID == webhook {
            moved += lanes[lane]?.all ?? []
            lanes[lane] = nil
        }
        moved.sort { $0.sequence < $1.sequence }
        for index in moved.indices { moved[index].status = .deadLetter(reason: reason) }
        deadLetterLists[webhook, default: []] += moved
        forgetPending(webhook: webhook, count: moved.count)
        return moved.count
    }

    public func deadLetters(webhook: WebhookID, limit: Int) async throws -> [OutboxMessage] {
        Array((deadLetterLists[webhook] ?? []).prefix(limit))
    }

    public func replayDeadLetters(webhook: WebhookID, messageID: MessageID?, now: Timestamp) async throws -> Int {
        let dead = deadLetterLists[webhook] ?? []
        let chosen = dead.filter { messageID == nil || $0.id == messageID }
        deadLetterLists[webhook] = dead.filter { !(messageID == nil || $0.id == messageID) }
        let fresh = chosen.map {
            OutboxMessage(notification: $0.notification, webhookID: $0.webhookID, publishedAt: $0.publishedAt, nextAttemptAt: now)
        }
        return try await enqueue(fresh, coalesce: false).enqueued
    }

    public func discardAll(webhook: WebhookID) async throws -> Int {
        var discarded = 0
        for lane in lanes.keys where lane.webhookID == webhook {
            discarded += lanes[lane]?.count ?? 0
            lanes[lane] = nil
        }
        deadLetterLists[webhook] = nil
        forgetPending(webhook: webhook, count: discarded)
        return discarded
    }

    public func pendingLanes() async throws -> [LaneKey] {
        lanes.keys.sorted()
    }

    public func pendingCounts() async throws -> [WebhookID: Int] {
        pendingPerWebhook
    }

    /// Removes `message` from the head region of its lane; `false` if it is gone already.
    private func removeFromLane(_ message: OutboxMessage) -> Bool {
        let lane = message.lane
        // Changed in place through the dictionary, without moving the lane out and back.
        guard let removed = lanes[lane]?.remove(sequence: message.sequence) else { return false }
        if lanes[lane]?.isEmpty == true { lanes[lane] = nil }
        if removed { forgetPending(webhook: message.webhookID, count: 1) }
        return removed
    }

    private func forgetPending(webhook: WebhookID, count: Int) {
        guard count > 0 else { return }
        pendingTotal -= count
        let left = (pendingPerWebhook[webhook] ?? 0) - count
        pendingPerWebhook[webhook] = left > 0 ? left : nil
        wakeWaiters()
    }

    private func wakeWaiters() {
        guard !capacityWaiters.isEmpty else { return }
        let waiters = capacityWaiters
        capacityWaiters = []
        for waiter in waiters { waiter.resume() }
    }
}
