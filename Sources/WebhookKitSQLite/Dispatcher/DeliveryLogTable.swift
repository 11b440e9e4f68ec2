import WebhookKit

/// The delivery log's SQL, run inside ``SQLiteWorker`` jobs.
enum DeliveryLogTable {
    static func insert(_ attempts: [DeliveryAttempt], in database: SQLiteDatabase) throws {
        let insert = try database.statement(
            "INSERT INTO delivery_attempt (webhook, message_id, attempted_at, attempt, status_code, failure, latency_ms, excerpt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            operation: "record delivery attempt"
        )
        for attempt in attempts {
            insert.reset()
            try insert.bind(1, attempt.webhookID.rawValue)
            try insert.bind(2, attempt.messageID.rawValue)
            try insert.bind(3, attempt.attemptedAt.millisecondsSince1970)
            try insert.bind(4, attempt.attempt)
            try insert.bind(5, attempt.statusCode)
            try insert.bind(6, attempt.failure)
            try insert.bind(7, attempt.latencyMilliseconds)
            try insert.bind(8, attempt.responseExcerpt)
            try insert.run()
        }
    }

    /// Newest first: a webhook's attempts since `since`, or only those of `messageID`.
    static func recent(webhook: WebhookID, messageID: MessageID?, since: Timestamp, limit: Int, in database: SQLiteDatabase) throws -> [DeliveryAttempt] {
        let select = try database.statement(
            """
            SELECT message_id, attempted_at, attempt, status_code, failure, latency_ms, excerpt FROM delivery_attempt
            WHERE webhook = ?1 AND attempted_at >= ?2 AND (?3 IS NULL OR message_id = ?3) ORDER BY id DESC LIMIT ?4
            """,
            operation: "read delivery log"
        )
        defer { select.reset() }
        try select.bind(1, webhook.rawValue)
        try select.bind(2, since.millisecondsSince1970)
        try select.bind(3, messageID?.rawValue)
        try select.bind(4, limit)
        var attempts: [DeliveryAttempt] = []
        while try select.step() {
            attempts.append(DeliveryAttempt(
                webhookID: webhook,
                messageID: MessageID(select.string(0)),
                attemptedAt: Timestamp(millisecondsSince1970: select.int64(1)),
                attempt: select.int(2),
                statusCode: select.optionalInt64(3).map { Int($0) },
                failure: select.optionalString(4),
                latencyMilliseconds: select.int64(5),
                responseExcerpt: select.string(6)
            ))
        }
        return attempts
    }

    /// Drops attempts older than `cutoff`, then all but the newest `keep` per webhook.
    static func prune(olderThan cutoff: Timestamp, keeping keep: Int, in database: SQLiteDatabase) throws {
        let old = try database.statement("DELETE FROM delivery_attempt WHERE attempted_at < ?", operation: "prune old attempts")
        try old.bind(1, cutoff.millisecondsSince1970)
        try old.run()
        let crowded = try database.statement(
            "SELECT webhook FROM delivery_attempt GROUP BY webhook HAVING count(*) > ?", operation: "find crowded logs"
        )
        try crowded.bind(1, keep)
        var webhooks: [String] = []
        while try crowded.step() { webhooks.append(crowded.string(0)) }
        crowded.reset()
        let trim = try database.statement(
            """
            DELETE FROM delivery_attempt WHERE webhook = ?1 AND id <=
                (SELECT id FROM delivery_attempt WHERE webhook = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)
            """,
            operation: "prune attempts beyond the limit"
        )
        for webhook in webhooks {
            trim.reset()
            try trim.bind(1, webhook)
            try trim.bind(2, keep)
            try trim.run()
        }
    }
}
