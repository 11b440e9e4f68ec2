/// Durable (or in-memory) storage of the messages a ``Dispatcher`` has accepted and not
/// yet delivered, organised in ordered lanes.
///
/// `InMemoryOutboxStore` is the reference implementation; `SQLiteOutboxStore` in
/// `WebhookKitSQLite` keeps messages across restarts.
///
/// ## Implementation requirements
/// - ``enqueue(_:coalesce:)`` is atomic: all messages are stored, or none and it throws.
///   When it returns, the messages survive whatever durability the store promises.
/// - Sequences increase in enqueue order; a lane's pending messages are returned in
///   sequence order.
/// - Coalescing (when asked): a new status message whose lane's **last** pending message
///   is a status message that is not the lane's head and has never been attempted is
///   merged into that message (newer values and removals win) and takes the new
///   message's id and timestamp, keeping its place. The head is never changed, because
///   it may be in flight and its id may already be stored at the receiver.
/// - A bounded store suspends ``enqueue(_:coalesce:)`` while full (back-pressure) and
///   never drops a message.
/// - Dead letters are kept until replayed or their webhook is deleted.
/// - Safe to call concurrently.
public protocol OutboxStore: Sendable {
    /// Stores new messages (their `sequence` is assigned by the store).
    func enqueue(_ messages: [OutboxMessage], coalesce: Bool) async throws -> EnqueueResult

    /// Up to `limit` pending messages at the front of `lane`, in order.
    func head(of lane: LaneKey, limit: Int) async throws -> [OutboxMessage]

    /// Removes delivered messages (as returned by ``head(of:limit:)``); returns how many
    /// were still pending (one dead-lettered or discarded meanwhile is not counted).
    @discardableResult
    func complete(_ messages: [OutboxMessage]) async throws -> Int

    /// Removes delivered messages of any lanes and webhooks at once; returns, for each
    /// message in order, whether it was still pending. A dispatcher collects the
    /// messages delivered while the previous call ran and removes them in one call.
    func completeEach(_ messages: [OutboxMessage]) async throws -> [Bool]

    /// Records a failed attempt of messages at the head of their lane; they stay there
    /// with the given attempt count, first-attempt time and next-attempt time.
    func recordAttempt(_ messages: [OutboxMessage]) async throws

    /// Moves messages (as returned by ``head(of:limit:)``) to the dead letters; returns how
    /// many were still pending.
    @discardableResult
    func deadLetter(_ messages: [OutboxMessage], reason: String) async throws -> Int

    /// Moves every pending message of a webhook to the dead letters; returns how many.
    func deadLetterAll(webhook: WebhookID, reason: String) async throws -> Int

    /// The dead letters of a webhook, oldest first.
    func deadLetters(webhook: WebhookID, limit: Int) async throws -> [OutboxMessage]

    /// Returns dead letters of a webhook to their lanes as fresh pending messages (attempt
    /// count reset, due at `now`), all of them or only the one with `messageID`; returns
    /// how many.
    func replayDeadLetters(webhook: WebhookID, messageID: MessageID?, now: Timestamp) async throws -> Int

    /// Deletes everything of a webhook, pending and dead; returns how many pending
    /// messages were discarded.
    func discardAll(webhook: WebhookID) async throws -> Int

    /// The lanes that hold pending messages, for restarting delivery after a restart
    /// or a resume.
    func pendingLanes() async throws -> [LaneKey]

    /// Pending messages per webhook.
    func pendingCounts() async throws -> [WebhookID: Int]
}

extension OutboxStore {
    /// Removes the messages with one ``complete(_:)`` call per webhook, all running at
    /// once (a store that groups concurrent writes commits them together). Which of a
    /// webhook's messages were still pending is not known from a count; the first ones
    /// are reported removed, as messages leave a lane from its front. When a call fails
    /// the whole call throws, though other webhooks' messages may have been removed.
    public func completeEach(_ messages: [OutboxMessage]) async throws -> [Bool] {
        var positions: [WebhookID: [Int]] = [:]
        for (position, message) in messages.enumerated() { positions[message.webhookID, default: []].append(position) }
        var removed = [Bool](repeating: false, count: messages.count)
        try await withThrowingTaskGroup(of: ([Int], Int).self) { group in
            for (_, indices) in positions {
                let batch = indices.map { messages[$0] }
                group.addTask { (indices, try await self.complete(batch)) }
            }
            for try await (indices, count) in group {
                for index in indices.prefix(count) { removed[index] = true }
            }
        }
        return removed
    }
}

/// What ``OutboxStore/enqueue(_:coalesce:)`` did.
public struct EnqueueResult: Sendable, Hashable {
    /// Messages stored as new entries.
    public var enqueued: Int
    /// Messages folded into a waiting message, with the ids that will never be delivered
    /// (their values live on in the merged message).
    public var coalesced: [(webhookID: WebhookID, replacedID: MessageID)]

    /// Creates a result.
    public init(enqueued: Int = 0, coalesced: [(webhookID: WebhookID, replacedID: MessageID)] = []) {
        self.enqueued = enqueued
        self.coalesced = coalesced
    }

    /// Compares counts and replaced ids.
    public static func == (lhs: EnqueueResult, rhs: EnqueueResult) -> Bool {
        lhs.enqueued == rhs.enqueued
            && lhs.coalesced.map(\.webhookID) == rhs.coalesced.map(\.webhookID)
            && lhs.coalesced.map(\.replacedID) == rhs.coalesced.map(\.replacedID)
    }

    /// Hashes counts and replaced ids.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(enqueued)
        hasher.combine(coalesced.map(\.replacedID))
    }
}
