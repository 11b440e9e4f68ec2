/// A pattern over ``XAPIPath``s: `*` matches one segment, a trailing `*` matches a whole
/// subtree (one or more segments), `[*]` matches any index.
///
/// ```swift
/// let pattern = try PathPattern("Peripherals.ConnectedDevice[*].RoomAnalytics.*")
/// pattern.matches(try XAPIPath("Peripherals.ConnectedDevice[1003].RoomAnalytics.AmbientTemperature"))  // true
/// ```
public struct PathPattern: Sendable, Hashable, CustomStringConvertible {
    /// One pattern segment.
    public enum Segment: Sendable, Hashable {
        /// A literal name with no index: matches that name without an index.
        case name(String)
        /// A literal name with an exact index.
        case indexed(String, Int)
        /// A literal name with `[*]`: that name with any index.
        case anyIndex(String)
        /// `*`: any one segment (any name, any index); when last, any subtree.
        case wildcard
    }

    /// The pattern text.
    public let rawValue: String
    /// The parsed segments, at least one.
    public let segments: [Segment]

    /// Parses a pattern, naming the offset of the first problem.
    public init(_ text: String) throws(PathError) {
        let parsed = try PathSyntax.parse(text, allowWildcards: true)
        rawValue = text
        segments = parsed.map { segment in
            if segment.name == "*" { return .wildcard }
            switch segment.index {
            case .none: return .name(segment.name)
            case .exact(let index): return .indexed(segment.name, index)
            case .any: return .anyIndex(segment.name)
            }
        }
    }

    /// The pattern that matches exactly `path`.
    public init(exactly path: XAPIPath) {
        rawValue = path.rawValue
        segments = path.segments.map { segment in
            segment.index.map { .indexed(segment.name, $0) } ?? .name(segment.name)
        }
    }

    /// Whether the pattern has no wildcard and so names exactly one path.
    public var isExact: Bool {
        segments.allSatisfy { segment in
            switch segment {
            case .name, .indexed: true
            case .anyIndex, .wildcard: false
            }
        }
    }

    /// Whether the last segment is a `*` standing for a subtree.
    public var isSubtree: Bool { segments.last == .wildcard }

    /// Whether `path` is matched by this pattern.
    public func matches(_ path: XAPIPath) -> Bool {
        let pathSegments = path.segments
        if isSubtree {
            guard pathSegments.count >= segments.count else { return false }
        } else {
            guard pathSegments.count == segments.count else { return false }
        }
        for (patternSegment, pathSegment) in zip(segments, pathSegments) {
            guard Self.segment(patternSegment, matches: pathSegment) else { return false }
        }
        return true
    }

    static func segment(_ pattern: Segment, matches path: XAPIPath.Segment) -> Bool {
        switch pattern {
        case .wildcard: true
        case .name(let name): path.index == nil && path.name == name
        case .indexed(let name, let index): path.index == index && path.name == name
        case .anyIndex(let name): path.index != nil && path.name == name
        }
    }

    /// The pattern text.
    public var description: String { rawValue }

    /// Compares by text only; segments follow from it.
    public static func == (lhs: PathPattern, rhs: PathPattern) -> Bool { lhs.rawValue == rhs.rawValue }

    /// Hashes the text only.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}
