/// One approved status or event in an ``EventCatalog``.
///
/// The pattern may hold `[*]` indexes (one entry for every connected peripheral) or `*`
/// segments (operator catalogs that approve a whole subtree).
///
/// ```swift
/// let entry = CatalogEntry(status: "RoomAnalytics.PeopleCount.Current", valueKind: .integer,
///                          summary: "People counted in the room")
/// ```
public struct CatalogEntry: Sendable, Hashable, CustomStringConvertible {
    /// Whether the entry names a status or an event: a topic reaches status paths only
    /// through status entries and event keys only through event entries.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// A status value that changes over time.
        case status
        /// An event raised at a moment.
        case event
    }

    /// The shape of the value, so receivers and documentation know what to expect.
    public enum ValueKind: Sendable, Hashable {
        /// A whole number.
        case integer
        /// Any number.
        case number
        /// `true` or `false`.
        case boolean
        /// Free text.
        case string
        /// One of a fixed set of texts.
        case enumeration([String])
        /// A JSON object (event payloads).
        case object
    }

    /// The paths this entry approves.
    public let pattern: PathPattern
    /// Status or event.
    public let kind: Kind
    /// The shape of the value.
    public let valueKind: ValueKind
    /// A line for people: what the value means.
    public let summary: String

    /// Creates an entry from a parsed pattern.
    public init(pattern: PathPattern, kind: Kind, valueKind: ValueKind, summary: String = "") {
        self.pattern = pattern
        self.kind = kind
        self.valueKind = valueKind
        self.summary = summary
    }

    /// Creates a status entry, parsing `pattern`.
    public init(status pattern: String, valueKind: ValueKind, summary: String = "") throws(PathError) {
        self.init(pattern: try PathPattern(pattern), kind: .status, valueKind: valueKind, summary: summary)
    }

    /// Creates an event entry, parsing `pattern`; event payloads default to objects.
    public init(event pattern: String, valueKind: ValueKind = .object, summary: String = "") throws(PathError) {
        self.init(pattern: try PathPattern(pattern), kind: .event, valueKind: valueKind, summary: summary)
    }

    /// `status RoomAnalytics.PeopleCount.Current`.
    public var description: String { "\(kind.rawValue) \(pattern.rawValue)" }
}
