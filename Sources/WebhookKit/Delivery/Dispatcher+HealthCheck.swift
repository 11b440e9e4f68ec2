extension Dispatcher {
    /// Starts one ticker per webhook that asked for periodic `healthCheck` messages; each
    /// tick queues one in the webhook's device-less lane.
    func restartHealthTickers() {
        for ticker in healthTickers.values { ticker.cancel() }
        healthTickers = [:]
        guard phase == .running else { return }
        for target in targets.values {
            guard let interval = target.configuration.healthCheckInterval, interval > .zero else { continue }
            let id = target.configuration.id
            healthTickers[id] = Task { [clock] in
                while !Task.isCancelled {
                    guard (try? await clock.sleep(until: clock.now().advanced(by: interval))) != nil else { return }
                    await self.enqueueHealthCheck(id)
                }
            }
        }
    }

    private func enqueueHealthCheck(_ id: WebhookID) async {
        guard phase == .running, let configuration = targets[id]?.configuration,
              configuration.effectiveState(at: clock.now()) == .active
        else { return }
        let now = clock.now()
        let message = OutboxMessage(
            notification: DeviceNotification(webhookId: id, timestamp: now, body: .healthCheck),
            webhookID: id, publishedAt: now
        )
        guard (try? await outbox.enqueue([message], coalesce: false)) != nil else { return }
        metrics.recordRouted(webhook: id)
        adjustQueueDepth(id, by: 1)
        wake(message.lane)
    }
}
