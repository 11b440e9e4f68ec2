import Foundation

/// When a failed delivery is tried again, and when the dispatcher gives up on it.
///
/// Delays grow exponentially with **full jitter** (a uniform random delay between zero and
/// the exponential ceiling), so receivers that come back after an outage are not hit by
/// every waiting message at the same instant.
///
/// ```swift
/// var policy = RetryPolicy()                 // 5 s, ×2, capped at 1 h, give up after 72 h
/// policy.maximumDelay = .seconds(600)
/// var rng = SystemRandomNumberGenerator()
/// let wait = policy.backoff(attempt: 3, using: &rng)   // somewhere in 0...20 s
/// ```
///
/// The decision for one attempt's outcome, including `Retry-After`, `410 Gone` and
/// giving up, is ``decide(outcome:attempt:firstAttemptAt:now:successPolicy:using:)``.
public struct RetryPolicy: Sendable, Hashable, Codable {
    /// The ceiling of the delay after the first failed attempt.
    public var baseDelay: Duration
    /// How much the ceiling grows per further failed attempt. The default is 2; any
    /// value of at least 1 is valid (1 means a constant ceiling).
    public var multiplier: Double
    /// The largest ceiling, whatever the attempt number.
    public var maximumDelay: Duration
    /// How long after a message's first attempt the dispatcher keeps trying; a retry that
    /// would fall later moves the message to the dead letters instead.
    public var giveUpAfter: Duration
    /// The longest wait a `Retry-After` header can impose; longer values are clamped, so a
    /// receiver cannot park a message for a year.
    public var retryAfterCap: Duration

    /// Creates a policy; every parameter has the documented default.
    public init(
        baseDelay: Duration = .seconds(5),
        multiplier: Double = 2,
        maximumDelay: Duration = .seconds(3600),
        giveUpAfter: Duration = .seconds(72 * 3600),
        retryAfterCap: Duration = .seconds(3600)
    ) {
        self.baseDelay = baseDelay
        self.multiplier = multiplier
        self.maximumDelay = maximumDelay
        self.giveUpAfter = giveUpAfter
        self.retryAfterCap = retryAfterCap
    }

    /// The upper bound of the jittered delay after failed attempt number `attempt`
    /// (1 for the first attempt): `min(maximumDelay, baseDelay · multiplier^(attempt − 1))`.
    ///
    /// Never overflows, whatever the attempt number; attempt numbers below 1 count as 1.
    public func backoffCeiling(attempt: Int) -> Duration {
        .milliseconds(ceilingMilliseconds(attempt: attempt))
    }

    /// A random delay before the next attempt after failed attempt number `attempt`
    /// (1 for the first attempt), uniform in `0...backoffCeiling(attempt:)` at
    /// millisecond resolution.
    public func backoff(attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let ceiling = ceilingMilliseconds(attempt: attempt)
        guard ceiling > 0 else { return .zero }
        return .milliseconds(Int64.random(in: 0...ceiling, using: &generator))
    }

    private func ceilingMilliseconds(attempt: Int) -> Int64 {
        let base = max(0, baseDelay.wholeMilliseconds)
        let cap = max(0, maximumDelay.wholeMilliseconds)
        let factor = multiplier.isFinite ? max(1, multiplier) : 1
        let exponent = Double(max(0, attempt - 1))
        let ceiling = Double(base) * pow(factor, exponent)
        // `ceiling` may be +infinity for huge attempts; compare in Double before converting.
        guard ceiling.isFinite, ceiling < Double(cap) else { return cap }
        return Int64(ceiling)
    }
}

extension RetryPolicy {
    private enum CodingKeys: String, CodingKey {
        case baseDelaySeconds, multiplier, maximumDelaySeconds, giveUpAfterSeconds, retryAfterCapSeconds
    }

    /// Decodes a policy; absent fields take their defaults, durations are seconds.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = RetryPolicy()
        baseDelay = try DurationCoding.decode(container, .baseDelaySeconds, default: defaults.baseDelay)
        multiplier = try container.decodeIfPresent(Double.self, forKey: .multiplier) ?? defaults.multiplier
        maximumDelay = try DurationCoding.decode(container, .maximumDelaySeconds, default: defaults.maximumDelay)
        giveUpAfter = try DurationCoding.decode(container, .giveUpAfterSeconds, default: defaults.giveUpAfter)
        retryAfterCap = try DurationCoding.decode(container, .retryAfterCapSeconds, default: defaults.retryAfterCap)
    }

    /// Encodes durations as seconds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(DurationCoding.seconds(baseDelay), forKey: .baseDelaySeconds)
        try container.encode(multiplier, forKey: .multiplier)
        try container.encode(DurationCoding.seconds(maximumDelay), forKey: .maximumDelaySeconds)
        try container.encode(DurationCoding.seconds(giveUpAfter), forKey: .giveUpAfterSeconds)
        try container.encode(DurationCoding.seconds(retryAfterCap), forKey: .retryAfterCapSeconds)
    }
}
