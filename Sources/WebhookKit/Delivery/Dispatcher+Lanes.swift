extension Dispatcher {
    /// What a lane worker does next.
    enum LaneStep {
        /// Send the next held messages; an in-flight slot is taken for them.
        case send(DeliveryTarget)
        /// Read the front of the lane (nothing usable is held).
        case read(LaneRead)
        /// The endpoint's breaker is open until then.
        case waitUntil(Timestamp)
        /// The lane is idle, its webhook gone, paused or disabled, or the dispatcher stopping.
        case stop
    }

    /// How a worker reads its lane.
    struct LaneRead {
        var limit: Int
        /// Whether statuses may still be merged into the lane's last message.
        var coalescing: Bool
        /// The epoch the read belongs to (see ``Dispatcher/laneEpoch``).
        var epoch: UInt64
    }

    /// One sent request, to be applied by ``advance(_:after:holding:)``.
    struct LaneAttempt {
        var messages: [OutboxMessage]
        var target: DeliveryTarget
        var result: Result<WebhookResponse, TransportError>
        var startedAt: Timestamp
        var latency: Duration
    }

    /// Makes sure a worker delivers `lane`: starts one, or tells the running one to look again.
    func wake(_ lane: LaneKey) {
        guard phase == .running else { return }
        if let running = lanes.index(forKey: lane) {
            lanes.values[running].dirty = true
            return
        }
        lanes[lane] = LaneRun(task: Task(priority: configuration.deliveryPriority) { await self.runLane(lane) })
    }

    /// Delivers a lane until it is empty, paused, or the dispatcher stops.
    ///
    /// One call on the dispatcher per delivery: ``advance(_:after:holding:)`` applies the
    /// previous attempt and grants the next one. The lane's front is read a few messages
    /// ahead (``LaneReadAhead``), so the outbox is asked once per read-ahead.
    nonisolated func runLane(_ lane: LaneKey) async {
        var ahead = LaneReadAhead()
        var attempt: LaneAttempt?
        laneLoop: while true {
            if attempt == nil, Task.isCancelled { break laneLoop }
            let step = await advance(lane, after: attempt, holding: ahead.holding(at: clock.now()))
            attempt = nil
            switch step {
            case .stop:
                return
            case .waitUntil(let time):
                guard (try? await clock.sleep(until: time)) != nil else { break laneLoop }
            case .read(let read):
                ahead = LaneReadAhead()
                let messages: [OutboxMessage]
                do {
                    messages = try await outbox.head(of: lane, limit: read.limit)
                } catch {
                    // The store is unavailable; try again shortly rather than lose the lane.
                    guard (try? await clock.sleep(until: clock.now().advanced(by: .seconds(1)))) != nil else { break laneLoop }
                    continue
                }
                ahead = LaneReadAhead(read: messages, limit: read.limit, coalescing: read.coalescing, epoch: read.epoch)
                if let head = ahead.head, head.nextAttemptAt > clock.now() {
                    guard (try? await clock.sleep(until: head.nextAttemptAt)) != nil else { break laneLoop }
                }
            case .send(let target):
                let messages = ahead.take(max(1, target.configuration.batchSize))
                guard !messages.isEmpty else {
                    // Not reachable (a slot is granted only for held, due messages); give it back.
                    await releaseSlot(of: target.configuration.id)
                    continue
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
                attempt = LaneAttempt(
                    messages: messages, target: target, result: result, startedAt: started, latency: ContinuousClock.now - sendStarted
                )
            }
        }
        await laneStopped(lane)
    }

    /// Applies the worker's last attempt, if any, then decides its next step: send what
    /// it holds (with a slot taken), read the lane, wait for the breaker, or stop (and
    /// forget the lane) when it is idle or its webhook is gone, paused or disabled.
    func advance(_ lane: LaneKey, after attempt: LaneAttempt?, holding: LaneReadAhead.Holding) async -> LaneStep {
        var holding = holding
        var failed = false
        if let attempt {
            let delivered = await finishAttempt(
                attempt.messages, target: attempt.target, result: attempt.result,
                startedAt: attempt.startedAt, latency: attempt.latency
            )
            if !delivered {
                // The head changed (rescheduled, dead-lettered) or is still there: read it again.
                holding = .none
                failed = true
            }
        }
        while true {
            guard phase == .running, let target = targets[lane.webhookID], isDeliverable(target.configuration) else {
                lanes[lane] = nil
                return .stop
            }
            if case .due(let epoch) = holding, epoch == laneEpoch {
                switch await acquireSlot(for: target) {
                case .granted:
                    // Waiting for the slot may have let the lane change under what is held.
                    if epoch == laneEpoch, let current = targets[lane.webhookID], isDeliverable(current.configuration) {
                        return .send(current)
                    }
                    releaseSlot(of: target.configuration.id)
                    holding = .none
                    continue
                case .waitUntil(let time): return .waitUntil(time)
                case .stop:
                    lanes[lane] = nil
                    return .stop
                }
            }
            if case .usedUp(coversLane: true, let epoch) = holding, epoch == laneEpoch, lanes[lane]?.dirty != true {
                // Everything pending at the last read was delivered and nothing arrived since.
                lanes[lane] = nil
                return .stop
            }
            // The front is read only once this lane's removals are done (also those of an
            // earlier worker), so nothing delivered is read and sent again.
            if await waitForCompletions(of: lane) { continue }
            lanes[lane]?.dirty = false
            let batch = max(1, target.configuration.batchSize)
            return .read(LaneRead(
                // After a failure only the head is needed: the next attempt is not due yet.
                limit: failed ? batch : max(batch, configuration.laneReadAhead),
                coalescing: configuration.coalesceStatuses && batch == 1,
                epoch: laneEpoch
            ))
        }
    }

    func laneStopped(_ lane: LaneKey) {
        lanes[lane] = nil
    }
}
