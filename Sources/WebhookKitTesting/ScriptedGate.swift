import Synchronization

/// A latch that holds scripted transport requests until a test opens it, so a test can
/// observe a request in flight (for example a breaker's single probe) without timing.
///
/// ```swift
/// let gate = ScriptedGate()
/// transport.enqueue(.suspend(until: gate, then: .status(200)))
/// await gate.waitForArrivals(count: 1)   // a request is now held
/// gate.open()                            // it completes, and later ones pass at once
/// ```
public final class ScriptedGate: Sendable {
    private struct State {
        var isOpen = false
        var arrivals = 0
        var nextID: UInt64 = 0
        var held: [UInt64: CheckedContinuation<Bool, Never>] = [:]
        var watchers: [UInt64: (count: Int, continuation: CheckedContinuation<Void, Never>)] = [:]

        mutating func makeID() -> UInt64 {
            nextID += 1
            return nextID
        }
    }

    private let state = Mutex(State())

    /// Creates a closed gate.
    public init() {}

    /// How many requests have reached the gate so far (held or passed).
    public var arrivals: Int { state.withLock { $0.arrivals } }

    /// How many requests are held right now.
    public var heldCount: Int { state.withLock { $0.held.count } }

    /// Opens the gate: every held request continues, and later ones pass at once.
    public func open() {
        let held = state.withLock { state in
            state.isOpen = true
            defer { state.held = [:] }
            return Array(state.held.values)
        }
        for continuation in held { continuation.resume(returning: true) }
    }

    /// Suspends until at least `count` requests have reached the gate. Returns early when
    /// the waiting task is cancelled.
    public func waitForArrivals(count: Int) async {
        let id = state.withLock { $0.makeID() }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state in
                    if Task.isCancelled || state.arrivals >= count { return true }
                    state.watchers[id] = (count, continuation)
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.watchers.removeValue(forKey: id) }?.continuation.resume()
        }
    }

    /// Waits until the gate is open; `false` when the task was cancelled first.
    func pass() async -> Bool {
        let id = state.withLock { $0.makeID() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let (result, watchers): (Bool?, [CheckedContinuation<Void, Never>]) = state.withLock { state in
                    state.arrivals += 1
                    let ready = state.watchers.filter { $0.value.count <= state.arrivals }
                    for key in ready.keys { state.watchers[key] = nil }
                    let watchers = ready.values.map(\.continuation)
                    if state.isOpen { return (true, watchers) }
                    if Task.isCancelled { return (false, watchers) }
                    state.held[id] = continuation
                    return (nil, watchers)
                }
                for watcher in watchers { watcher.resume() }
                if let result { continuation.resume(returning: result) }
            }
        } onCancel: {
            state.withLock { $0.held.removeValue(forKey: id) }?.resume(returning: false)
        }
    }
}
