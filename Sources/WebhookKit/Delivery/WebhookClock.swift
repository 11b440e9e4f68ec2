/// The dispatcher's source of time, injected so tests of retries, back-off and
/// activation delays can move time forward without sleeping.
///
/// ## Implementation requirements
/// - `now()` never goes backwards.
/// - `sleep(until:)` returns once `now()` has reached `deadline`, at once if it already
///   has, and throws `CancellationError` when the calling task is cancelled.
/// - Be safe to call concurrently.
public protocol WebhookClock: Sendable {
    /// The current time.
    func now() -> Timestamp
    /// Suspends until `deadline`.
    func sleep(until deadline: Timestamp) async throws
}

/// Wall-clock time from the system.
public struct SystemClock: WebhookClock {
    /// Creates the system clock.
    public init() {}

    /// The current wall-clock time.
    public func now() -> Timestamp { .now }

    /// Sleeps until `deadline` on the continuous clock.
    public func sleep(until deadline: Timestamp) async throws {
        let remaining = Timestamp.now.duration(to: deadline)
        if remaining > .zero {
            try await Task.sleep(for: remaining)
        } else {
            try Task.checkCancellation()
        }
    }
}
