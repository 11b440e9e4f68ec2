import WebhookKit

/// A deterministic random number generator for tests of jittered back-off: the same seed
/// gives the same delays on every run and platform. It is the core's ``SplitMix64``.
///
/// ```swift
/// var rng = SeededRandomNumberGenerator(seed: 42)
/// let delay = RetryPolicy().backoff(attempt: 3, using: &rng)   // the same on every run
/// ```
///
/// Not for anything that needs unpredictability.
public typealias SeededRandomNumberGenerator = SplitMix64
