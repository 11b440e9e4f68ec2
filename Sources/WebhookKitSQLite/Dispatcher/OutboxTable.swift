import WebhookKit

/// The outbox's SQL: pending messages in `outbox`, one lane per (webhook, device), in
/// sequence order; ``OutboxLanes`` says which sequences each lane holds. Runs inside a
/// ``SQLiteWorker`` job.
enum OutboxTable {
    static let columns = "sequence, webhook, device, message_id, kind, notification, published_at, attempts, first_attempt_at, next_attempt_at"

    /// A message ready to store: the message and its wire JSON, encoded before the job
    /// runs so the worker only writes.
    struct Row: Sendable {
        var message: OutboxMessage
        var encoded: [UInt8]

        init(_ message: OutboxMessage) {
            self.message = message
            encoded = WireEncoder().encode(message.notification)
        }
    }

    /// Stores `rows` (coalescing statuses when asked, see ``OutboxStore``).
    static func enqueue(_ rows: [Row], coalesce: Bool, in database: SQLiteDatabase) throws -> EnqueueResult {
        var result = EnqueueResult()
        let lanes = try OutboxLanes.of(database)
        for row in rows {
            if coalesce, case .status = row.message.notification.body,
               let waiting = try coalescableTail(of: row.message.lane, lanes: lanes, in: database),
               let merged = waiting.coalesced(with: row.message)
            {
                let update = try database.statement(
                    "UPDATE outbox SET message_id = ?, notification = ? WHERE sequence = ?", operation: "coalesce outbox message"
                )
                try update.bind(1, merged.id.rawValue)
                try update.bind(2, blob: WireEncoder().encode(merged.notification))
                try update.bind(3, merged.sequence)
                try update.run()
                result.coalesced.append((row.message.webhookID, waiting.id))
            } else {
                try insert(row.message, encoded: row.encoded, lanes: lanes, in: database)
                result.enqueued += 1
            }
        }
        return result
    }

    /// Inserts one pending message at the end of its lane; SQLite assigns its sequence.
    static func insert(_ message: OutboxMessage, encoded: [UInt8], lanes: OutboxLanes, in database: SQLiteDatabase) throws {
        let insert = try database.statement(
            "INSERT INTO outbox (webhook, device, message_id, kind, notification, published_at, attempts, first_attempt_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            operation: "insert outbox message"
        )
        try insert.bind(1, message.webhookID.rawValue)
        try insert.bind(2, message.notification.deviceId?.rawValue)
        try insert.bind(3, message.id.rawValue)
        try insert.bind(4, StoredNotification.kindCode(message.notification.kind))
        try insert.bind(5, blob: encoded)
        try insert.bind(6, message.publishedAt.millisecondsSince1970)
        try insert.bind(7, message.attempts)
        try insert.bind(8, message.firstAttemptAt?.millisecondsSince1970)
        try insert.bind(9, message.nextAttemptAt.millisecondsSince1970)
        try insert.run()
        lanes.append(database.lastInsertRowID, to: message.lane)
    }

    /// The lane's last pending message when it may take a newer status: not the head
    /// (the lane holds two or more), a status, never attempted.
    private static func coalescableTail(of lane: LaneKey, lanes: OutboxLanes, in database: SQLiteDatabase) throws -> OutboxMessage? {
        let sequences = lanes[lane]
        guard sequences.count >= 2, let last = sequences.last else { return nil }
        let select = try row(last, in: database)
        defer { select.reset() }
        guard try select.step() else { return nil }
        guard select.int64(4) == StoredNotification.statusCode, select.int64(7) == 0 else { return nil }
        return try message(from: select, table: "outbox")
    }

    /// The statement selecting the pending row `sequence` with ``columns``, bound.
    private static func row(_ sequence: Int64, in database: SQLiteDatabase) throws -> SQLiteStatement {
        let select = try database.statement("SELECT \(columns) FROM outbox WHERE sequence = ?", operation: "read outbox message")
        try select.bind(1, sequence)
        return select
    }

    /// Up to `limit` pending messages at the front of `lane`.
    static func head(of lane: LaneKey, limit: Int, in database: SQLiteDatabase) throws -> [OutboxMessage] {
        var messages: [OutboxMessage] = []
        for sequence in try OutboxLanes.of(database)[lane].prefix(max(1, limit)) {
            let select = try row(sequence, in: database)
            defer { select.reset() }
            if try select.step() { messages.append(try message(from: select, table: "outbox")) }
        }
        return messages
    }

    /// Removes messages from their lanes; returns how many were still there, and the new
    /// head of each lane that lost its head, to cache once committed.
    static func remove(_ messages: [OutboxMessage], in database: SQLiteDatabase) throws -> (removed: Int, fills: [LaneHeadCache.Fill]) {
        let delete = try database.statement(
            "DELETE FROM outbox WHERE sequence = ? AND webhook = ? AND device IS ?", operation: "remove outbox message"
        )
        let lanes = try OutboxLanes.of(database)
        var removed = 0
        for message in messages {
            delete.reset()
            try delete.bind(1, message.sequence)
            try bind(message.lane, to: delete, from: 2)
            try delete.run()
            guard database.changes > 0 else { continue }
            removed += 1
            lanes.remove(message.sequence, from: message.lane)
        }
        var fills: [LaneHeadCache.Fill] = []
        for lane in Set(messages.map(\.lane)) {
            guard lanes.heads.isFollowed(lane), let stamp = lanes.heads.stamp(of: lane), let head = try head(of: lane, limit: 1, in: database).first else { continue }
            fills.append(LaneHeadCache.Fill(lane: lane, stamp: stamp, head: head))
        }
        return (removed, fills)
    }

    /// Stores the attempt count and times of messages still in their lanes.
    static func recordAttempts(_ messages: [OutboxMessage], in database: SQLiteDatabase) throws {
        let update = try database.statement(
            "UPDATE outbox SET attempts = ?, first_attempt_at = ?, next_attempt_at = ? WHERE sequence = ? AND webhook = ? AND device IS ?",
            operation: "record attempt"
        )
        let lanes = try OutboxLanes.of(database)
        for message in messages {
            lanes.touch(message.lane)
            update.reset()
            try update.bind(1, message.attempts)
            try update.bind(2, message.firstAttemptAt?.millisecondsSince1970)
            try update.bind(3, message.nextAttemptAt.millisecondsSince1970)
            try update.bind(4, message.sequence)
            try bind(message.lane, to: update, from: 5)
            try update.run()
        }
    }

    static func bind(_ lane: LaneKey, to statement: SQLiteStatement, from index: Int32 = 1) throws {
        try statement.bind(index, lane.webhookID.rawValue)
        try statement.bind(index + 1, lane.deviceID?.rawValue)
    }

    /// A message from a row selected with ``columns`` (a dead letter's reason, if any,
    /// in column 10).
    static func message(from row: SQLiteStatement, table: String, deadReason: String? = nil) throws -> OutboxMessage {
        OutboxMessage(
            sequence: row.int64(0),
            notification: try StoredNotification.decode(row.blob(5), table: table),
            webhookID: WebhookID(row.string(1)),
            publishedAt: Timestamp(millisecondsSince1970: row.int64(6)),
            attempts: row.int(7),
            firstAttemptAt: row.optionalInt64(8).map(Timestamp.init(millisecondsSince1970:)),
            nextAttemptAt: Timestamp(millisecondsSince1970: row.int64(9)),
            status: deadReason.map { .deadLetter(reason: $0) } ?? .pending
        )
    }
}
