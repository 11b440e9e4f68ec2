import Foundation
import Testing
import WebhookKit

/// Parses Prometheus text with the reference Python parser (`prometheus_client`),
/// installing it with pip when it is missing. A missing parser fails the test.
enum PrometheusParser {
    struct Sample: Decodable, Hashable {
        let family: String
        let type: String
        let name: String
        let labels: [String: String]
        let value: Double
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private static let script = """
    import json, sys
    from prometheus_client.parser import text_string_to_metric_families
    out = []
    for family in text_string_to_metric_families(sys.stdin.read()):
        for s in family.samples:
            out.append({"family": family.name, "type": family.type, "name": s.name, "labels": s.labels, "value": s.value})
    print(json.dumps(out))
    """

    /// Installs the parser once per test process; every caller sees the same result.
    static let installation: Result<Void, Failure> = {
        if (try? run(["-c", "import prometheus_client"]).status) == 0 { return .success(()) }
        for extra in [[], ["--user"], ["--user", "--break-system-packages"]] {
            _ = try? run(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"] + extra + ["prometheus-client"])
            if (try? run(["-c", "import prometheus_client"]).status) == 0 { return .success(()) }
        }
        return .failure(Failure(description: "python3 cannot import prometheus_client and pip could not install it"))
    }()

    /// The samples of `text`, as the reference parser reads them.
    static func parse(_ text: String) throws -> [Sample] {
        try installation.get()
        let result = try run(["-c", script], input: Data(text.utf8))
        guard result.status == 0 else {
            throw Failure(description: "prometheus_client refused the text: \(String(decoding: result.error, as: UTF8.self))")
        }
        return try JSONDecoder().decode([Sample].self, from: result.output)
    }

    private static func run(_ arguments: [String], input: Data = Data()) throws -> (status: Int32, output: Data, error: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // The script reads all of its input before writing, so writing first cannot deadlock.
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let error = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output, error)
    }
}

@Suite("DeliveryMetrics Prometheus text")
struct DeliveryMetricsPrometheusTests {
    func sample(_ samples: [PrometheusParser.Sample], _ name: String, _ labels: [String: String]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    @Test("the reference parser reads every family with the expected types and values")
    func parsesWithPrometheusClient() throws {
        let metrics = DeliveryMetrics()
        let id: WebhookID = "3f0c8a9e-webhook"
        metrics.recordPublished(webhook: id, count: 3)
        metrics.recordRouted(webhook: id, count: 4)
        for _ in 0..<5 { metrics.recordSent(webhook: id) }
        metrics.recordDelivered(webhook: id, latency: .milliseconds(4))
        metrics.recordDelivered(webhook: id, latency: .seconds(2))
        metrics.recordFailure(webhook: id, class: .status(503))
        metrics.recordFailure(webhook: id, class: .status(503))
        metrics.recordFailure(webhook: id, class: .transport(.tlsExpired))
        metrics.recordRetried(webhook: id)
        metrics.recordCoalesced(webhook: id)
        metrics.recordDeadLettered(webhook: id)
        metrics.recordDiscarded(webhook: id)
        metrics.setQueueDepth(webhook: id, 9)
        metrics.setInFlight(webhook: id, 1)
        metrics.setBreakerState(webhook: id, .halfOpen(probeInFlight: true))

        let text = metrics.prometheusText()
        let samples = try PrometheusParser.parse(text)
        let webhook = ["webhook": id.rawValue]
        let counters: [(String, Double)] = [
            ("webhookkit_messages_published_total", 3), ("webhookkit_messages_routed_total", 4),
            ("webhookkit_requests_sent_total", 5), ("webhookkit_messages_delivered_total", 2),
            ("webhookkit_delivery_retries_total", 1), ("webhookkit_messages_coalesced_total", 1),
            ("webhookkit_messages_dead_lettered_total", 1), ("webhookkit_messages_discarded_total", 1),
        ]
        for (name, value) in counters {
            #expect(sample(samples, name, webhook) == value, "\(name)")
            #expect(samples.first { $0.name == name }?.type == "counter", "\(name)")
        }
        #expect(sample(samples, "webhookkit_queue_depth", webhook) == 9)
        #expect(sample(samples, "webhookkit_requests_in_flight", webhook) == 1)
        #expect(samples.first { $0.name == "webhookkit_queue_depth" }?.type == "gauge")

        let failures = samples.filter { $0.name == "webhookkit_delivery_failures_total" }
        #expect(failures.count == FailureClass.allMetricClasses.count)
        #expect(sample(samples, "webhookkit_delivery_failures_total", ["webhook": id.rawValue, "class": "http_5xx"]) == 2)
        #expect(sample(samples, "webhookkit_delivery_failures_total", ["webhook": id.rawValue, "class": "tlsExpired"]) == 1)
        #expect(sample(samples, "webhookkit_delivery_failures_total", ["webhook": id.rawValue, "class": "http_4xx"]) == 0)
        #expect(sample(samples, "webhookkit_delivery_failed_responses_total", ["webhook": id.rawValue, "code": "503"]) == 2)

        for (state, value) in [("closed", 0.0), ("open", 0), ("half_open", 1)] {
            #expect(sample(samples, "webhookkit_circuit_breaker_state", ["webhook": id.rawValue, "state": state]) == value)
        }

        let latency = samples.filter { $0.family == "webhookkit_delivery_latency_seconds" }
        #expect(latency.first?.type == "histogram")
        func bucket(_ le: String) -> Double? {
            sample(samples, "webhookkit_delivery_latency_seconds_bucket", ["webhook": id.rawValue, "le": le])
        }
        #expect(bucket("0.0025") == 0)
        #expect(bucket("0.005") == 1)
        #expect(bucket("1") == 1)
        #expect(bucket("2.5") == 2)
        #expect(bucket("+Inf") == 2)
        #expect(sample(samples, "webhookkit_delivery_latency_seconds_count", webhook) == 2)
        #expect(sample(samples, "webhookkit_delivery_latency_seconds_sum", webhook) == 2.004)

        #expect(text.contains("# TYPE webhookkit_delivery_latency_seconds histogram\n"))
        #expect(text.contains("# HELP webhookkit_messages_published_total "))
        #expect(text.contains("webhookkit_messages_published_total{webhook=\"3f0c8a9e-webhook\"} 3\n"))
        #expect(text.hasSuffix("\n"))
    }

    @Test("label values with quotes, backslashes and newlines are escaped and parse back")
    func escapesLabels() throws {
        let metrics = DeliveryMetrics()
        let awkward = WebhookID("a\"b\\c\nd} x=\"1\"")
        metrics.recordSent(webhook: awkward)
        metrics.recordSent(webhook: "plain")
        let text = metrics.prometheusText()
        #expect(text.contains(#"webhookkit_requests_sent_total{webhook="a\"b\\c\nd} x=\"1\""} 1"#))
        let samples = try PrometheusParser.parse(text)
        #expect(sample(samples, "webhookkit_requests_sent_total", ["webhook": awkward.rawValue]) == 1)
        #expect(sample(samples, "webhookkit_requests_sent_total", ["webhook": "plain"]) == 1)
        #expect(Set(samples.map { $0.labels["webhook"] }) == [awkward.rawValue, "plain"])
    }

    @Test("an empty registry still renders valid text")
    func empty() throws {
        let text = DeliveryMetrics().prometheusText()
        #expect(text.contains("# TYPE webhookkit_requests_sent_total counter"))
        #expect(try PrometheusParser.parse(text).isEmpty)
    }
}
