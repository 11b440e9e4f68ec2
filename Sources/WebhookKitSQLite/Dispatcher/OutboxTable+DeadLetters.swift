import WebhookKit

extension OutboxTable {
    private static let deadColumns = "sequence, webhook, device, message_id, kind, notification, published_at, attempts, first_attempt_at, next_attempt_at"

    /// Moves messages from their lanes to the dead letters; returns how many moved.
    static func deadLetter(_ messages: [OutboxMessage], reason: String, in database: SQLiteDatabase) throws -> Int {
        let copy = try database.statement(
            "INSERT INTO dead_letter (\(deadColumns), reason) SELECT \(columns), ? FROM outbox WHERE sequence = ? AND webhook = ? AND device IS ?",
            operation: "copy message to dead letters"
        )
        var moved: [OutboxMessage] = []
        for message in messages {
            copy.reset()
            try copy.bind(1, reason)
            try copy.bind(2, message.sequence)
            try bind(message.lane, to: copy, from: 3)
            try copy.run()
            if database.changes > 0 { moved.append(message) }
        }
        return try remove(moved, in: database).removed
    }

    /// Moves every pending message of `webhook` to the dead letters, in sequence order.
    static func deadLetterAll(webhook: WebhookID, reason: String, in database: SQLiteDatabase) throws -> Int {
        let copy = try database.statement(
            "INSERT INTO dead_letter (\(deadColumns), reason) SELECT \(columns), ? FROM outbox WHERE sequence = ?",
            operation: "copy lanes to dead letters"
        )
        for sequence in try OutboxLanes.of(database).sequences(of: webhook) {
            copy.reset()
            try copy.bind(1, reason)
            try copy.bind(2, sequence)
            try copy.run()
        }
        return try removeAll(webhook: webhook, in: database)
    }

    /// Deletes every pending message of `webhook`; returns how many.
    static func removeAll(webhook: WebhookID, in database: SQLiteDatabase) throws -> Int {
        let lanes = try OutboxLanes.of(database)
        let delete = try database.statement("DELETE FROM outbox WHERE sequence = ?", operation: "remove lanes")
        var removed = 0
        for sequence in lanes.sequences(of: webhook) {
            delete.reset()
            try delete.bind(1, sequence)
            try delete.run()
            removed += database.changes
        }
        lanes.removeAll(of: webhook)
        return removed
    }

    /// Deletes every dead letter of `webhook`.
    static func removeDeadLetters(webhook: WebhookID, in database: SQLiteDatabase) throws {
        let delete = try database.statement("DELETE FROM dead_letter WHERE webhook = ?", operation: "remove dead letters")
        try delete.bind(1, webhook.rawValue)
        try delete.run()
    }

    /// Dead letters of `webhook` in the order they died, all or only `messageID`.
    static func deadLetters(webhook: WebhookID, messageID: MessageID?, limit: Int, in database: SQLiteDatabase) throws -> [(position: Int64, message: OutboxMessage)] {
        let select = try database.statement(
            "SELECT \(deadColumns), reason, position FROM dead_letter WHERE webhook = ? AND (?2 IS NULL OR message_id = ?2) ORDER BY position LIMIT ?3",
            operation: "read dead letters"
        )
        defer { select.reset() }
        try select.bind(1, webhook.rawValue)
        try select.bind(2, messageID?.rawValue)
        try select.bind(3, max(0, limit))
        var letters: [(Int64, OutboxMessage)] = []
        while try select.step() {
            letters.append((select.int64(11), try message(from: select, table: "dead_letter", deadReason: select.string(10))))
        }
        return letters
    }

    /// Returns dead letters to their lanes as fresh messages due at `now`; returns how many.
    static func replay(webhook: WebhookID, messageID: MessageID?, now: Timestamp, in database: SQLiteDatabase) throws -> Int {
        let letters = try deadLetters(webhook: webhook, messageID: messageID, limit: Int(Int32.max), in: database)
        let delete = try database.statement("DELETE FROM dead_letter WHERE position = ?", operation: "remove replayed dead letter")
        for (position, dead) in letters {
            delete.reset()
            try delete.bind(1, position)
            try delete.run()
            let fresh = OutboxMessage(notification: dead.notification, webhookID: dead.webhookID, publishedAt: dead.publishedAt, nextAttemptAt: now)
            try insert(fresh, encoded: WireEncoder().encode(fresh.notification), lanes: OutboxLanes.of(database), in: database)
        }
        return letters.count
    }
}
