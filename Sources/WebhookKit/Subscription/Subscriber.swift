/// A routable webhook in the form the index checks per notification: its activation
/// time and, for every catalog entry, whether its topics take the entry whole, partly
/// (then only the overlapping topics are matched against the path) or not at all.
struct Subscriber: Sendable {
    /// How a webhook's topics relate to one catalog entry.
    enum Coverage: UInt8, Sendable {
        /// No topic overlaps the entry: its paths are never delivered.
        case none
        /// A topic covers every path of the entry: deliver without matching.
        case whole
        /// Some topics overlap the entry: deliver a path only if one of them matches it.
        case partial
    }

    /// The topics' relation to each catalog entry, by entry position.
    struct Interest: Sendable {
        let coverage: [Coverage]
        let partialTopics: [Int: [PathPattern]]

        /// Relates `topics` to every entry of `catalog`.
        init(topics: [PathPattern], catalog: EventCatalog) {
            var coverage: [Coverage] = []
            var partialTopics: [Int: [PathPattern]] = [:]
            coverage.reserveCapacity(catalog.entries.count)
            for (position, entry) in catalog.entries.enumerated() {
                if topics.contains(where: { $0.covers(entry.pattern) }) {
                    coverage.append(.whole)
                    continue
                }
                let overlapping = topics.filter { $0.overlaps(entry.pattern) }
                if overlapping.isEmpty {
                    coverage.append(.none)
                } else {
                    coverage.append(.partial)
                    partialTopics[position] = overlapping
                }
            }
            self.coverage = coverage
            self.partialTopics = partialTopics
        }
    }

    /// The webhook.
    let id: WebhookID
    /// Milliseconds since 1970 from which the webhook receives (`Int64.min` when active).
    let activatesAt: Int64
    /// The topics' relation to the catalog.
    let interest: Interest

    /// Whether `path`, already found to be approved by catalog entry `entry`, is delivered.
    @inline(__always)
    func wants(_ path: XAPIPath, entry: Int) -> Bool {
        switch interest.coverage[entry] {
        case .whole: true
        case .none: false
        case .partial: interest.partialTopics[entry]?.contains { $0.matches(path) } ?? false
        }
    }
}
