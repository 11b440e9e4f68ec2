/// A dotted device-API path such as `RoomAnalytics.PeopleCount.Current` or
/// `Peripherals.ConnectedDevice[1003].RoomAnalytics.AmbientTemperature`.
///
/// A path names one status or event. Segments are letters, digits, `_` or `-`, each
/// optionally followed by one index in brackets.
public struct XAPIPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// One segment: a name and an optional index (`Call[1]` → `Call`, `1`).
    public struct Segment: Sendable, Hashable {
        /// The segment name.
        public let name: String
        /// The bracketed index, if any.
        public let index: Int?

        /// Creates a segment.
        public init(name: String, index: Int?) {
            self.name = name
            self.index = index
        }
    }

    /// The path text.
    public let rawValue: String
    /// The parsed segments, at least one.
    public let segments: [Segment]

    /// The longest path text accepted, in UTF-8 bytes.
    public static let maximumLength = 512

    /// Parses a path, naming the offset of the first problem.
    public init(_ text: String) throws(PathError) {
        let parsed = try PathSyntax.parse(text, allowWildcards: false)
        rawValue = text
        segments = parsed.map { Segment(name: $0.name, index: $0.index.exactValue) }
    }

    /// The path text.
    public var description: String { rawValue }

    /// Orders paths by their text.
    public static func < (lhs: XAPIPath, rhs: XAPIPath) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Compares by text only; segments follow from it.
    public static func == (lhs: XAPIPath, rhs: XAPIPath) -> Bool { lhs.rawValue == rhs.rawValue }

    /// Hashes the text only.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

/// Why a path or pattern text was refused, with the byte offset of the problem.
public struct PathError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem.
    public enum Reason: String, Sendable, Hashable {
        /// The text is empty.
        case empty = "is empty"
        /// Two dots in a row, or a dot at the start or end.
        case emptySegment = "has an empty segment"
        /// A character that may not appear in a path.
        case invalidCharacter = "has a character not allowed in a path"
        /// Whitespace inside or around the path.
        case whitespace = "contains whitespace"
        /// An unclosed, empty or misplaced bracket, or a non-numeric index.
        case badBracket = "has a malformed [index]"
        /// The text is longer than ``XAPIPath/maximumLength`` bytes.
        case tooLong = "is longer than 512 bytes"
        /// A `*` where the text must be a concrete path, or a `*` mixed with letters.
        case badWildcard = "has a misplaced *"
    }

    /// The kind of problem.
    public let reason: Reason
    /// The byte offset where the problem was found.
    public let offset: Int

    /// Creates an error.
    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// A sentence naming the reason and the offset.
    public var description: String { "path \(reason.rawValue) (at byte \(offset))" }
}
