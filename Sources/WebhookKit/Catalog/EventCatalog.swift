/// The approved statuses and events: a webhook may subscribe only to topics that reach
/// into the catalog, and only catalog paths are ever delivered.
///
/// A topic is valid when it overlaps at least one entry (``PathPattern/overlaps(_:)``),
/// so `RoomAnalytics.*` is a valid topic. At routing time a status path is delivered
/// only when it matches one of the webhook's topics **and** a status entry; an event key
/// only when it matches a topic **and** an event entry. A wildcard topic therefore never
/// lets anything outside the catalog through.
///
/// ```swift
/// let catalog = EventCatalog.roomDevices.adding(
///     try CatalogEntry(status: "Audio.Volume", valueKind: .integer, summary: "Speaker volume"))
/// catalog.entry(matching: try XAPIPath("Audio.Volume"), kind: .status)   // the new entry
/// ```
public struct EventCatalog: Sendable, Hashable {
    /// The entries in order; when several match a path, exact entries win, then the
    /// first pattern entry in this order.
    public let entries: [CatalogEntry]
    /// Path → entry lookup built once from ``entries``.
    let resolver: CatalogResolver

    /// Creates a catalog; a later entry with the same pattern and kind as an earlier
    /// one replaces it.
    public init(entries: [CatalogEntry]) {
        var unique: [CatalogEntry] = []
        var positions: [EntryKey: Int] = [:]
        for entry in entries {
            let key = EntryKey(pattern: entry.pattern, kind: entry.kind)
            if let position = positions[key] {
                unique[position] = entry
            } else {
                positions[key] = unique.count
                unique.append(entry)
            }
        }
        self.entries = unique
        resolver = CatalogResolver(entries: unique)
    }

    /// This catalog with `newEntries` added; an entry with the same pattern and kind as
    /// an existing one replaces it in place.
    public func adding(_ newEntries: [CatalogEntry]) -> EventCatalog {
        EventCatalog(entries: entries + newEntries)
    }

    /// This catalog with `entry` added (or replacing the entry of the same pattern and kind).
    public func adding(_ entry: CatalogEntry) -> EventCatalog {
        adding([entry])
    }

    /// The entry of `kind` that approves `path`, or `nil` when the path is not in the catalog.
    public func entry(matching path: XAPIPath, kind: CatalogEntry.Kind) -> CatalogEntry? {
        resolver.entryIndex(for: path, kind: kind).map { entries[$0] }
    }

    /// The entries a topic pattern reaches, of either kind.
    public func entries(overlapping topic: PathPattern) -> [CatalogEntry] {
        entries.filter { topic.overlaps($0.pattern) }
    }

    /// Whether `topic` reaches at least one entry, i.e. is a valid webhook topic.
    public func permits(_ topic: PathPattern) -> Bool {
        entries.contains { topic.overlaps($0.pattern) }
    }

    /// Compares entries; the lookup follows from them.
    public static func == (lhs: EventCatalog, rhs: EventCatalog) -> Bool { lhs.entries == rhs.entries }

    /// Hashes the entries.
    public func hash(into hasher: inout Hasher) { hasher.combine(entries) }

    private struct EntryKey: Hashable {
        let pattern: PathPattern
        let kind: CatalogEntry.Kind
    }
}
