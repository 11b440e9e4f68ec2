import WebhookKit

extension OutboxTable {
    /// Every lane holding pending messages, sorted like ``LaneKey``.
    static func pendingLanes(in database: SQLiteDatabase) throws -> [LaneKey] {
        let select = try database.statement("SELECT DISTINCT webhook, device FROM outbox", operation: "list lanes")
        defer { select.reset() }
        var lanes: [LaneKey] = []
        while try select.step() {
            lanes.append(LaneKey(webhookID: WebhookID(select.string(0)), deviceID: select.optionalString(1).map { DeviceID($0) }))
        }
        return lanes.sorted()
    }

    /// Pending messages per webhook.
    static func pendingCounts(in database: SQLiteDatabase) throws -> [WebhookID: Int] {
        let select = try database.statement("SELECT webhook, count(*) FROM outbox GROUP BY webhook", operation: "count pending")
        defer { select.reset() }
        var counts: [WebhookID: Int] = [:]
        while try select.step() { counts[WebhookID(select.string(0))] = select.int(1) }
        return counts
    }
}
