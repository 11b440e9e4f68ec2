import WebhookKit

/// The outbox's lane index, kept in memory by the connection that writes the outbox:
/// each lane's pending sequences in order.
///
/// The file has no lane index (schema 2 dropped it): its pages were spread over the file,
/// so every group commit rewrote dozens of them. Rows are found by sequence (the rowid)
/// instead. Built by one scan when first used; rebuilt whenever the connection rolled
/// anything back, so it always mirrors the rows of the open transaction. Costs about
/// 8 bytes per pending message plus one entry per lane.
///
/// Used only on the ``SQLiteWorker``'s queue, through the connection it belongs to.
final class OutboxLanes {
    /// One lane's pending sequences, oldest first; removing from the front is O(1).
    struct Sequences {
        private var items: [Int64] = []
        private var start = 0

        var count: Int { items.count - start }
        var isEmpty: Bool { count == 0 }
        var last: Int64? { isEmpty ? nil : items.last }

        /// The first `limit` sequences.
        func prefix(_ limit: Int) -> ArraySlice<Int64> { items[start..<min(items.count, start + max(0, limit))] }

        /// Every sequence, oldest first.
        var all: ArraySlice<Int64> { items[start...] }

        mutating func append(_ sequence: Int64) { items.append(sequence) }

        /// Removes `sequence`; `false` when the lane does not hold it.
        mutating func remove(_ sequence: Int64) -> Bool {
            if start < items.count, items[start] == sequence {
                start += 1
                if start == items.count {
                    items.removeAll(keepingCapacity: items.count < 1024)
                    start = 0
                } else if start >= 64, start * 2 >= items.count {
                    items.removeFirst(start)
                    start = 0
                }
                return true
            }
            guard let index = items[start...].firstIndex(of: sequence) else { return false }
            items.remove(at: index)
            return true
        }
    }

    private var lanes: [LaneKey: Sequences] = [:]
    /// Told of every change to a lane's head.
    let heads: LaneHeadCache
    /// The connection's rollback count the index was built at; `nil`: not built.
    private var builtAt: Int?

    /// The index for `database`, built or rebuilt from the rows when stale.
    init(heads: LaneHeadCache) {
        self.heads = heads
    }

    static func of(_ database: SQLiteDatabase) throws(SQLiteError) -> OutboxLanes {
        let lanes = database.outboxLanes ?? OutboxLanes(heads: LaneHeadCache())
        database.outboxLanes = lanes
        if lanes.builtAt != database.rollbacks {
            try lanes.rebuild(from: database)
        }
        return lanes
    }

    private func rebuild(from database: SQLiteDatabase) throws(SQLiteError) {
        lanes = [:]
        builtAt = nil
        let select = try database.statement("SELECT sequence, webhook, device FROM outbox ORDER BY sequence", operation: "index lanes")
        defer { select.reset() }
        while try select.step() {
            let lane = LaneKey(webhookID: WebhookID(select.string(1)), deviceID: select.optionalString(2).map { DeviceID($0) })
            lanes[lane, default: Sequences()].append(select.int64(0))
        }
        builtAt = database.rollbacks
    }

    /// The lane's pending sequences (empty when none).
    subscript(lane: LaneKey) -> Sequences { lanes[lane] ?? Sequences() }

    func append(_ sequence: Int64, to lane: LaneKey) {
        if lanes[lane] == nil { heads.invalidate(lane) }
        lanes[lane, default: Sequences()].append(sequence)
    }

    /// Notes that the head of `lane` changed in place (its attempt count, times).
    func touch(_ lane: LaneKey) {
        heads.invalidate(lane, emptied: lanes[lane] == nil)
    }

    /// Forgets `sequence` in `lane`; `false` when the lane did not hold it.
    @discardableResult
    func remove(_ sequence: Int64, from lane: LaneKey) -> Bool {
        let removed = lanes[lane]?.remove(sequence) ?? false
        let emptied = lanes[lane]?.isEmpty ?? true
        if emptied { lanes[lane] = nil }
        if removed { heads.invalidate(lane, emptied: emptied) }
        return removed
    }

    /// Every pending sequence of `webhook`, in sequence order.
    func sequences(of webhook: WebhookID) -> [Int64] {
        lanes.filter { $0.key.webhookID == webhook }.flatMap { Array($0.value.all) }.sorted()
    }

    /// Forgets every lane of `webhook`.
    func removeAll(of webhook: WebhookID) {
        for lane in lanes.keys where lane.webhookID == webhook { heads.invalidate(lane, emptied: true) }
        lanes = lanes.filter { $0.key.webhookID != webhook }
    }

    /// Lanes with pending messages, sorted like ``LaneKey``.
    var pendingLanes: [LaneKey] { lanes.keys.sorted() }

    /// Pending messages per webhook.
    var pendingCounts: [WebhookID: Int] {
        lanes.reduce(into: [:]) { $0[$1.key.webhookID, default: 0] += $1.value.count }
    }
}
