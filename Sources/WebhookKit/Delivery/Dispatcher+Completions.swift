extension Dispatcher {
    /// A delivered request whose messages are still to be removed from the outbox.
    struct PendingCompletion {
        var messages: [OutboxMessage]
        var webhook: WebhookID
        /// When the receiver's answer was applied (the end of publish → 200).
        var answeredAt: Timestamp
    }

    /// A task waiting for removals up to `ticket`.
    struct CompletionWaiter {
        var ticket: UInt64
        var continuation: CheckedContinuation<Void, Never>
        /// Resumed when a removal fails too (it does not wait for a broken outbox).
        var givesUpOnFailure: Bool
    }

    /// Queues delivered messages for removal from the outbox; the lane then sends its
    /// next message without waiting for the store, unless no removal is running, in
    /// which case this call removes them itself (no task to start for a lone delivery,
    /// and the delivery is counted before the lane goes on).
    ///
    /// Removal still follows the 2xx, and a lane never reads its front again before its
    /// removals are done (``waitForCompletions(of:)``), so nothing is sent twice in one
    /// run. A crash before the removal sends the messages again on restart, in order
    /// and with the same ids, as a crash during a request always did.
    func enqueueCompletion(_ messages: [OutboxMessage], webhook: WebhookID, now: Timestamp) async {
        completionTicket += 1
        pendingCompletions.append(PendingCompletion(messages: messages, webhook: webhook, answeredAt: now))
        laneCompletionTickets[messages[0].lane] = completionTicket
        guard !flushingCompletions else { return }
        flushingCompletions = true
        await flushCompletionRound()
        if pendingCompletions.isEmpty {
            flushingCompletions = false
            return
        }
        // More arrived meanwhile (or the removal failed): a task takes over, so this
        // lane goes on.
        completionFlusher = Task { await self.flushCompletions() }
    }

    /// Removes queued deliveries until none is left, retrying a failing outbox every
    /// second until the dispatcher stops.
    func flushCompletions() async {
        while !pendingCompletions.isEmpty {
            if completionsFailing {
                guard phase != .stopped, (try? await clock.sleep(until: clock.now().advanced(by: .seconds(1)))) != nil else { break }
            }
            await flushCompletionRound()
        }
        flushingCompletions = false
        completionFlusher = nil
        // Stopped with removals left: nobody may wait for them any more.
        resumeCompletionWaiters(all: true, failed: true)
        releaseIdleWaitersIfIdle()
    }

    /// Removes everything queued in one outbox call and counts it delivered once the
    /// outbox confirms it held it; on failure everything stays queued (not sent again in
    /// this run: its lanes wait) and ``completionsFailing`` is set.
    private func flushCompletionRound() async {
        let batch = pendingCompletions
        let upTo = completionTicket
        pendingCompletions = []
        let removed: [Bool]
        do {
            removed = try await outbox.completeEach(batch.flatMap(\.messages))
        } catch {
            pendingCompletions = batch + pendingCompletions
            completionsFailing = true
            resumeCompletionWaiters(all: false, failed: true)
            return
        }
        var index = 0
        // Queue depths change once per run of one webhook's requests, not per request.
        var depthWebhook = batch[0].webhook
        var depthChange = 0
        for completion in batch {
            if completion.webhook != depthWebhook {
                adjustQueueDepth(depthWebhook, by: -depthChange)
                (depthWebhook, depthChange) = (completion.webhook, 0)
            }
            for message in completion.messages {
                // A message dead-lettered or discarded meanwhile (410, delete) is counted
                // where it went, not as delivered: replaying it would count it twice.
                if index < removed.count, removed[index] {
                    metrics.recordDelivered(webhook: completion.webhook, latency: message.publishedAt.duration(to: completion.answeredAt))
                    depthChange += 1
                }
                index += 1
            }
            if let entry = laneCompletionTickets.index(forKey: completion.messages[0].lane), laneCompletionTickets[entry].value <= upTo {
                laneCompletionTickets.remove(at: entry)
            }
        }
        adjustQueueDepth(depthWebhook, by: -depthChange)
        completionsFailing = false
        flushedCompletionTicket = upTo
        resumeCompletionWaiters(all: false, failed: false)
    }

    /// Suspends until the removals of everything `lane` delivered are done, before its
    /// front is read again; returns whether it had to wait (and so the caller must look
    /// at the state again).
    func waitForCompletions(of lane: LaneKey) async -> Bool {
        guard let ticket = laneCompletionTickets[lane], ticket > flushedCompletionTicket else { return false }
        await withCheckedContinuation { completionWaiters.append(CompletionWaiter(ticket: ticket, continuation: $0, givesUpOnFailure: false)) }
        return true
    }

    /// Suspends until everything delivered so far is removed from the outbox (before
    /// moving a webhook's messages elsewhere, so delivered ones are not among them), or
    /// until a removal fails: a failing outbox is the caller's to report.
    func waitForAllCompletions() async {
        let ticket = completionTicket
        guard ticket > flushedCompletionTicket, flushingCompletions, !completionsFailing else { return }
        await withCheckedContinuation { completionWaiters.append(CompletionWaiter(ticket: ticket, continuation: $0, givesUpOnFailure: true)) }
    }

    private func resumeCompletionWaiters(all: Bool, failed: Bool) {
        guard !completionWaiters.isEmpty else { return }
        var waiting: [CompletionWaiter] = []
        for waiter in completionWaiters {
            if all || waiter.ticket <= flushedCompletionTicket || (failed && waiter.givesUpOnFailure) {
                waiter.continuation.resume()
            } else {
                waiting.append(waiter)
            }
        }
        completionWaiters = waiting
    }

    /// Whether nothing is in flight, being applied or waiting to be removed.
    var isIdle: Bool {
        totalInFlight == 0 && finishingAttempts == 0 && pendingCompletions.isEmpty && !flushingCompletions
    }

    func releaseIdleWaitersIfIdle() {
        if isIdle { releaseIdleWaiters() }
    }
}
