import WebhookKit

extension OutboxTable {
    /// Every lane holding pending messages, sorted like ``LaneKey``.
    static func pendingLanes(in database: SQLiteDatabase) throws -> [LaneKey] {
        try OutboxLanes.of(database).pendingLanes
    }

    /// Pending messages per webhook.
    static func pendingCounts(in database: SQLiteDatabase) throws -> [WebhookID: Int] {
        try OutboxLanes.of(database).pendingCounts
    }
}
