extension RetryPolicy {
    /// The status codes whose `Retry-After` header is honoured.
    public static let retryAfterStatusCodes: Set<Int> = [429, 503]

    /// Decides what happens to a message after one attempt. Pure: time and randomness
    /// come in as arguments.
    ///
    /// - A status `successPolicy` accepts → ``DeliveryDecision/delivered``.
    /// - `410 Gone` → ``DeliveryDecision/disableWebhook(reason:)``.
    /// - `429` or `503` with a parseable `Retry-After` → retry exactly at the time it names,
    ///   clamped to `now...now + retryAfterCap`.
    /// - Any other failure (status or transport error) → retry after
    ///   ``backoff(attempt:using:)``.
    /// - A retry that would fall after `firstAttemptAt + giveUpAfter` →
    ///   ``DeliveryDecision/deadLetter(reason:)``.
    ///
    /// - Parameters:
    ///   - outcome: what the attempt produced.
    ///   - attempt: the number of the attempt that produced it, 1 for the first.
    ///   - firstAttemptAt: when the message was first attempted (the give-up clock starts there).
    ///   - now: the current time, when the outcome arrived.
    ///   - successPolicy: which status codes count as delivered.
    ///   - generator: the randomness of the jitter.
    public func decide(
        outcome: DeliveryOutcome,
        attempt: Int,
        firstAttemptAt: Timestamp,
        now: Timestamp,
        successPolicy: DeliverySuccessPolicy = .only200,
        using generator: inout some RandomNumberGenerator
    ) -> DeliveryDecision {
        guard let reason = outcome.failureClass(successPolicy: successPolicy) else { return .delivered }
        if case .status(410) = reason {
            return .disableWebhook(reason: "the endpoint answered 410 Gone")
        }
        let retryAt = retryAfterTime(outcome, now: now)
            ?? now.advanced(by: backoff(attempt: attempt, using: &generator))
        if retryAt > firstAttemptAt.advanced(by: giveUpAfter) {
            return .deadLetter(reason: reason)
        }
        return .retry(at: retryAt, reason: reason)
    }

    /// The retry time a `Retry-After` header asks for, when the status code is one that
    /// honours it and the value parses; clamped to `now...now + retryAfterCap`.
    func retryAfterTime(_ outcome: DeliveryOutcome, now: Timestamp) -> Timestamp? {
        guard case .response(let code, let header?) = outcome, Self.retryAfterStatusCodes.contains(code),
              let retryAfter = RetryAfter(headerValue: header, now: now)
        else { return nil }
        let requested = retryAfter.resolved(now: now)
        return min(max(requested, now), now.advanced(by: max(.zero, retryAfterCap)))
    }
}
