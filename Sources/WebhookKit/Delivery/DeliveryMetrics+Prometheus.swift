extension DeliveryMetrics {
    /// Every figure in the Prometheus text exposition format (version 0.0.4).
    public func prometheusText() -> String {
        snapshot().prometheusText()
    }
}

extension DeliveryMetricsSnapshot {
    /// The content type of ``prometheusText()`` for an HTTP `GET /metrics` response.
    public static let prometheusContentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Every figure in the Prometheus text exposition format (version 0.0.4).
    ///
    /// Metric names are stable and prefixed `webhookkit_`; every sample carries a
    /// `webhook` label holding the webhook id. Failure classes are always listed, with
    /// zeros, so rates work from the first failure on.
    public func prometheusText() -> String {
        var out = PrometheusWriter()
        counter(&out, "webhookkit_messages_published_total", "Messages created for the webhook.", \.published)
        counter(&out, "webhookkit_messages_routed_total", "Notifications the routing index matched to the webhook.", \.routed)
        counter(&out, "webhookkit_requests_sent_total", "Delivery requests sent, retries included.", \.sent)
        counter(&out, "webhookkit_messages_delivered_total", "Messages the endpoint accepted.", \.delivered)

        out.header("webhookkit_delivery_failures_total", "counter", "Failed delivery attempts by class: HTTP status class or transport error.")
        for entry in webhooks {
            let classes = FailureClass.allMetricClasses
                + entry.figures.failures.keys.filter { !FailureClass.allMetricClasses.contains($0) }.sorted()
            for failureClass in classes {
                out.sample("webhookkit_delivery_failures_total", [("webhook", entry.webhook.rawValue), ("class", failureClass)],
                           entry.figures.failures[failureClass, default: 0])
            }
        }
        out.header("webhookkit_delivery_failed_responses_total", "counter", "Failed delivery attempts that got an HTTP response, by status code.")
        for entry in webhooks {
            for (code, count) in entry.figures.failuresByStatus.sorted(by: { $0.key < $1.key }) {
                out.sample("webhookkit_delivery_failed_responses_total", [("webhook", entry.webhook.rawValue), ("code", String(code))], count)
            }
        }

        counter(&out, "webhookkit_delivery_retries_total", "Retries scheduled after failed attempts.", \.retried)
        counter(&out, "webhookkit_messages_coalesced_total", "Messages folded into a newer waiting status message.", \.coalesced)
        counter(&out, "webhookkit_messages_dead_lettered_total", "Messages moved to the dead letters after the retry budget ran out.", \.deadLettered)
        counter(&out, "webhookkit_messages_discarded_total", "Messages dropped because their webhook was deleted.", \.discarded)
        gauge(&out, "webhookkit_queue_depth", "Messages waiting in the outbox.", \.queueDepth)
        gauge(&out, "webhookkit_requests_in_flight", "Delivery requests currently in flight.", \.inFlight)

        out.header("webhookkit_circuit_breaker_state", "gauge", "1 for the current state of the endpoint's circuit breaker, 0 for the others.")
        for entry in webhooks {
            for state in CircuitBreaker.State.allLabels {
                out.sample("webhookkit_circuit_breaker_state", [("webhook", entry.webhook.rawValue), ("state", state)],
                           entry.breakerState == state ? 1 : 0)
            }
        }

        let latency = "webhookkit_delivery_latency_seconds"
        out.header(latency, "histogram", "Time from publish to acceptance of delivered messages, retries included.")
        for entry in webhooks {
            let histogram = entry.figures.latency
            let webhook = ("webhook", entry.webhook.rawValue)
            for (bound, count) in zip(histogram.upperBounds.map(PrometheusWriter.number) + ["+Inf"], histogram.cumulativeCounts) {
                out.sample(latency + "_bucket", [webhook, ("le", bound)], count)
            }
            out.sample(latency + "_sum", [webhook], PrometheusWriter.number(histogram.sum))
            out.sample(latency + "_count", [webhook], histogram.count)
        }
        return out.text
    }

    private func counter(_ out: inout PrometheusWriter, _ name: String, _ help: String, _ value: KeyPath<Figures, UInt64>) {
        out.header(name, "counter", help)
        for entry in webhooks {
            out.sample(name, [("webhook", entry.webhook.rawValue)], entry.figures[keyPath: value])
        }
    }

    private func gauge(_ out: inout PrometheusWriter, _ name: String, _ help: String, _ value: KeyPath<Figures, Int>) {
        out.header(name, "gauge", help)
        for entry in webhooks {
            out.sample(name, [("webhook", entry.webhook.rawValue)], entry.figures[keyPath: value])
        }
    }
}
