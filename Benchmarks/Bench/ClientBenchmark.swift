import Foundation
import WebhookKit
import WebhookKitHTTP

/// `webhookkit-bench client --url URL --ca PEM [--messages N] [--connections C]`:
/// POSTs N copies of one ~400-byte notification with Basic auth through
/// `HTTPClientTransport`, C requests in flight, and prints
/// `RESULT webhookkit <messages/s> <p50 ms> <p99 ms> <failures>` for `Benchmarks/client.sh`.
enum ClientBenchmark {
    static func run(_ arguments: [String]) async throws {
        var options: [String: String] = [:]
        var index = 0
        while index + 1 < arguments.count {
            options[arguments[index]] = arguments[index + 1]
            index += 2
        }
        guard let url = options["--url"], let ca = options["--ca"] else {
            print("usage: webhookkit-bench client --url https://localhost:PORT/path --ca ca.pem [--messages 100000] [--connections 32]")
            exit(2)
        }
        let messages = Int(options["--messages"] ?? "") ?? 100_000
        let connections = Int(options["--connections"] ?? "") ?? 32
        let request = WebhookRequest(
            endpoint: try WebhookEndpoint(url: url),
            headers: [
                "Content-Type": "application/json", "User-Agent": "WebhookKit/bench",
                "Authorization": "Basic " + Data("bench:bench-password".utf8).base64EncodedString(),
            ],
            body: Array(sampleBody.utf8), allowPrivateNetworks: true
        )
        let configuration = HTTPClientTransport.Configuration(extraTrustAnchorsFile: ca, maxConnectionsPerOrigin: connections)
        try await withHTTPClientTransport(configuration) { transport in
            // Warm up: open the connections.
            _ = try await sendAll(transport, request, count: connections * 10, concurrency: connections)
            let clock = ContinuousClock()
            let start = clock.now
            let (latencies, failures) = try await sendAll(transport, request, count: messages, concurrency: connections)
            let elapsed = start.duration(to: clock.now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let sorted = latencies.sorted()
            let p50 = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
            let p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
            print(String(format: "RESULT webhookkit %.0f %.3f %.3f %d", Double(messages) / seconds, p50, p99, failures))
        }
    }

    /// Sends `count` requests with `concurrency` tasks; returns latencies in ms and failures.
    static func sendAll(_ transport: HTTPClientTransport, _ request: WebhookRequest, count: Int, concurrency: Int) async throws -> ([Double], Int) {
        try await withThrowingTaskGroup(of: ([Double], Int).self) { group in
            for worker in 0..<concurrency {
                let share = count / concurrency + (worker < count % concurrency ? 1 : 0)
                group.addTask {
                    var latencies: [Double] = []
                    latencies.reserveCapacity(share)
                    var failures = 0
                    let clock = ContinuousClock()
                    for _ in 0..<share {
                        let start = clock.now
                        do {
                            let response = try await transport.send(request)
                            if response.statusCode != 200 { failures += 1 }
                        } catch {
                            failures += 1
                        }
                        let took = start.duration(to: clock.now)
                        latencies.append(Double(took.components.seconds) * 1000 + Double(took.components.attoseconds) * 1e-15)
                    }
                    return (latencies, failures)
                }
            }
            var all: [Double] = []
            var failures = 0
            for try await (latencies, failed) in group {
                all += latencies
                failures += failed
            }
            return (all, failures)
        }
    }

    /// A status notification of about 400 bytes, as the dispatcher sends.
    static let sampleBody = #"{"id":"0193a7c2-5b1e-7c3d-9a4f-2e8b6d1c0a97","type":"status","webhookId":"wh_01HQ3Z8K4M2N6P8R0T2V4X6Z8B","orgId":"org_7f3e9c1a5b","workspaceId":"ws_4d2b8f6e0c","deviceId":"dev_9a7c5e3b1d","timestamp":"2026-12-04T19:35:34.123Z","changes":{"updated":{"RoomAnalytics.PeopleCount.Current":3,"RoomAnalytics.AmbientTemperature":21.5,"RoomAnalytics.RelativeHumidity":41,"RoomAnalytics.AmbientNoise.Level.A":32},"removed":[]}}"#
}
