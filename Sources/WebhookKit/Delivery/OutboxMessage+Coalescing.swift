extension OutboxMessage {
    /// Folds a newer status message of the same lane into this waiting one: newer values
    /// and removals win, and the result carries the newer message's id and timestamp.
    /// Returns `nil` when either message is not a status change or this one may not change
    /// any more (see ``OutboxStore``).
    public func coalesced(with newer: OutboxMessage) -> OutboxMessage? {
        guard isCoalescable, lane == newer.lane,
              case .status(var change) = notification.body,
              case .status(let newerChange) = newer.notification.body
        else { return nil }
        change.merge(newer: newerChange)
        var merged = self
        merged.notification.body = .status(change)
        merged.notification.id = newer.notification.id
        merged.notification.timestamp = newer.notification.timestamp
        return merged
    }
}
