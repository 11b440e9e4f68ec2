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
        switch notification.body {
        case .status(let change):
            routeStatus(change, of: notification, at: now.millisecondsSince1970)
        case .events(let events):
            routeEvents(events, of: notification, at: now.millisecondsSince1970)
        case .healthCheck, .test:
            []
        }
    }

    private func routeStatus(_ change: StatusChange, of notification: DeviceNotification, at now: Int64) -> [RoutedNotification] {
        let updated = change.updated
        let removed = change.removed
        let count = updated.count + removed.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { entries in
            var approved = 0
            for (position, update) in updated.enumerated() {
                entries[position] = catalog.resolver.entryIndex(for: update.path, kind: .status) ?? -1
                if entries[position] >= 0 { approved += 1 }
            }
            for (offset, path) in removed.enumerated() {
                entries[updated.count + offset] = catalog.resolver.entryIndex(for: path, kind: .status) ?? -1
                if entries[updated.count + offset] >= 0 { approved += 1 }
            }
            guard approved > 0 else { return [] }
            var copies: [RoutedNotification] = []
            copies.reserveCapacity(allDevices.count + 4)
            forEachCandidate(of: notification, at: now) { slot in
                let row = slotInterestRow[slot]
                var wanted = 0
                for position in 0..<count where entries[position] >= 0 {
                    let path = position < updated.count ? updated[position].path : removed[position - updated.count]
                    if interest.wants(path, entry: entries[position], row: row) { wanted += 1 }
                }
                guard wanted > 0 else { return }
                let webhookID = slotIDs[slot]
                guard wanted < count else {
                    return copies.append(RoutedNotification(webhookID: webhookID, notification: notification, body: nil))
                }
                // `filtered` visits updated paths, then removed ones, in order: the same
                // order as `entries`.
                var position = 0
                let trimmed = change.filtered { path in
                    defer { position += 1 }
                    return entries[position] >= 0 && interest.wants(path, entry: entries[position], row: row)
                }
                copies.append(RoutedNotification(webhookID: webhookID, notification: notification, body: .status(trimmed)))
            }
            return copies
        }
    }

    private func routeEvents(_ events: [DeviceEvent], of notification: DeviceNotification, at now: Int64) -> [RoutedNotification] {
        let count = events.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { entries in
            var approved = 0
            for (position, event) in events.enumerated() {
                entries[position] = catalog.resolver.entryIndex(for: event.key, kind: .event) ?? -1
                if entries[position] >= 0 { approved += 1 }
            }
            guard approved > 0 else { return [] }
            var copies: [RoutedNotification] = []
            copies.reserveCapacity(allDevices.count + 4)
            forEachCandidate(of: notification, at: now) { slot in
                let row = slotInterestRow[slot]
                var wanted = 0
                for position in 0..<count where entries[position] >= 0 {
                    if interest.wants(events[position].key, entry: entries[position], row: row) { wanted += 1 }
                }
                guard wanted > 0 else { return }
                let webhookID = slotIDs[slot]
                guard wanted < count else {
                    return copies.append(RoutedNotification(webhookID: webhookID, notification: notification, body: nil))
                }
                let trimmed = events.indices.compactMap { position in
                    let entry = entries[position]
                    return entry >= 0 && interest.wants(events[position].key, entry: entry, row: row) ? events[position] : nil
                }
                copies.append(RoutedNotification(webhookID: webhookID, notification: notification, body: .events(trimmed)))
            }
            return copies
        }
    }

    /// Calls `body` with the slot of every webhook active at `now` that the notification's
    /// device feeds.
    @inline(__always)
    private func forEachCandidate(of notification: DeviceNotification, at now: Int64, _ body: (Int) -> Void) {
        let deviceRecord = notification.deviceId.flatMap { byDevice.record(of: $0.rawValue) }
        let workspaceRecord = notification.workspaceId.flatMap { byWorkspace.record(of: $0.rawValue) }
        for slot in allDevices where slotActivatesAt[slot] <= now { body(slot) }
        if let deviceRecord {
            byDevice.forEachSlot(inRecord: deviceRecord) { slot in
                if slotActivatesAt[slot] <= now { body(slot) }
            }
        }
        if let workspaceRecord {
            byWorkspace.forEachSlot(inRecord: workspaceRecord) { slot in
                if slotActivatesAt[slot] <= now { body(slot) }
            }
        }
    }
}
