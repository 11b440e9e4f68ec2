/// Reads and writes durations in configuration JSON as seconds (a number, fractions
/// allowed, millisecond precision), so a policy file says `"baseDelaySeconds": 5`
/// rather than Swift's internal two-integer encoding of `Duration`.
enum DurationCoding {
    /// The longest duration a configuration may hold: 100 years, far beyond any sane
    /// policy and far from `Int64` millisecond overflow.
    static let maximumSeconds: Double = 100 * 365 * 86_400

    /// The duration in seconds as a `Double`.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.wholeMilliseconds) / 1000
    }

    /// Decodes the duration stored under `key` as seconds, or returns `fallback` when
    /// the key is absent. Throws when the number is negative, not finite or too large.
    static func decode<Key: CodingKey>(
        _ container: KeyedDecodingContainer<Key>, _ key: Key, default fallback: Duration
    ) throws -> Duration {
        guard let seconds = try container.decodeIfPresent(Double.self, forKey: key) else { return fallback }
        guard seconds.isFinite, seconds >= 0, seconds <= maximumSeconds else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "\(key.stringValue) must be a number of seconds between 0 and \(Int(maximumSeconds)), got \(seconds)"
            )
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}
