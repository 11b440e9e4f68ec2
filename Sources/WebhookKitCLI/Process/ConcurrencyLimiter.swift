/// Runs at most `limit` jobs at once and queues at most `maximumWaiting` more; beyond
/// that, ``run(_:)`` refuses instead of letting a backlog grow without bound.
///
/// ```swift
/// let limiter = ConcurrencyLimiter(limit: 4, maximumWaiting: 1000)
/// let ran = await limiter.run { await runTrigger() }   // false when the queue was full
/// await limiter.waitUntilIdle()
/// ```
public actor ConcurrencyLimiter {
    /// Jobs allowed to run at once.
    public let limit: Int
    /// Jobs allowed to wait for a slot.
    public let maximumWaiting: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// Creates a limiter.
    public init(limit: Int, maximumWaiting: Int) {
        self.limit = max(1, limit)
        self.maximumWaiting = max(0, maximumWaiting)
    }

    /// Jobs running now.
    public var runningCount: Int { running }

    /// Whether a job runs or waits.
    public var isBusy: Bool { running > 0 || !waiting.isEmpty }

    /// Runs `job` when a slot is free; returns `false` without running it when the wait
    /// queue is full.
    @discardableResult
    public func run(_ job: @Sendable () async -> Void) async -> Bool {
        if running >= limit {
            guard waiting.count < maximumWaiting else { return false }
            await withCheckedContinuation { waiting.append($0) }
        } else {
            running += 1
        }
        await job()
        if waiting.isEmpty {
            running -= 1
            if running == 0 {
                idleWaiters.forEach { $0.resume() }
                idleWaiters = []
            }
        } else {
            // Hand the slot straight to the next job; `running` stays the same.
            waiting.removeFirst().resume()
        }
        return true
    }

    /// Suspends until no job runs or waits.
    public func waitUntilIdle() async {
        guard running > 0 else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }
}
