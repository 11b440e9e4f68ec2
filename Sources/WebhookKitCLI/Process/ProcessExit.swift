import Synchronization

/// The exit status of a child process, awaited with a time limit: the process's
/// termination handler calls ``signal(_:)``, waiters get the status or `nil` on timeout.
final class ProcessExit: Sendable {
    private struct State {
        var status: Int32?
        var waiters: [UInt64: CheckedContinuation<Int32?, Never>] = [:]
        var nextWaiter: UInt64 = 0
        /// Waiters whose time ran out before they were registered.
        var expired: Set<UInt64> = []
    }

    private let state = Mutex(State())

    /// Records the exit status and wakes every waiter.
    func signal(_ status: Int32) {
        let waiters = state.withLock { state in
            state.status = status
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        waiters.forEach { $0.resume(returning: status) }
    }

    /// The exit status, waiting up to `timeout` for it; `nil` when it did not come in time.
    func wait(timeout: Duration) async -> Int32? {
        let token: UInt64 = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            let waiter = state.withLock { state in
                guard let waiter = state.waiters.removeValue(forKey: token) else {
                    state.expired.insert(token)
                    return nil as CheckedContinuation<Int32?, Never>?
                }
                return waiter
            }
            waiter?.resume(returning: nil)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { continuation in
            let immediate: Int32?? = state.withLock { state in
                if let status = state.status { return .some(status) }
                if state.expired.remove(token) != nil { return .some(nil) }
                state.waiters[token] = continuation
                return .none
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
    }
}
