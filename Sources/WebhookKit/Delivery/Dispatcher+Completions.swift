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

    /// Queues delivered messages for removal from the outbox and returns at once, so
    /// the lane sends its next message without waiting for the store.
    ///
    /// Removal still follows the 2xx, and a lane never reads its front again before its
    /// removals are done (``waitForCompletions(of:)``), so nothing is sent twice in one
    /// run. A crash before the removal sends the messages again on restart, in order
    /// and with the same ids, as a crash during a request always did.
    func enqueueCompletion(_ messages: [OutboxMessage], webhook: WebhookID, now: Timestamp) {
        completionTicket += 1
        pendingCompletions.append(PendingCompletion(messages: messages, webhook: webhook, answeredAt: now))
        laneCompletionTickets[messages[0].lane] = completionTicket
        if completionFlusher == nil {
            completionFlusher = Task { await self.flushCompletions() }
        }
    }

    /// Removes queued deliveries from the outbox, everything queued in one call, until
    /// none is left; counts them delivered once the outbox confirms it held them.
    func flushCompletions() async {
        while !pendingCompletions.isEmpty {
            let batch = pendingCompletions
            let upTo = completionTicket
            pendingCompletions = []
            let removed: [Bool]
            do {
                removed = try await outbox.completeEach(batch.flatMap(\.messages))
            } catch {
                // Delivered but still stored: keep them (they are not sent again in this
                // run, their lanes wait) and try again, unless the dispatcher has stopped.
                pendingCompletions = batch + pendingCompletions
                completionsFailing = true
                resumeCompletionWaiters(all: false, failed: true)
                guard phase != .stopped, (try? await clock.sleep(until: clock.now().advanced(by: .seconds(1)))) != nil else { break }
                continue
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
        completionFlusher = nil
        // Stopped with removals left: nobody may wait for them any more.
        resumeCompletionWaiters(all: true, failed: true)
        releaseIdleWaitersIfIdle()
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
        guard ticket > flushedCompletionTicket, completionFlusher != nil, !completionsFailing else { return }
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
        totalInFlight == 0 && finishingAttempts == 0 && pendingCompletions.isEmpty && completionFlusher == nil
    }

    func releaseIdleWaitersIfIdle() {
        if isIdle { releaseIdleWaiters() }
    }
}
