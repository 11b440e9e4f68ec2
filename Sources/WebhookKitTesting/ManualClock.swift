import Synchronization
import WebhookKit

/// A ``WebhookClock`` whose time moves only when a test says so, so retry, back-off and
/// activation-delay tests run without sleeping.
///
/// ```swift
/// let clock = ManualClock()
/// let dispatcher = Dispatcher(…, clock: clock)
/// try await dispatcher.publish(notification)          // first attempt fails with 503
/// await clock.waitForSleepers(count: 1)               // the lane is parked until its retry
/// clock.advance(by: .seconds(5))                      // wakes every sleeper due by then
/// ```
///
/// Sleepers whose deadline has been reached are resumed in deadline order (ties in the
/// order they went to sleep); on a serial executor they also run in that order, on the
/// global concurrent executor resumed tasks may interleave. To step through deadlines one
/// at a time, use ``advanceToNextDeadline()``. A sleeping task that is cancelled throws
/// `CancellationError` at once. `now()` is never earlier than ``defaultStart`` (or the
/// start given) and never goes backwards.
public final class ManualClock: WebhookClock {
    private struct Sleeper {
        let deadline: Timestamp
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct Waiter {
        let count: Int
        let continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var now: Timestamp
        var nextID: UInt64 = 0
        var sleepers: [UInt64: Sleeper] = [:]
        var waiters: [UInt64: Waiter] = [:]

        mutating func makeID() -> UInt64 {
            nextID += 1
            return nextID
        }

        /// Removes and returns the waiters satisfied by the current number of sleepers.
        mutating func satisfiedWaiters() -> [CheckedContinuation<Void, Never>] {
            let ready = waiters.filter { $0.value.count <= sleepers.count }
            for id in ready.keys { waiters[id] = nil }
            return ready.values.map(\.continuation)
        }
    }

    private let state: Mutex<State>

    /// The default start: 2027-01-15T08:00:00Z, a fixed instant so test output is stable.
    public static let defaultStart = Timestamp(millisecondsSince1970: 1_800_000_000_000)

    /// Creates a clock standing at `start`.
    public init(start: Timestamp = ManualClock.defaultStart) {
        state = Mutex(State(now: start))
    }

    /// The clock's current time.
    public func now() -> Timestamp {
        state.withLock { $0.now }
    }

    /// The number of tasks sleeping on this clock.
    public var sleeperCount: Int {
        state.withLock { $0.sleepers.count }
    }

    /// The deadlines of the sleeping tasks, earliest first.
    public var pendingDeadlines: [Timestamp] {
        state.withLock { $0.sleepers.values.map(\.deadline).sorted() }
    }

    /// Suspends until the clock has been advanced to `deadline`; returns at once when it
    /// already has. Throws `CancellationError` when the task is cancelled.
    public func sleep(until deadline: Timestamp) async throws {
        try Task.checkCancellation()
        let id = state.withLock { $0.makeID() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Next { case suspended([CheckedContinuation<Void, Never>]), resume, cancelled }
                let next: Next = state.withLock { state in
                    // Checked under the lock: a cancellation handler that ran before this
                    // point found no sleeper, but `isCancelled` is already set.
                    if Task.isCancelled { return .cancelled }
                    if deadline <= state.now { return .resume }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return .suspended(state.satisfiedWaiters())
                }
                switch next {
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .resume: continuation.resume()
                case .suspended(let waiters): for waiter in waiters { waiter.resume() }
                }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward by `duration` and wakes every sleeper that is due.
    public func advance(by duration: Duration) {
        let target = now().advanced(by: duration)
        advance(to: target)
    }

    /// Moves time forward to `instant` (never backward) and wakes every sleeper that is due.
    public func advance(to instant: Timestamp) {
        let due: [Sleeper] = state.withLock { state in
            if instant > state.now { state.now = instant }
            let dueIDs = state.sleepers.filter { $0.value.deadline <= state.now }
                .sorted { ($0.value.deadline, $0.key) < ($1.value.deadline, $1.key) }
                .map(\.key)
            return dueIDs.compactMap { state.sleepers.removeValue(forKey: $0) }
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Moves time to the earliest sleeper's deadline and wakes the sleepers due then.
    /// Returns the new time, or `nil` (time unchanged) when nobody sleeps.
    @discardableResult
    public func advanceToNextDeadline() -> Timestamp? {
        guard let next = pendingDeadlines.first else { return nil }
        advance(to: next)
        return next
    }

    /// Suspends until at least `count` tasks sleep on this clock, so a test can wait until
    /// the code under test has parked itself instead of sleeping for real. Returns early
    /// when the waiting task is cancelled.
    public func waitForSleepers(count: Int) async {
        let id = state.withLock { $0.makeID() }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state in
                    if Task.isCancelled || state.sleepers.count >= count { return true }
                    state.waiters[id] = Waiter(count: count, continuation: continuation)
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.continuation.resume()
        }
    }
}
