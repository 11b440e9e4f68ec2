/// Finds the catalog entry of a path in one hash-table lookup for exact entries, falling
/// back to matching the (few) pattern entries in order.
///
/// Built once per catalog; the routing index resolves each path of a notification once,
/// before looking at any webhook.
struct CatalogResolver: Sendable {
    private let exactStatus: ExactPathTable
    private let exactEvent: ExactPathTable
    private var patternedStatus: [(index: Int, pattern: PathPattern)] = []
    private var patternedEvent: [(index: Int, pattern: PathPattern)] = []

    /// Indexes `entries` by position; the first entry of a text wins, as in the catalog.
    init(entries: [CatalogEntry]) {
        var exactStatus: [(text: String, entry: Int)] = []
        var exactEvent: [(text: String, entry: Int)] = []
        for (index, entry) in entries.enumerated() {
            // Exact entries are found by text; one with an index (`Call[1].Status`) is
            // also matched by segments, since `Call[01].Status` is the same path.
            switch (entry.kind, entry.pattern.isExact && !entry.pattern.rawValue.contains("[")) {
            case (.status, true): exactStatus.append((entry.pattern.rawValue, index))
            case (.event, true): exactEvent.append((entry.pattern.rawValue, index))
            case (.status, false): patternedStatus.append((index, entry.pattern))
            case (.event, false): patternedEvent.append((index, entry.pattern))
            }
        }
        self.exactStatus = ExactPathTable(exactStatus)
        self.exactEvent = ExactPathTable(exactEvent)
    }

    /// The position of the entry of `kind` approving `path`, or `nil`.
    @inline(__always)
    func entryIndex(for path: XAPIPath, kind: CatalogEntry.Kind) -> Int? {
        switch kind {
        case .status:
            if let index = exactStatus.entry(for: path.rawValue) { return index }
            for candidate in patternedStatus where candidate.pattern.matches(path) { return candidate.index }
        case .event:
            if let index = exactEvent.entry(for: path.rawValue) { return index }
            for candidate in patternedEvent where candidate.pattern.matches(path) { return candidate.index }
        }
        return nil
    }
}
