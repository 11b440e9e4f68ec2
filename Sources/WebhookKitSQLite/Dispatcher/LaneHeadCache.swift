import Synchronization
import WebhookKit

/// The committed head message of lanes, so ``SQLiteOutboxStore/head(of:limit:)`` can
/// answer the dispatcher's next read without a trip through the connection's queue.
///
/// Only committed state enters: a job that changes a lane's head invalidates the lane
/// while it runs (stamping it), and a head it read is installed after its transaction
/// committed, and only if no later job stamped the lane meanwhile. So a rollback needs
/// nothing here: what a rolled-back job touched is no longer cached, and what is cached
/// is committed state no job changed since. Holds at most ``capacity`` messages (one per lane).
///
/// Removals refill only lanes whose reader last asked for one message: a lane that reads
/// ahead already holds its next messages, and reading and decoding its new head after
/// every removal would be wasted work on the writer thread.
final class LaneHeadCache: Sendable {
    /// A head read inside a job, to install once that job's transaction committed.
    struct Fill: Sendable {
        let lane: LaneKey
        let stamp: UInt64
        let head: OutboxMessage
    }

    private struct State {
        var heads: [LaneKey: OutboxMessage] = [:]
        /// The stamp of each lane's last change, for lanes with pending messages.
        var stamps: [LaneKey: UInt64] = [:]
        var nextStamp: UInt64 = 1
        /// Lanes whose last read asked for one message (see ``isFollowed(_:)``).
        var followed: Set<LaneKey> = []
    }

    private let state = Mutex(State())
    let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The lane's head as last committed, if cached.
    func head(of lane: LaneKey) -> OutboxMessage? {
        state.withLock { $0.heads[lane] }
    }

    /// Notes how the lane was last read: with `limit` 1 its next head is worth caching
    /// after a removal, with more it is not.
    func noteRead(of lane: LaneKey, limit: Int) {
        state.withLock { state in
            if limit > 1 {
                state.followed.remove(lane)
            } else if state.followed.count < capacity {
                state.followed.insert(lane)
            }
        }
    }

    /// Whether a removal should read the lane's new head for the cache.
    func isFollowed(_ lane: LaneKey) -> Bool {
        state.withLock { $0.followed.contains(lane) }
    }

    /// Forgets the lane's head because a running job changes it; returns the new stamp.
    /// `emptied`: the lane holds nothing now, so its stamp is dropped too.
    @discardableResult
    func invalidate(_ lane: LaneKey, emptied: Bool = false) -> UInt64 {
        state.withLock { state in
            state.heads[lane] = nil
            let stamp = state.nextStamp
            state.nextStamp += 1
            if emptied {
                state.stamps[lane] = nil
                state.followed.remove(lane)
            } else {
                state.stamps[lane] = stamp
            }
            return stamp
        }
    }

    /// The lane's current stamp, to pair with a head read now.
    func stamp(of lane: LaneKey) -> UInt64? {
        state.withLock { $0.stamps[lane] }
    }

    /// Installs heads read by a committed job, skipping lanes changed since.
    func install(_ fills: [Fill]) {
        guard !fills.isEmpty else { return }
        state.withLock { state in
            for fill in fills where state.stamps[fill.lane] == fill.stamp {
                if state.heads[fill.lane] == nil, state.heads.count >= capacity { continue }
                state.heads[fill.lane] = fill.head
            }
        }
    }
}
