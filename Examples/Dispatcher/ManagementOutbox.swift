import WebhookKit

/// The outbox as a managing command (`webhooks list`, `replay` …) sees it: every call goes
/// to the real store, except that no lane is reported as pending, so a dispatcher started
/// only to manage webhooks never starts delivering what is queued. Delivery is the job of
/// `publish` and `run`.
struct ManagementOutbox: OutboxStore {
    let base: any OutboxStore

    init(_ base: any OutboxStore) {
        self.base = base
    }

    func enqueue(_ messages: [OutboxMessage], coalesce: Bool) async throws -> EnqueueResult {
        try await base.enqueue(messages, coalesce: coalesce)
    }

    func head(of lane: LaneKey, limit: Int) async throws -> [OutboxMessage] {
        try await base.head(of: lane, limit: limit)
    }

    func complete(_ messages: [OutboxMessage]) async throws -> Int {
        try await base.complete(messages)
    }

    func recordAttempt(_ messages: [OutboxMessage]) async throws {
        try await base.recordAttempt(messages)
    }

    func deadLetter(_ messages: [OutboxMessage], reason: String) async throws -> Int {
        try await base.deadLetter(messages, reason: reason)
    }

    func deadLetterAll(webhook: WebhookID, reason: String) async throws -> Int {
        try await base.deadLetterAll(webhook: webhook, reason: reason)
    }

    func deadLetters(webhook: WebhookID, limit: Int) async throws -> [OutboxMessage] {
        try await base.deadLetters(webhook: webhook, limit: limit)
    }

    func replayDeadLetters(webhook: WebhookID, messageID: MessageID?, now: Timestamp) async throws -> Int {
        try await base.replayDeadLetters(webhook: webhook, messageID: messageID, now: now)
    }

    func discardAll(webhook: WebhookID) async throws -> Int {
        try await base.discardAll(webhook: webhook)
    }

    /// None: a managing command delivers nothing.
    func pendingLanes() async throws -> [LaneKey] {
        []
    }

    func pendingCounts() async throws -> [WebhookID: Int] {
        try await base.pendingCounts()
    }
}
