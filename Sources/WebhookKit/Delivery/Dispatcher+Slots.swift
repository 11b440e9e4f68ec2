extension Dispatcher {
    /// Whether a worker may send now.
    enum SlotGrant {
        case granted
        case waitUntil(Timestamp)
        case stop
    }

    /// Waits for the endpoint's breaker and a free in-flight slot of the webhook.
    func acquireSlot(for target: DeliveryTarget) async -> SlotGrant {
        let key = target.breakerKey
        while true {
            guard phase == .running else { return .stop }
            var breaker = breakers[key] ?? CircuitBreaker(configuration: configuration.circuitBreaker)
            let now = clock.now()
            let permission = breaker.requestPermission(now: now)
            breakers[key] = breaker
            metrics.setBreakerState(webhook: target.configuration.id, breaker.state)
            if case .denied(let until) = permission {
                // Half-open with a probe in flight: wait for its result rather than a whole
                // cool-down, so lanes resume as soon as the probe succeeds.
                if case .halfOpen = breaker.state {
                    await withCheckedContinuation { breakerWaiters[key, default: []].append($0) }
                    continue
                }
                if until > now { return .waitUntil(until) }
                await withCheckedContinuation { breakerWaiters[key, default: []].append($0) }
                continue
            }
            break
        }
        let webhook = target.configuration.id
        while (inFlight[webhook] ?? 0) >= configuration.maximumInFlightPerWebhook {
            await withCheckedContinuation { permitWaiters[webhook, default: []].append($0) }
            guard phase == .running else { return .stop }
        }
        inFlight[webhook, default: 0] += 1
        totalInFlight += 1
        metrics.setInFlight(webhook: webhook, inFlight[webhook] ?? 0)
        return .granted
    }

    /// Frees the in-flight slot taken by ``acquireSlot(for:)``.
    func releaseSlot(of webhook: WebhookID) {
        inFlight[webhook, default: 1] -= 1
        totalInFlight -= 1
        metrics.setInFlight(webhook: webhook, inFlight[webhook] ?? 0)
        if var waiters = permitWaiters[webhook], !waiters.isEmpty {
            waiters.removeFirst().resume()
            permitWaiters[webhook] = waiters.isEmpty ? nil : waiters
        }
        releaseIdleWaitersIfIdle()
    }

    func wakeBreakerWaiters(_ key: String) {
        breakerWaiters.removeValue(forKey: key)?.forEach { $0.resume() }
    }
}
