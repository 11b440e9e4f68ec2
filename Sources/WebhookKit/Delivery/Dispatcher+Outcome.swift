extension Dispatcher {
    /// Applies the result of one delivery attempt: completes, reschedules, dead-letters
    /// or disables, and counts it. Returns whether the messages were delivered and
    /// removed from the outbox, so the lane moves on to the next ones.
    @discardableResult
    func finishAttempt(
        _ messages: [OutboxMessage], target: DeliveryTarget, result: Result<WebhookResponse, TransportError>,
        startedAt: Timestamp, latency: Duration
    ) async -> Bool {
        let webhook = target.configuration.id
        let now = clock.now()
        let outcome = DeliveryOutcome(result)
        finishingAttempts += 1
        defer {
            finishingAttempts -= 1
            releaseIdleWaitersIfIdle()
        }
        releaseSlot(of: webhook)
        for _ in messages { metrics.recordSent(webhook: webhook) }
        let head = messages[0]
        let decision = configuration.retryPolicy.decide(
            outcome: outcome,
            attempt: head.attempts + 1,
            firstAttemptAt: head.firstAttemptAt ?? now,
            now: now,
            successPolicy: target.configuration.successPolicy,
            using: &random
        )
        await logAttempts(messages, webhook: webhook, result: result, decision: decision, startedAt: startedAt, latency: latency)
        let key = target.breakerKey
        if case .delivered = decision { streaks[webhook]?.recordSuccess() }
        if Self.isEndpointFailure(outcome) {
            breakers[key, default: CircuitBreaker(configuration: configuration.circuitBreaker)].recordFailure(now: now)
        } else {
            breakers[key, default: CircuitBreaker(configuration: configuration.circuitBreaker)].recordSuccess()
        }
        if let state = breakers[key]?.state { metrics.setBreakerState(webhook: webhook, state) }
        wakeBreakerWaiters(key)

        switch decision {
        case .delivered:
            await enqueueCompletion(messages, webhook: webhook, now: now)
            return true
        case .retry(let at, let failure):
            metrics.recordFailure(webhook: webhook, class: failure)
            for _ in messages { metrics.recordRetried(webhook: webhook) }
            let attempted = messages.map { message in
                var updated = message
                updated.attempts += 1
                updated.firstAttemptAt = message.firstAttemptAt ?? now
                updated.nextAttemptAt = at
                return updated
            }
            try? await outbox.recordAttempt(attempted)
            emit(.retryScheduled(webhook, messageID: head.id, failure: failure.label, at: at))
            await recordStreakFailure(webhook, now: now)
        case .deadLetter(let failure):
            metrics.recordFailure(webhook: webhook, class: failure)
            await deadLetter(messages, webhook: webhook, reason: "gave up after \(head.attempts + 1) attempts, last: \(failure.label)")
            await recordStreakFailure(webhook, now: now)
        case .disableWebhook(let reason):
            if case .response(let status, _) = outcome {
                metrics.recordFailure(webhook: webhook, class: .status(status))
            }
            await disable(webhook, reason: reason)
        }
        return false
    }

    /// Whether an outcome says the endpoint itself is unwell (unreachable, overloaded,
    /// failing), as opposed to refusing this webhook (401, 404 …). Only the former trips the
    /// breaker, which is shared by every webhook on the same host and port.
    static func isEndpointFailure(_ outcome: DeliveryOutcome) -> Bool {
        switch outcome {
        case .transportError(let error): error.kind != .forbiddenAddress
        case .response(let status, _): status >= 500 || status == 429 || status == 408
        }
    }

    private func logAttempts(
        _ messages: [OutboxMessage], webhook: WebhookID, result: Result<WebhookResponse, TransportError>,
        decision: DeliveryDecision, startedAt: Timestamp, latency: Duration
    ) async {
        guard let log = configuration.deliveryLog else { return }
        let statusCode = try? result.get().statusCode
        let excerpt = (try? result.get()).map { String(decoding: $0.bodyExcerpt, as: UTF8.self) } ?? ""
        let failure: String? = switch result {
        case .failure(let error): error.kind.rawValue
        case .success(let response): decision == .delivered ? nil : FailureClass.status(response.statusCode).label
        }
        await log.record(messages.map { message in
            DeliveryAttempt(
                webhookID: webhook, messageID: message.id, attemptedAt: startedAt, attempt: message.attempts + 1,
                statusCode: statusCode, failure: failure, latencyMilliseconds: latency.wholeMilliseconds,
                responseExcerpt: excerpt
            )
        })
    }

    private func deadLetter(_ messages: [OutboxMessage], webhook: WebhookID, reason: String) async {
        guard let moved = try? await outbox.deadLetter(messages, reason: reason), moved > 0 else { return }
        for _ in 0..<moved { metrics.recordDeadLettered(webhook: webhook) }
        adjustQueueDepth(webhook, by: -moved)
        emit(.deadLettered(webhook, count: moved, reason: reason))
    }

    private func recordStreakFailure(_ webhook: WebhookID, now: Timestamp) async {
        var streak = streaks[webhook] ?? FailureStreak(configuration: configuration.autoDisable)
        let action = streak.recordFailure(now: now)
        streaks[webhook] = streak
        switch action {
        case .none:
            break
        case .warn(let since):
            emit(.failingWebhook(webhook, since: since))
        case .disable(let reason):
            await disable(webhook, reason: reason)
        }
    }

    /// Disables a webhook and keeps everything queued for it as dead letters, to be
    /// replayed when it is enabled again.
    func disable(_ webhook: WebhookID, reason: String) async {
        guard var configuration = targets[webhook]?.configuration else { return }
        if case .disabled = configuration.state { return }
        configuration.state = .disabled(reason: reason)
        configuration.updatedAt = clock.now()
        try? await registry.save(configuration)
        if let target = DeliveryTarget(configuration) { targets[webhook] = target }
        rebuildIndex()
        laneEpoch &+= 1
        emit(.webhookDisabled(webhook, reason: reason))
        // Messages delivered a moment ago are removed, not kept as dead letters.
        await waitForAllCompletions()
        let moved = try? await outbox.deadLetterAll(webhook: webhook, reason: "webhook disabled: \(reason)")
        laneEpoch &+= 1
        if let moved, moved > 0 {
            for _ in 0..<moved { metrics.recordDeadLettered(webhook: webhook) }
            adjustQueueDepth(webhook, by: -moved)
            emit(.deadLettered(webhook, count: moved, reason: "webhook disabled: \(reason)"))
        }
    }
}
