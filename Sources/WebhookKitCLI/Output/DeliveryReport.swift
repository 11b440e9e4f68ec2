import WebhookKit

/// Per-webhook delivery tables and progress lines from a ``DeliveryMetricsSnapshot``.
///
/// ```swift
/// print(DeliveryReport.table(metrics.snapshot(), names: [id: "analytics"]))
/// print(DeliveryReport.progressLine(metrics.snapshot()))
/// ```
public enum DeliveryReport {
    /// One row per webhook: sent, 200 OK (delivered), errors by class, retries, p50/p99
    /// latency and queue depth. `names` maps ids to the names shown; rows follow its order
    /// when `order` is given.
    public static func table(_ snapshot: DeliveryMetricsSnapshot, names: [WebhookID: String], order: [WebhookID]? = nil) -> String {
        var table = TextTable(["WEBHOOK", "SENT", "200 OK", "ERRORS", "RETRIES", "P50", "P99", "QUEUED"])
        for id in order ?? snapshot.webhooks.map(\.webhook) {
            let figures = snapshot[id]?.figures ?? .init()
            table.append([
                names[id] ?? id.rawValue, String(figures.sent), String(figures.delivered), errors(figures),
                String(figures.retried), latency(figures.latency.quantile(0.5)), latency(figures.latency.quantile(0.99)),
                String(figures.queueDepth),
            ])
        }
        return table.render()
    }

    /// Failures by exact class, e.g. `http_401 ×12, tlsUntrusted ×4`, or `-`.
    public static func errors(_ figures: DeliveryMetricsSnapshot.Figures) -> String {
        var parts: [(String, UInt64)] = figures.failuresByStatus.map { ("http_\($0.key)", $0.value) }
        let statusTotal = figures.failuresByStatus.values.reduce(0, +)
        let statusClassTotal = figures.failures.filter { $0.key.hasPrefix("http_") }.values.reduce(0, +)
        for (label, count) in figures.failures where !label.hasPrefix("http_") {
            parts.append((label, count))
        }
        if statusClassTotal > statusTotal { parts.append(("http_other", statusClassTotal - statusTotal)) }
        let shown = parts.filter { $0.1 > 0 }.sorted { $0.0 < $1.0 }
        return shown.isEmpty ? "-" : shown.map { "\($0.0) ×\($0.1)" }.joined(separator: ", ")
    }

    /// `delivered 120  errors 3  queue 4  p99 35ms` over all webhooks.
    public static func progressLine(_ snapshot: DeliveryMetricsSnapshot) -> String {
        let totals = snapshot.totals
        return "delivered \(totals.delivered)  errors \(totals.failed)  queue \(totals.queueDepth)  p99 \(latency(totals.latency.quantile(0.99)))"
    }

    /// Seconds as `35ms` or `1.2s`; `-` for none.
    public static func latency(_ seconds: Double?) -> String {
        guard let seconds else { return "-" }
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        return "\(Double(Int((seconds * 10).rounded())) / 10)s"
    }
}
