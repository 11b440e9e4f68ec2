/// Tracks how long a webhook has been failing without a single success, to warn at half
/// the allowed period and disable the webhook at the full period.
///
/// A pure state machine, one per webhook; `Codable` so a durable store can keep the
/// streak across restarts.
///
/// ```swift
/// var streak = FailureStreak()                 // disable after 72 h, warn at 36 h
/// switch streak.recordFailure(now: clock.now()) {
/// case .none: break
/// case .warn(let since): log("failing since \(since)")
/// case .disable(let reason): registry.disable(webhook, reason: reason)
/// }
/// streak.recordSuccess()                       // any delivery resets the streak
/// ```
public struct FailureStreak: Sendable, Hashable, Codable {
    /// How long a webhook may fail continuously.
    public struct Configuration: Sendable, Hashable, Codable {
        /// The period of continuous failure after which the webhook is disabled; the
        /// warning comes at half of it.
        public var disableAfter: Duration

        /// Creates a configuration: by default 72 hours.
        public init(disableAfter: Duration = .seconds(72 * 3600)) {
            self.disableAfter = disableAfter
        }

        private enum CodingKeys: String, CodingKey { case disableAfterSeconds }

        /// Decodes a configuration; an absent field takes its default.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            disableAfter = try DurationCoding.decode(container, .disableAfterSeconds, default: .seconds(72 * 3600))
        }

        /// Encodes the period as seconds.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(DurationCoding.seconds(disableAfter), forKey: .disableAfterSeconds)
        }
    }

    /// What the dispatcher should do after a failure.
    public enum Action: Sendable, Hashable {
        /// Nothing yet.
        case none
        /// Half the period has passed since the streak began at `since`; emitted once per
        /// streak. When the first failure seen after the half-way mark is already past the
        /// full period, ``disable(reason:)`` comes instead.
        case warn(since: Timestamp)
        /// The full period has passed: disable the webhook with this reason. Emitted on
        /// every failure from then on, until the streak is reset.
        case disable(reason: String)
    }

    /// The configuration in force.
    public var configuration: Configuration
    /// When the current streak's first failure happened; `nil` when there is no streak.
    public private(set) var failingSince: Timestamp?
    /// Whether the warning of the current streak has been emitted.
    public private(set) var hasWarned: Bool = false

    /// Creates a tracker with no failures.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Records a failed attempt at `now` and says what to do.
    public mutating func recordFailure(now: Timestamp) -> Action {
        guard let since = failingSince else {
            failingSince = now
            return configuration.disableAfter <= .zero ? disable(since: now) : .none
        }
        let elapsed = since.duration(to: now)
        if elapsed >= configuration.disableAfter {
            return disable(since: since)
        }
        if !hasWarned, elapsed >= configuration.disableAfter / 2 {
            hasWarned = true
            return .warn(since: since)
        }
        return .none
    }

    /// Records a delivered message: the streak ends.
    public mutating func recordSuccess() {
        reset()
    }

    /// Forgets the streak, for example when an operator enables the webhook again.
    public mutating func reset() {
        failingSince = nil
        hasWarned = false
    }

    private func disable(since: Timestamp) -> Action {
        .disable(reason: "every delivery failed for \(Self.describe(configuration.disableAfter)) (since \(since))")
    }

    /// `72h`, `90m`, `45s` or `1500ms`: the largest unit that divides the duration.
    static func describe(_ duration: Duration) -> String {
        let millis = duration.wholeMilliseconds
        if millis % 3_600_000 == 0, millis != 0 { return "\(millis / 3_600_000)h" }
        if millis % 60_000 == 0, millis != 0 { return "\(millis / 60_000)m" }
        if millis % 1000 == 0 { return "\(millis / 1000)s" }
        return "\(millis)ms"
    }
}
