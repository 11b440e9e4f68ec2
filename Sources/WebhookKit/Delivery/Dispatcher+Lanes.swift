extension Dispatcher {
    /// What a lane worker does next.
    enum LaneStep {
        case deliver(DeliveryTarget, batchLimit: Int)
        case stop
    }

    /// Whether a worker may send now.
    enum SlotGrant {
        case granted
        case waitUntil(Timestamp)
        case stop
    }

    /// Makes sure a worker delivers `lane`: starts one, or tells the running one to look again.
    func wake(_ lane: LaneKey) {
        guard phase == .running else { return }
        if lanes[lane] != nil {
            lanes[lane]?.dirty = true
            return
        }
        lanes[lane] = LaneRun()
        lanes[lane]?.task = Task { await self.runLane(lane) }
    }

    /// Delivers a lane until it is empty, paused, or the dispatcher stops.
    nonisolated func runLane(_ lane: LaneKey) async {
        laneLoop: while !Task.isCancelled {
            guard case .deliver(let target, let batchLimit) = await nextStep(for: lane) else { return }
            let messages: [OutboxMessage]
            do {
                messages = try await outbox.head(of: lane, limit: batchLimit)
            } catch {
                // The store is unavailable; try again shortly rather than lose the lane.
                guard (try? await clock.sleep(until: clock.now().advanced(by: .seconds(1)))) != nil else { break laneLoop }
                continue
            }
            guard let head = messages.first else {
                if await finishIfIdle(lane) { return }
                continue
            }
            if head.nextAttemptAt > clock.now() {
                guard (try? await clock.sleep(until: head.nextAttemptAt)) != nil else { break laneLoop }
                continue
            }
            switch await acquireSlot(for: target) {
            case .stop:
                await laneStopped(lane)
                return
            case .waitUntil(let time):
                guard (try? await clock.sleep(until: time)) != nil else { break laneLoop }
                continue
            case .granted:
                break
            }
            let started = clock.now()
            let request = builder.request(for: messages, target: target, batched: target.configuration.batchSize > 1, now: started)
            let result: Result<WebhookResponse, TransportError>
            let sendStarted = ContinuousClock.now
            do {
                result = .success(try await transport.send(request))
            } catch {
                result = .failure(error)
            }
            let latency = ContinuousClock.now - sendStarted
            await finishAttempt(messages, target: target, result: result, startedAt: started, latency: latency)
        }
        await laneStopped(lane)
    }

    /// The current target of a lane, or `.stop` (and the lane forgotten) when its webhook
    /// is gone, paused or disabled.
    func nextStep(for lane: LaneKey) -> LaneStep {
        lanes[lane]?.dirty = false
        guard phase == .running, let target = targets[lane.webhookID], isDeliverable(target.configuration) else {
            lanes[lane] = nil
            return .stop
        }
        return .deliver(target, batchLimit: max(1, target.configuration.batchSize))
    }

    /// Ends the worker if nothing arrived since it last looked.
    func finishIfIdle(_ lane: LaneKey) -> Bool {
        if lanes[lane]?.dirty == true { return false }
        lanes[lane] = nil
        return true
    }

    func laneStopped(_ lane: LaneKey) {
        lanes[lane] = nil
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
        if totalInFlight == 0 { releaseIdleWaiters() }
    }

    func wakeBreakerWaiters(_ key: String) {
        breakerWaiters.removeValue(forKey: key)?.forEach { $0.resume() }
    }
}
