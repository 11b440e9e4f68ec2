/// A deterministic random number generator (SplitMix64) for tests of jittered back-off:
/// the same seed gives the same delays on every run and platform.
///
/// ```swift
/// var rng = SeededRandomNumberGenerator(seed: 42)
/// let delay = RetryPolicy().backoff(attempt: 3, using: &rng)   // the same on every run
/// ```
///
/// Not for anything that needs unpredictability.
public struct SeededRandomNumberGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    /// Creates a generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
