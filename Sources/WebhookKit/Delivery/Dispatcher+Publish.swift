extension Dispatcher {
    /// What ``Dispatcher/publish(_:)`` did with notifications.
    public struct PublishResult: Sendable, Hashable {
        /// Messages written to the outbox (one per matching webhook and notification).
        public var enqueued: Int
        /// Messages folded into a waiting status message instead.
        public var coalesced: Int

        /// The number of webhook messages the notifications produced.
        public var routed: Int { enqueued + coalesced }
    }

    /// Routes a device notification to every matching webhook and stores one message per
    /// webhook in the outbox before returning. With a bounded outbox this waits for room.
    @discardableResult
    public func publish(_ notification: DeviceNotification) async throws(DispatcherError) -> PublishResult {
        try await publish([notification])
    }

    /// Publishes several notifications in one outbox write (all or none are stored).
    @discardableResult
    public func publish(_ notifications: [DeviceNotification]) async throws(DispatcherError) -> PublishResult {
        try requireRunning()
        let now = clock.now()
        var messages: [OutboxMessage] = []
        var batching = false
        for notification in notifications {
            // Every copy is its own message: the first keeps the published id, the others
            // get ids derived from it, so no two webhooks share a `webhook-id`.
            for (copy, routed) in index.route(notification, at: now).enumerated() {
                if (targets[routed.webhookID]?.configuration.batchSize ?? 1) > 1 { batching = true }
                var addressed = routed.notification
                if copy > 0 { addressed.id = notification.id.derived(for: routed.webhookID) }
                messages.append(OutboxMessage(notification: addressed, webhookID: routed.webhookID, publishedAt: now))
            }
        }
        guard !messages.isEmpty else { return PublishResult(enqueued: 0, coalesced: 0) }
        // A batch carries several lane messages at once, so a message behind the head may
        // already have been sent: coalescing is off whenever a batching webhook is involved.
        let coalesce = configuration.coalesceStatuses && !batching
        let result: EnqueueResult
        do {
            result = try await outbox.enqueue(messages, coalesce: coalesce)
        } catch {
            throw .storeFailure(String(describing: error))
        }
        var touched = Set<LaneKey>()
        var routedCounts: [WebhookID: Int] = [:]
        for message in messages {
            routedCounts[message.webhookID, default: 0] += 1
            touched.insert(message.lane)
        }
        var added = routedCounts
        for (webhook, _) in result.coalesced {
            metrics.recordCoalesced(webhook: webhook)
            added[webhook, default: 0] -= 1
        }
        for (webhook, count) in added {
            metrics.recordRouted(webhook: webhook, count: routedCounts[webhook] ?? 0)
            metrics.recordPublished(webhook: webhook, count: count)
            adjustQueueDepth(webhook, by: count)
        }
        for lane in touched { wake(lane) }
        return PublishResult(enqueued: result.enqueued, coalesced: result.coalesced.count)
    }
}
