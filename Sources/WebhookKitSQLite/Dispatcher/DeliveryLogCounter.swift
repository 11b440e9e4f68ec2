import Synchronization

/// Counts recorded attempts between prunes of a ``SQLiteDeliveryLog``.
final class DeliveryLogCounter: Sendable {
    private let count = Mutex(0)

    /// Adds `recorded`; `true` (and the count restarts) once `interval` is reached.
    func add(_ recorded: Int, interval: Int) -> Bool {
        count.withLock { count in
            count += recorded
            guard count >= interval else { return false }
            count = 0
            return true
        }
    }
}
