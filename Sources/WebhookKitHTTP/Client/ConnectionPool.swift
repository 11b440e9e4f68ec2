import Synchronization
import WebhookKit

/// Keep-alive connections per origin, at most a fixed number open per origin.
///
/// A request takes an idle connection (most recently used first), or opens a new one while
/// under the limit, or waits for one to be released. Connections that cannot carry another
/// request (`Connection: close`, an error, a body not read to its end) are closed on release.
final class ConnectionPool: Sendable {
    /// The pool key: what a connection may be reused for.
    struct Origin: Hashable, Sendable {
        var host: String
        var port: Int
        var allowPrivateNetworks: Bool
    }

    /// What a request got from the pool.
    enum Lease: Sendable {
        /// Use this idle connection.
        case reuse(PooledConnection)
        /// A slot is reserved: open a new connection (and call ``openFailed(_:)`` if that fails).
        case open
        /// The pool is shut down.
        case shutDown
    }

    private struct OriginState {
        var idle: [PooledConnection] = []
        var open = 0
        var waiters = WaiterQueue<CheckedContinuation<Lease, Never>>()
    }

    private struct State {
        var origins: [Origin: OriginState] = [:]
        var isShutDown = false
    }

    private let state = Mutex(State())
    private let maxPerOrigin: Int
    private let idleTimeout: Duration

    init(maxPerOrigin: Int, idleTimeout: Duration) {
        self.maxPerOrigin = max(1, maxPerOrigin)
        self.idleTimeout = idleTimeout
    }

    /// A connection or a slot for `origin`, waiting while the origin is at its limit.
    func acquire(_ origin: Origin) async -> Lease {
        while true {
            let immediate: Lease? = state.withLock { state in
                if state.isShutDown { return .shutDown }
                if let connection = state.origins[origin]?.idle.popLast() { return .reuse(connection) }
                if state.origins[origin, default: OriginState()].open < maxPerOrigin {
                    state.origins[origin, default: OriginState()].open += 1
                    return .open
                }
                return nil
            }
            let lease: Lease
            if let immediate {
                lease = immediate
            } else {
                lease = await withCheckedContinuation { continuation in
                    let admitted: Lease? = state.withLock { state in
                        if state.isShutDown { return .shutDown }
                        if let connection = state.origins[origin]?.idle.popLast() { return .reuse(connection) }
                        if state.origins[origin, default: OriginState()].open < maxPerOrigin {
                            state.origins[origin, default: OriginState()].open += 1
                            return .open
                        }
                        state.origins[origin, default: OriginState()].waiters.append(continuation)
                        return nil
                    }
                    if let admitted { continuation.resume(returning: admitted) }
                }
            }
            // An idle connection may have been closed by the peer or kept too long.
            if case .reuse(let connection) = lease, !connection.isReusable(idleTimeout: idleTimeout) {
                discard(origin, connection)
                continue
            }
            return lease
        }
    }

    /// Returns a connection after a request: kept for reuse, or closed.
    func release(_ origin: Origin, _ connection: PooledConnection, reusable: Bool) {
        guard reusable else { return discard(origin, connection) }
        connection.idleSince.store(ClientDeadline.now.nanoseconds, ordering: .relaxed)
        let (waiter, close): (CheckedContinuation<Lease, Never>?, Bool) = state.withLock { state in
            if state.isShutDown {
                state.origins[origin]?.open -= 1
                return (nil, true)
            }
            if let waiter = state.origins[origin]?.waiters.popFirst() {
                return (waiter, false)
            }
            state.origins[origin, default: OriginState()].idle.append(connection)
            return (nil, false)
        }
        if close { connection.close() }
        waiter?.resume(returning: .reuse(connection))
    }

    /// Closes a connection and frees its slot for a waiting request.
    func discard(_ origin: Origin, _ connection: PooledConnection) {
        connection.close()
        openFailed(origin)
    }

    /// Frees a slot reserved by ``Lease/open`` (or held by a closed connection).
    func openFailed(_ origin: Origin) {
        let waiter: CheckedContinuation<Lease, Never>? = state.withLock { state in
            guard var entry = state.origins[origin] else { return nil }
            entry.open -= 1
            var waiter: CheckedContinuation<Lease, Never>?
            if !state.isShutDown, let first = entry.waiters.popFirst() {
                waiter = first
                entry.open += 1
            }
            if entry.open == 0 && entry.idle.isEmpty && entry.waiters.isEmpty {
                state.origins[origin] = nil
            } else {
                state.origins[origin] = entry
            }
            return waiter
        }
        waiter?.resume(returning: .open)
    }

    /// Closes every idle connection and refuses new requests; connections in use are
    /// closed when released.
    func shutdown() {
        let (idle, waiters): ([PooledConnection], [CheckedContinuation<Lease, Never>]) = state.withLock { state in
            state.isShutDown = true
            var idle: [PooledConnection] = []
            var waiters: [CheckedContinuation<Lease, Never>] = []
            for (origin, var entry) in state.origins {
                idle += entry.idle
                waiters += entry.waiters.removeAll()
                entry.open -= entry.idle.count
                entry.idle = []
                state.origins[origin] = entry
            }
            return (idle, waiters)
        }
        idle.forEach { $0.close() }
        waiters.forEach { $0.resume(returning: .shutDown) }
    }

    /// Connections open per origin (idle and in use), for tests and metrics.
    func openConnections(_ origin: Origin) -> Int {
        state.withLock { $0.origins[origin]?.open ?? 0 }
    }
}
