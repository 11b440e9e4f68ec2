extension Dispatcher {
    /// Sends one `test` message to a webhook now, even while it is pending activation or
    /// paused, and reports what happened. Test messages bypass the outbox and retries.
    public func test(_ id: WebhookID) async throws(DispatcherError) -> WebhookTestResult {
        try requireRunning()
        guard let target = targets[id] else { throw .unknownWebhook(id) }
        let now = clock.now()
        let message = DeviceNotification(webhookId: id, timestamp: now, body: .test)
        let request = builder.request(id: message.id, body: WireEncoder().encode(message), target: target, now: now)
        let started = ContinuousClock.now
        let result: Result<WebhookResponse, TransportError>
        do {
            result = .success(try await transport.send(request))
        } catch {
            result = .failure(error)
        }
        let latency = (ContinuousClock.now - started).wholeMilliseconds
        metrics.recordSent(webhook: id)
        switch result {
        case .success(let response):
            let succeeded = target.configuration.successPolicy.accepts(statusCode: response.statusCode)
            if !succeeded { metrics.recordFailure(webhook: id, class: .status(response.statusCode)) }
            return WebhookTestResult(
                messageID: message.id, succeeded: succeeded, statusCode: response.statusCode,
                failure: succeeded ? nil : FailureClass.status(response.statusCode).label, detail: nil,
                latencyMilliseconds: latency, responseExcerpt: String(decoding: response.bodyExcerpt, as: UTF8.self)
            )
        case .failure(let error):
            metrics.recordFailure(webhook: id, class: .transport(error.kind))
            return WebhookTestResult(
                messageID: message.id, succeeded: false, statusCode: nil, failure: error.kind.rawValue,
                detail: error.detail, latencyMilliseconds: latency, responseExcerpt: ""
            )
        }
    }
}
