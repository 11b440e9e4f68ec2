extension SubscriptionIndex {
    /// The copies of `notification` to deliver, one per matching webhook: active at `now`,
    /// fed by the notification's device or workspace, and subscribed to at least one of
    /// its catalog paths.
    ///
    /// Each copy has ``DeviceNotification/webhookId`` set and keeps the notification's id. A
    /// status change keeps only the paths the webhook wants (and its `isFullSync` flag);
    /// a webhook left with nothing gets no copy. An events message keeps only the wanted
    /// events. Copies come in this order: all-devices webhooks, webhooks listing the
    /// device, webhooks listing the workspace, each group in configuration order.
    ///
    /// `healthCheck` and `test` messages are addressed to one webhook by the dispatcher,
    /// not routed: they return no copies.
    public func route(_ notification: DeviceNotification, at now: Timestamp) -> [RoutedNotification] {
        let paths: RoutingPaths
        switch notification.body {
        case .status(let change): paths = .status(change)
        case .events(let events): paths = .events(events)
        case .healthCheck, .test: return []
        }
        let count = paths.count
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * count) { scratch in
            // The first half holds each path's catalog entry (-1: not in the catalog), the
            // second whether the webhook at hand wants it.
            guard let base = scratch.baseAddress, resolve(paths, into: base) else { return [] }
            let wanted = base + count
            let deviceRecord = notification.deviceId.flatMap { byDevice.record(of: $0.rawValue) }
            let workspaceRecord = notification.workspaceId.flatMap { byWorkspace.record(of: $0.rawValue) }
            let deviceSlots = deviceRecord.map { byDevice.slots(inRecord: $0) } ?? 0..<0
            let workspaceSlots = workspaceRecord.map { byWorkspace.slots(inRecord: $0) } ?? 0..<0
            let now = now.millisecondsSince1970
            var copies: [RoutedNotification] = []
            // Every copy starts as this one, readdressed in place (see `readdress`).
            let prototype = RoutedNotification(webhookID: WebhookID(rawValue: ""), notification: notification)
            copies.reserveCapacity(allDevices.count + deviceSlots.count + workspaceSlots.count)
            // The three candidate groups, in order, without a closure per candidate: a
            // closure capturing the notification costs copies of it on every call.
            for group in 0..<3 {
                let range = group == 0 ? allDevices.indices : group == 1 ? deviceSlots : workspaceSlots
                for position in range {
                    let slot = group == 0 ? allDevices[position] : group == 1
                        ? byDevice.slot(at: position) : byWorkspace.slot(at: position)
                    guard slotActivatesAt[slot] <= now else { continue }
                    let kept = select(paths, entries: base, row: slotInterestRow[slot], into: wanted)
                    guard kept > 0 else { continue }
                    copies.append(prototype)
                    copies[copies.count - 1].readdress(
                        to: slotIDs[slot], body: kept == count ? nil : paths.trimmed(kept: kept, wanted: wanted))
                }
            }
            return copies
        }
    }

    /// Writes each path's catalog entry to `entries` (-1 when the catalog does not
    /// approve it); whether any path is approved.
    @inline(__always)
    private func resolve(_ paths: RoutingPaths, into entries: UnsafeMutablePointer<Int32>) -> Bool {
        var approved = false
        for position in 0..<paths.count {
            let entry = catalog.resolver.entryIndex(for: paths.path(at: position), kind: paths.kind) ?? -1
            entries[position] = Int32(truncatingIfNeeded: entry)
            approved = approved || entry >= 0
        }
        return approved
    }

    /// Marks in `wanted` the approved paths the topics of `row` want; how many.
    @inline(__always)
    private func select(
        _ paths: RoutingPaths, entries: UnsafePointer<Int32>, row: Int, into wanted: UnsafeMutablePointer<Int32>
    ) -> Int {
        var kept = 0
        for position in 0..<paths.count {
            let entry = Int(entries[position])
            // Most checks are one table read; only a partly covered entry needs the path.
            let wants = switch entry < 0 ? .none : interest.coverage(entry: entry, row: row) {
            case .whole: true
            case .none: false
            case .partial: interest.partlyWants(paths.path(at: position), entry: entry, row: row)
            }
            wanted[position] = wants ? 1 : 0
            kept += wants ? 1 : 0
        }
        return kept
    }
}
