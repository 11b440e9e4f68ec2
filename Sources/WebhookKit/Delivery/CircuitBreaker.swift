/// Stops sending to an endpoint that keeps failing, then tests it with a single request.
///
/// A pure state machine, one per endpoint; the dispatcher asks it before every attempt
/// and reports every outcome. While the breaker is open the lanes of that endpoint hold
/// their messages (they are not attempted, so they do not use up retries).
///
/// ```swift
/// var breaker = CircuitBreaker()
/// switch breaker.requestPermission(now: clock.now()) {
/// case .allowed, .allowedAsProbe:
///     // send, then breaker.recordSuccess() or breaker.recordFailure(now: clock.now())
/// case .denied(let until):
///     // hold the lane; ask again at `until` (or when the probe in flight finishes)
/// }
/// ```
///
/// States: **closed** (requests pass; consecutive failures are counted) → after
/// ``Configuration/failureThreshold`` consecutive failures **open** until a cool-down has
/// passed → **half-open**: exactly one request (the probe) passes; its success closes
/// the breaker, its failure opens it for another cool-down.
public struct CircuitBreaker: Sendable, Hashable {
    /// When the breaker opens and how long it stays open.
    public struct Configuration: Sendable, Hashable, Codable {
        /// Consecutive failures that open the breaker (values below 1 count as 1).
        public var failureThreshold: Int
        /// How long the breaker stays open before it lets one probe through.
        public var coolDown: Duration

        /// Creates a configuration: by default 5 consecutive failures, 30 s cool-down.
        public init(failureThreshold: Int = 5, coolDown: Duration = .seconds(30)) {
            self.failureThreshold = failureThreshold
            self.coolDown = coolDown
        }

        private enum CodingKeys: String, CodingKey { case failureThreshold, coolDownSeconds }

        /// Decodes a configuration; absent fields take their defaults.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            failureThreshold = try container.decodeIfPresent(Int.self, forKey: .failureThreshold) ?? 5
            coolDown = try DurationCoding.decode(container, .coolDownSeconds, default: .seconds(30))
        }

        /// Encodes the cool-down as seconds.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(failureThreshold, forKey: .failureThreshold)
            try container.encode(DurationCoding.seconds(coolDown), forKey: .coolDownSeconds)
        }
    }

    /// Where the breaker stands.
    public enum State: Sendable, Hashable, CustomStringConvertible {
        /// Requests pass; `consecutiveFailures` so far.
        case closed(consecutiveFailures: Int)
        /// Requests are denied until the cool-down ends.
        case open(until: Timestamp)
        /// The cool-down has ended; one probe may pass, and `probeInFlight` says whether
        /// it has been handed out.
        case halfOpen(probeInFlight: Bool)

        /// A stable label for metrics: `closed`, `open` or `half_open`.
        public var label: String {
            switch self {
            case .closed: "closed"
            case .open: "open"
            case .halfOpen: "half_open"
            }
        }

        /// Every value ``label`` can take, in a stable order.
        public static let allLabels = ["closed", "open", "half_open"]

        /// The label.
        public var description: String { label }
    }

    /// The answer to ``requestPermission(now:)``.
    public enum Permission: Sendable, Hashable {
        /// Send the request.
        case allowed
        /// Send the request as the single probe; report its outcome.
        case allowedAsProbe
        /// Do not send. Ask again at `until` at the latest; while a probe is in flight,
        /// its outcome may change the answer earlier.
        case denied(until: Timestamp)
    }

    /// The configuration in force.
    public let configuration: Configuration
    /// The current state.
    public private(set) var state: State = .closed(consecutiveFailures: 0)

    /// Creates a closed breaker.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }
}

extension CircuitBreaker {
    /// Asks whether a request may be sent now. In half-open state the first caller gets
    /// ``Permission/allowedAsProbe`` and everyone else is denied until the probe's outcome
    /// is recorded.
    public mutating func requestPermission(now: Timestamp) -> Permission {
        switch state {
        case .closed:
            return .allowed
        case .open(let until):
            guard now >= until else { return .denied(until: until) }
            state = .halfOpen(probeInFlight: true)
            return .allowedAsProbe
        case .halfOpen(probeInFlight: true):
            return .denied(until: now.advanced(by: coolDown))
        case .halfOpen(probeInFlight: false):
            state = .halfOpen(probeInFlight: true)
            return .allowedAsProbe
        }
    }

    /// Records a successful request: the breaker closes, whatever its state.
    public mutating func recordSuccess() {
        state = .closed(consecutiveFailures: 0)
    }

    /// Records a failed request. Closed: counts it and opens at the threshold. Half-open:
    /// the probe failed, so the breaker opens for another cool-down. Open: a late answer
    /// to a request sent before the breaker opened; the cool-down is not extended.
    public mutating func recordFailure(now: Timestamp) {
        switch state {
        case .closed(let failures):
            let count = failures + 1
            state = count >= max(1, configuration.failureThreshold)
                ? .open(until: now.advanced(by: coolDown))
                : .closed(consecutiveFailures: count)
        case .halfOpen:
            state = .open(until: now.advanced(by: coolDown))
        case .open:
            break
        }
    }

    /// Gives back a probe permission that was never used (the request was not sent, for
    /// example because the dispatcher shut down), so the next caller may probe.
    public mutating func releaseProbe() {
        if case .halfOpen(probeInFlight: true) = state {
            state = .halfOpen(probeInFlight: false)
        }
    }

    /// Whether the breaker currently holds requests back.
    public var isOpen: Bool {
        if case .open = state { return true }
        return false
    }

    private var coolDown: Duration { max(.zero, configuration.coolDown) }
}
