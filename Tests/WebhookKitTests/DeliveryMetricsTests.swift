import Foundation
import Testing
import WebhookKit

@Suite("DeliveryMetrics")
struct DeliveryMetricsTests {
    let a: WebhookID = "wh-a"
    let b: WebhookID = "wh-b"

    @Test("every event is counted for its webhook, and totals add up")
    func counts() throws {
        let metrics = DeliveryMetrics()
        metrics.recordRouted(webhook: a, count: 4)
        metrics.recordPublished(webhook: a, count: 3)
        for _ in 0..<5 { metrics.recordSent(webhook: a) }
        metrics.recordDelivered(webhook: a, latency: .milliseconds(20))
        metrics.recordFailure(webhook: a, class: .status(503))
        metrics.recordFailure(webhook: a, class: .status(500))
        metrics.recordFailure(webhook: a, class: .status(404))
        metrics.recordFailure(webhook: a, class: .transport(.timeout))
        metrics.recordRetried(webhook: a)
        metrics.recordCoalesced(webhook: a, count: 2)
        metrics.recordDeadLettered(webhook: a)
        metrics.recordDiscarded(webhook: b, count: 7)
        metrics.setQueueDepth(webhook: a, 12)
        metrics.adjustQueueDepth(webhook: a, by: -2)
        metrics.adjustQueueDepth(webhook: b, by: -5)
        metrics.setInFlight(webhook: b, 1)
        metrics.adjustInFlight(webhook: a, by: 1)
        metrics.setBreakerState(webhook: b, .open(until: Timestamp(millisecondsSince1970: 0)))

        let snapshot = metrics.snapshot()
        #expect(snapshot.webhooks.map(\.webhook) == [a, b])
        let figures = try #require(snapshot[a]).figures
        #expect(figures.routed == 4 && figures.published == 3 && figures.sent == 5 && figures.delivered == 1)
        #expect(figures.failures == ["http_5xx": 2, "http_4xx": 1, "timeout": 1])
        #expect(figures.failuresByStatus == [503: 1, 500: 1, 404: 1])
        #expect(figures.failed == 4)
        #expect(figures.retried == 1 && figures.coalesced == 2 && figures.deadLettered == 1 && figures.discarded == 0)
        #expect(figures.queueDepth == 10 && figures.inFlight == 1)
        #expect(figures.latency.count == 1)
        #expect(snapshot[a]?.breakerState == "closed")
        #expect(snapshot[b]?.breakerState == "open")
        #expect(snapshot[b]?.figures.queueDepth == 0)
        #expect(snapshot.totals.discarded == 7 && snapshot.totals.inFlight == 2 && snapshot.totals.sent == 5)
        #expect(snapshot.totals.latency.count == 1)
    }

    @Test("concurrent updates from many tasks are all counted")
    func concurrentUpdates() async {
        let metrics = DeliveryMetrics()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for _ in 0..<1_000 {
                        metrics.recordSent(webhook: task % 2 == 0 ? "wh-a" : "wh-b")
                        metrics.recordDelivered(webhook: "wh-a", latency: .milliseconds(3))
                    }
                }
            }
        }
        let snapshot = metrics.snapshot()
        #expect(snapshot.totals.sent == 8_000)
        #expect(snapshot[a]?.figures.delivered == 8_000)
        #expect(snapshot[a]?.figures.latency.count == 8_000)
    }

    @Test("figures stay after the webhook's last event until forgotten")
    func forget() {
        let metrics = DeliveryMetrics()
        metrics.recordSent(webhook: a)
        metrics.recordSent(webhook: b)
        #expect(metrics.snapshot(webhook: a)?.figures.sent == 1)
        metrics.forget(webhook: a)
        #expect(metrics.snapshot(webhook: a) == nil)
        #expect(metrics.snapshot().webhooks.map(\.webhook) == [b])
    }

    @Test("the JSON snapshot is flat per webhook and round-trips")
    func jsonRoundTrip() throws {
        let metrics = DeliveryMetrics()
        metrics.recordDelivered(webhook: a, latency: .milliseconds(1500))
        metrics.recordFailure(webhook: a, class: .transport(.tlsUntrusted))
        metrics.recordFailure(webhook: b, class: .status(429))
        let snapshot = metrics.snapshot()
        let data = try JSONEncoder().encode(snapshot)
        #expect(try JSONDecoder().decode(DeliveryMetricsSnapshot.self, from: data) == snapshot)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let first = try #require((object["webhooks"] as? [[String: Any]])?.first)
        #expect(first["webhook"] as? String == "wh-a")
        #expect(first["breakerState"] as? String == "closed")
        #expect(first["delivered"] as? Int == 1)
        #expect((first["failures"] as? [String: Int])?["tlsUntrusted"] == 1)
        #expect((object["totals"] as? [String: Any])?["failed"] == nil)   // computed, not stored
    }

    @Test("a histogram with mismatched bucket counts is refused when decoded")
    func histogramDecodingChecks() throws {
        let bad = #"{"upperBounds":[1,2],"bucketCounts":[1,2],"sum":0,"count":3}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(LatencyHistogram.self, from: Data(bad.utf8)) }
        let wrongCount = #"{"upperBounds":[1,2],"bucketCounts":[1,2,0],"sum":0,"count":4}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(LatencyHistogram.self, from: Data(wrongCount.utf8)) }
        let good = #"{"upperBounds":[1,2],"bucketCounts":[1,2,0],"sum":0,"count":3}"#
        #expect(try JSONDecoder().decode(LatencyHistogram.self, from: Data(good.utf8)).count == 3)
    }
}

@Suite("LatencyHistogram")
struct LatencyHistogramTests {
    @Test("observations land in the first bucket whose bound holds them")
    func buckets() throws {
        var histogram = LatencyHistogram()
        for millis in [0, 1, 2, 3, 3, 5, 70_000, 7_200_000] {
            histogram.record(.milliseconds(millis))
        }
        histogram.record(.milliseconds(-20))   // clock went back: counts as zero
        let bounds = histogram.upperBounds
        func bucket(_ bound: Double) throws -> UInt64 {
            histogram.bucketCounts[try #require(bounds.firstIndex(of: bound))]
        }
        #expect(try bucket(0.001) == 3)     // -20 ms, 0 ms, 1 ms (bounds are inclusive)
        #expect(try bucket(0.0025) == 1)    // 2 ms
        #expect(try bucket(0.005) == 3)     // 3, 3, 5 ms
        #expect(try bucket(300) == 1)       // 70 s
        #expect(histogram.bucketCounts.last == 1)   // 2 h → +Inf
        #expect(histogram.count == 9)
        #expect(abs(histogram.sum - 7_270.014) < 1e-9)
        let cumulative = histogram.cumulativeCounts
        #expect(cumulative.count == bounds.count + 1)
        #expect(cumulative.last == 9)
        #expect(zip(cumulative, cumulative.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(cumulative[try #require(bounds.firstIndex(of: 0.005))] == 7)
    }

    @Test("quantiles interpolate inside the bucket like histogram_quantile")
    func quantiles() throws {
        var histogram = LatencyHistogram()
        #expect(histogram.quantile(0.5) == nil)
        for _ in 0..<100 { histogram.record(.milliseconds(7)) }   // all in (0.005, 0.01]
        #expect(abs(try #require(histogram.quantile(0.5)) - 0.0075) < 1e-12)
        #expect(abs(try #require(histogram.quantile(1)) - 0.01) < 1e-12)

        var mixed = LatencyHistogram()
        for _ in 0..<50 { mixed.record(.microseconds(500)) }       // (0, 0.001]
        for _ in 0..<50 { mixed.record(.milliseconds(400)) }       // (0.25, 0.5]
        #expect(abs(try #require(mixed.quantile(0.5)) - 0.001) < 1e-12)
        #expect(abs(try #require(mixed.quantile(0.99)) - 0.495) < 1e-12)
        #expect(mixed.quantile(1.5) == nil)

        var slow = LatencyHistogram()
        slow.record(.seconds(10_000))
        #expect(slow.quantile(0.5) == 3600)   // +Inf bucket: the largest finite bound
    }

    @Test("merging adds bucket by bucket")
    func merge() {
        var first = LatencyHistogram()
        var second = LatencyHistogram()
        first.record(.milliseconds(1))
        second.record(.milliseconds(1))
        second.record(.seconds(2))
        first.merge(second)
        #expect(first.count == 3)
        #expect(first.bucketCounts[0] == 2)
        #expect(first.cumulativeCounts.last == 3)
    }
}
