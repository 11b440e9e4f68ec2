/// Messages a lane worker read from the front of its lane and has not sent yet, so it
/// asks the outbox once per read-ahead instead of once per delivery.
///
/// Only messages that cannot change in the store while held are kept. The store may
/// merge a newer status into the lane's **last** message when that one is a
/// never-attempted status and not the lane's head (see ``OutboxStore``). Every message
/// of a read but the last one has a successor, and a lane only grows at its end, so
/// none of them can become the last again; the last one is kept only when it is the
/// head or cannot take a merge. Whatever else changes a lane (a delete, a disable, a
/// configuration change) moves the dispatcher's epoch, which makes the holding stale.
struct LaneReadAhead: Sendable {
    /// What a worker tells the dispatcher about the messages it holds.
    enum Holding: Sendable, Equatable {
        /// Due messages, read at `epoch`.
        case due(epoch: UInt64)
        /// Nothing left to send; `coversLane` when the last read held every message
        /// pending at the time (so only an arrival since can make more).
        case usedUp(coversLane: Bool, epoch: UInt64)
        /// Nothing usable: never read, a failed read, or a head not due yet.
        case none
    }

    private var messages: ArraySlice<OutboxMessage> = []
    private var coversLane = false
    private var epoch: UInt64?

    /// Nothing held; the worker's first step is a read.
    init() {}

    /// Keeps what a read of at most `limit` messages returned. `coalescing` says whether
    /// the store may still merge statuses into this lane.
    init(read: [OutboxMessage], limit: Int, coalescing: Bool, epoch: UInt64) {
        var kept = read[...]
        var covers = read.count < limit
        if coalescing, read.count >= 2, let last = read.last, last.isCoalescable {
            // It may be the lane's last: a later status may be merged into it, so it is
            // read again once it is the head.
            kept = kept.dropLast()
            covers = false
        }
        messages = kept
        coversLane = covers
        self.epoch = epoch
    }

    /// The first held message, next to be sent.
    var head: OutboxMessage? { messages.first }

    /// What the worker holds at `now`.
    func holding(at now: Timestamp) -> Holding {
        guard let epoch else { return .none }
        guard let head = messages.first else { return .usedUp(coversLane: coversLane, epoch: epoch) }
        return head.nextAttemptAt <= now ? .due(epoch: epoch) : .none
    }

    /// Takes up to `limit` messages from the front for one request.
    mutating func take(_ limit: Int) -> [OutboxMessage] {
        let taken = messages.prefix(max(1, limit))
        messages = messages.dropFirst(taken.count)
        return Array(taken)
    }
}
