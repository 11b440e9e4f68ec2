/// A histogram of delivery latencies (publish → accepted) with fixed buckets, as
/// Prometheus histograms have them.
///
/// ```swift
/// var histogram = LatencyHistogram()
/// histogram.record(.milliseconds(42))
/// histogram.quantile(0.99)      // seconds, interpolated within the bucket
/// ```
public struct LatencyHistogram: Sendable, Hashable, Codable {
    /// Bucket upper bounds in seconds, 1 ms to 1 h. Latencies include retries, so the
    /// buckets reach past a minute; values above the last bound go to the `+Inf` bucket.
    public static let defaultUpperBounds: [Double] = [
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
        1, 2.5, 5, 10, 30, 60, 300, 900, 3600,
    ]

    /// The inclusive upper bounds of the finite buckets, in seconds, ascending.
    public let upperBounds: [Double]
    /// Observations per bucket, not cumulative; one more element than ``upperBounds``,
    /// the last one being the `+Inf` bucket.
    public private(set) var bucketCounts: [UInt64]
    /// The sum of all observations, in seconds.
    public private(set) var sum: Double
    /// The number of observations.
    public private(set) var count: UInt64

    /// Creates an empty histogram with the default buckets.
    public init() {
        upperBounds = Self.defaultUpperBounds
        bucketCounts = Array(repeating: 0, count: Self.defaultUpperBounds.count + 1)
        sum = 0
        count = 0
    }

    /// Records one latency; negative durations (clock adjustments) count as zero.
    public mutating func record(_ latency: Duration) {
        let seconds = max(0, Double(latency.wholeMilliseconds) / 1000)
        let index = upperBounds.firstIndex(where: { seconds <= $0 }) ?? upperBounds.count
        bucketCounts[index] &+= 1
        sum += seconds
        count &+= 1
    }

    /// Adds another histogram with the same buckets into this one (for totals).
    /// Histograms with other buckets are ignored.
    public mutating func merge(_ other: LatencyHistogram) {
        guard other.upperBounds == upperBounds else { return }
        for index in bucketCounts.indices { bucketCounts[index] &+= other.bucketCounts[index] }
        sum += other.sum
        count &+= other.count
    }

    /// Cumulative counts per bucket (`le` semantics), ending with the `+Inf` bucket,
    /// which equals ``count``.
    public var cumulativeCounts: [UInt64] {
        var running: UInt64 = 0
        return bucketCounts.map { running &+= $0; return running }
    }

    /// An estimate of the `q`-quantile in seconds, interpolated linearly inside the
    /// bucket that holds it, as Prometheus' `histogram_quantile` does. `nil` when the
    /// histogram is empty or `q` is outside `0...1`. A quantile in the `+Inf` bucket is
    /// reported as the largest finite bound.
    public func quantile(_ q: Double) -> Double? {
        guard count > 0, q >= 0, q <= 1 else { return nil }
        let rank = q * Double(count)
        var below: UInt64 = 0
        for (index, bucket) in bucketCounts.enumerated() {
            let through = below + bucket
            if bucket > 0, Double(through) >= rank {
                guard index < upperBounds.count else { return upperBounds.last }
                let lower = index == 0 ? 0 : upperBounds[index - 1]
                let fraction = (rank - Double(below)) / Double(bucket)
                return lower + (upperBounds[index] - lower) * max(0, fraction)
            }
            below = through
        }
        return upperBounds.last
    }

    private enum CodingKeys: String, CodingKey { case upperBounds, bucketCounts, sum, count }

    /// Decodes a histogram, checking that the buckets are consistent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        upperBounds = try container.decode([Double].self, forKey: .upperBounds)
        bucketCounts = try container.decode([UInt64].self, forKey: .bucketCounts)
        sum = try container.decode(Double.self, forKey: .sum)
        count = try container.decode(UInt64.self, forKey: .count)
        guard bucketCounts.count == upperBounds.count + 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .bucketCounts, in: container,
                debugDescription: "expected \(upperBounds.count + 1) bucket counts (one per bound plus +Inf), got \(bucketCounts.count)"
            )
        }
        guard bucketCounts.reduce(0, &+) == count else {
            throw DecodingError.dataCorruptedError(
                forKey: .count, in: container, debugDescription: "count \(count) differs from the sum of the bucket counts"
            )
        }
        guard zip(upperBounds, upperBounds.dropFirst()).allSatisfy({ $0 < $1 }),
              upperBounds.allSatisfy(\.isFinite)
        else {
            throw DecodingError.dataCorruptedError(
                forKey: .upperBounds, in: container, debugDescription: "upper bounds must be finite and strictly ascending"
            )
        }
    }
}
