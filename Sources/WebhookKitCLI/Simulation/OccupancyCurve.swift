/// The share of a room's seats taken at a time of day, on a working day: empty at night,
/// filling from 08:00, a peak mid-morning, a dip at lunch, a second peak after lunch, empty
/// again by 19:00. Piecewise linear between the points below.
public struct OccupancyCurve: Sendable, Hashable {
    /// (hour of day, share of capacity) points, ascending by hour.
    public var points: [(hour: Double, share: Double)]

    /// The office-hours curve.
    public static let officeHours = OccupancyCurve(points: [
        (0, 0), (7, 0), (8, 0.1), (9, 0.45), (10, 0.7), (11.5, 0.65), (12, 0.35), (13, 0.4),
        (14, 0.65), (15.5, 0.6), (17, 0.3), (18, 0.1), (19, 0), (24, 0),
    ])

    /// Creates a curve from points sorted by hour.
    public init(points: [(hour: Double, share: Double)]) {
        self.points = points
    }

    /// The share (0...1) at `hour` (0..<24; values outside wrap around the day).
    public func share(atHour hour: Double) -> Double {
        let wrapped = hour.truncatingRemainder(dividingBy: 24) + (hour < 0 ? 24 : 0)
        guard let first = points.first else { return 0 }
        var previous = first
        for point in points.dropFirst() {
            if wrapped <= point.hour {
                let span = point.hour - previous.hour
                guard span > 0 else { return point.share }
                let fraction = (wrapped - previous.hour) / span
                return min(1, max(0, previous.share + (point.share - previous.share) * fraction))
            }
            previous = point
        }
        return min(1, max(0, previous.share))
    }

    /// Compares the points.
    public static func == (lhs: OccupancyCurve, rhs: OccupancyCurve) -> Bool {
        lhs.points.map(\.hour) == rhs.points.map(\.hour) && lhs.points.map(\.share) == rhs.points.map(\.share)
    }

    /// Hashes the points.
    public func hash(into hasher: inout Hasher) {
        for point in points {
            hasher.combine(point.hour)
            hasher.combine(point.share)
        }
    }
}
