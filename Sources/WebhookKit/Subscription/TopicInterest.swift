/// How each distinct topic list relates to every catalog entry, shared by all webhooks
/// with the same topics: one byte per (topic list, entry) saying whether the topics take
/// the entry whole, partly or not at all.
///
/// Webhooks tend to share a few topic lists, so the table stays small and in cache
/// however many webhooks there are.
struct TopicInterest: Sendable {
    /// How a topic list relates to one catalog entry.
    enum Coverage: UInt8, Sendable {
        /// No topic overlaps the entry: its paths are never delivered.
        case none
        /// A topic covers every path of the entry: deliver without matching.
        case whole
        /// Some topics overlap the entry: deliver a path only if one of them matches it.
        case partial
    }

    private let entryCount: Int
    private var coverage: [Coverage] = []
    /// The overlapping topics of each `.partial` cell, by cell position.
    private var partialTopics: [Int: [PathPattern]] = [:]
    private var lists: [[String]: Int] = [:]

    /// An empty table for `catalog`'s entries.
    init(entryCount: Int) {
        self.entryCount = entryCount
    }

    /// The row of `topics`, adding it on first sight.
    mutating func row(for topics: [String], catalog: EventCatalog) -> Int {
        if let row = lists[topics] { return row }
        let row = lists.count
        lists[topics] = row
        let patterns = topics.compactMap { try? PathPattern($0) }
        for (position, entry) in catalog.entries.enumerated() {
            if patterns.contains(where: { $0.covers(entry.pattern) }) {
                coverage.append(.whole)
                continue
            }
            let overlapping = patterns.filter { $0.overlaps(entry.pattern) }
            if overlapping.isEmpty {
                coverage.append(.none)
            } else {
                coverage.append(.partial)
                partialTopics[row * entryCount + position] = overlapping
            }
        }
        return row
    }

    /// How the topics of `row` cover catalog entry `entry`.
    @inline(__always)
    func coverage(entry: Int, row: Int) -> Coverage {
        coverage[row * entryCount + entry]
    }

    /// Whether `path`, approved by catalog entry `entry` which the topics of `row` cover
    /// ``Coverage/partial``ly, matches one of those topics.
    func partlyWants(_ path: XAPIPath, entry: Int, row: Int) -> Bool {
        partialTopics[row * entryCount + entry]?.contains { $0.matches(path) } ?? false
    }
}
