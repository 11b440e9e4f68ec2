extension Dispatcher {
    /// Registers a webhook. The id is generated when empty; the webhook stays pending
    /// until its activation delay has passed.
    public func createWebhook(_ draft: WebhookConfiguration) async throws(DispatcherError) -> WebhookConfiguration {
        try requireRunning()
        var configuration = draft
        let now = clock.now()
        if configuration.id.rawValue.isEmpty { configuration.id = WebhookID.generate(at: now) }
        configuration.createdAt = now
        configuration.updatedAt = now
        configuration.state = configuration.activationDelay > .zero ? .pendingActivation : .active
        try await store(configuration)
        return configuration
    }

    /// Changes a webhook. The next routed notification sees the whole new configuration
    /// at once; messages already queued keep their content and go to the new URL with
    /// the new credentials.
    public func updateWebhook(
        _ id: WebhookID, _ change: (inout WebhookConfiguration) -> Void
    ) async throws(DispatcherError) -> WebhookConfiguration {
        try requireRunning()
        guard let current = targets[id]?.configuration else { throw .unknownWebhook(id) }
        var configuration = current
        change(&configuration)
        configuration.id = id
        configuration.createdAt = current.createdAt
        configuration.updatedAt = clock.now()
        try await store(configuration)
        restartHealthTickers()
        resumeLanes(of: id)
        return configuration
    }

    /// Deletes a webhook: deliveries stop, and what was queued for it is discarded and
    /// counted. Returns the number of discarded messages.
    @discardableResult
    public func deleteWebhook(_ id: WebhookID) async throws(DispatcherError) -> Int {
        try requireRunning()
        guard targets[id] != nil else { throw .unknownWebhook(id) }
        do {
            try await registry.delete(id)
        } catch {
            throw .storeFailure(String(describing: error))
        }
        targets[id] = nil
        rebuildIndex()
        laneEpoch &+= 1
        // Messages delivered a moment ago are counted delivered, not discarded.
        await waitForAllCompletions()
        let discarded: Int
        do {
            discarded = try await outbox.discardAll(webhook: id)
        } catch {
            throw .storeFailure(String(describing: error))
        }
        laneEpoch &+= 1
        metrics.recordDiscarded(webhook: id, count: discarded)
        adjustQueueDepth(id, by: -discarded)
        streaks[id] = nil
        restartHealthTickers()
        return discarded
    }

    /// The webhook with this id, with its state as of now.
    public func webhook(_ id: WebhookID) -> WebhookConfiguration? {
        targets[id].map { withCurrentState($0.configuration) }
    }

    /// Every webhook, by id, with states as of now.
    public func webhooks() -> [WebhookConfiguration] {
        targets.values.map { withCurrentState($0.configuration) }.sorted { $0.id < $1.id }
    }

    /// Stops deliveries to a webhook; its messages wait, and new notifications are not
    /// routed to it.
    public func pause(_ id: WebhookID) async throws(DispatcherError) {
        _ = try await updateWebhook(id) { $0.state = .paused }
    }

    /// Resumes a paused webhook.
    public func resume(_ id: WebhookID) async throws(DispatcherError) {
        _ = try await updateWebhook(id) { $0.state = .active }
    }

    /// Re-enables a disabled (or paused) webhook, optionally returning its dead letters
    /// to their lanes. Returns how many dead letters were replayed.
    @discardableResult
    public func enable(_ id: WebhookID, replayDeadLetters: Bool = false) async throws(DispatcherError) -> Int {
        _ = try await updateWebhook(id) { $0.state = .active }
        streaks[id] = nil
        return replayDeadLetters ? try await replay(id, messageID: nil) : 0
    }

    /// The dead letters of a webhook, oldest first.
    public func deadLetters(_ id: WebhookID, limit: Int = 100) async throws(DispatcherError) -> [OutboxMessage] {
        do {
            return try await outbox.deadLetters(webhook: id, limit: limit)
        } catch {
            throw .storeFailure(String(describing: error))
        }
    }

    /// Returns a webhook's dead letters (all, or the one with `messageID`) to their lanes.
    @discardableResult
    public func replay(_ id: WebhookID, messageID: MessageID?) async throws(DispatcherError) -> Int {
        try requireRunning()
        guard targets[id] != nil else { throw .unknownWebhook(id) }
        let replayed: Int
        do {
            replayed = try await outbox.replayDeadLetters(webhook: id, messageID: messageID, now: clock.now())
        } catch {
            throw .storeFailure(String(describing: error))
        }
        adjustQueueDepth(id, by: replayed)
        resumeLanes(of: id)
        return replayed
    }

    /// Validates, persists and installs a configuration.
    private func store(_ configuration: WebhookConfiguration) async throws(DispatcherError) {
        do {
            try configuration.validate(catalog: self.configuration.catalog)
        } catch {
            throw .invalidConfiguration(error)
        }
        guard let target = DeliveryTarget(configuration) else {
            throw .invalidConfiguration(ValidationError(problems: [.init(field: "url", code: .unparseableURL, reason: "cannot be used")]))
        }
        if !target.signingSecrets.isEmpty, self.configuration.hmac == nil {
            throw .invalidConfiguration(ValidationError(problems: [
                .init(field: "signingSecret", code: .invalidSigningSecret, reason: "needs a dispatcher configured with an HMAC implementation"),
            ]))
        }
        do {
            try await registry.save(configuration)
        } catch {
            throw .storeFailure(String(describing: error))
        }
        targets[configuration.id] = target
        rebuildIndex()
        laneEpoch &+= 1
    }

    /// A configuration with a pending activation shown as active once its delay passed.
    func withCurrentState(_ configuration: WebhookConfiguration) -> WebhookConfiguration {
        var shown = configuration
        shown.state = configuration.effectiveState(at: clock.now())
        return shown
    }

    /// Whether lanes of this webhook may deliver now (not paused, not disabled).
    func isDeliverable(_ configuration: WebhookConfiguration) -> Bool {
        switch configuration.state {
        case .active, .pendingActivation: true
        case .paused, .disabled: false
        }
    }

    func rebuildIndex() {
        index = SubscriptionIndex(configurations: targets.values.map(\.configuration), catalog: configuration.catalog)
    }

    func requireRunning() throws(DispatcherError) {
        switch phase {
        case .running: return
        case .created: throw .notStarted
        case .shuttingDown, .stopped: throw .shuttingDown
        }
    }

    /// Restarts delivery of a webhook's lanes that hold messages (after resume or replay).
    func resumeLanes(of id: WebhookID) {
        Task {
            guard let lanes = try? await outbox.pendingLanes() else { return }
            for lane in lanes where lane.webhookID == id { wake(lane) }
        }
    }

    func adjustQueueDepth(_ id: WebhookID, by delta: Int) {
        guard delta != 0 else { return }
        let depth = max(0, (queueDepth[id] ?? 0) + delta)
        queueDepth[id] = depth
        metrics.setQueueDepth(webhook: id, depth)
    }
}
