/// The paths of a notification body as routing sees them: a status change's paths
/// (updated, then removed) or an events message's keys, by position.
///
/// Routing marks the wanted positions per webhook, then builds the trimmed body from
/// the marks in one pass, with arrays sized up front.
enum RoutingPaths {
    case status(StatusChange)
    case events([DeviceEvent])

    /// How many paths.
    @inline(__always)
    var count: Int {
        switch self {
        case .status(let change): change.updated.count + change.removed.count
        case .events(let events): events.count
        }
    }

    /// Which catalog entries approve these paths.
    @inline(__always)
    var kind: CatalogEntry.Kind {
        switch self {
        case .status: .status
        case .events: .event
        }
    }

    /// The path at `position`.
    @inline(__always)
    func path(at position: Int) -> XAPIPath {
        switch self {
        case .status(let change):
            position < change.updated.count ? change.updated[position].path : change.removed[position - change.updated.count]
        case .events(let events):
            events[position].key
        }
    }

    /// The body keeping the `kept` paths whose `wanted` mark is not 0, in order.
    func trimmed(kept: Int, wanted: UnsafePointer<Int32>) -> DeviceNotification.Body {
        switch self {
        case .status(let change):
            var updated: [StatusChange.Update] = []
            var removed: [XAPIPath] = []
            updated.reserveCapacity(kept)
            for (position, update) in change.updated.enumerated() where wanted[position] != 0 {
                updated.append(update)
            }
            if updated.count < kept {
                removed.reserveCapacity(kept - updated.count)
                let offset = change.updated.count
                for (position, path) in change.removed.enumerated() where wanted[offset + position] != 0 {
                    removed.append(path)
                }
            }
            return .status(StatusChange(uncheckedUpdated: updated, removed: removed, isFullSync: change.isFullSync))
        case .events(let events):
            var trimmed: [DeviceEvent] = []
            trimmed.reserveCapacity(kept)
            for (position, event) in events.enumerated() where wanted[position] != 0 { trimmed.append(event) }
            return .events(trimmed)
        }
    }
}
