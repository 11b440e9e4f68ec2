import Foundation
import WebhookKit
import WebhookKitCLI

/// `webhook-dispatcher metrics`: figures rebuilt from the store, as Prometheus text or JSON.
enum MetricsCommand {
    static func run(_ arguments: ParsedArguments) async throws {
        let format = arguments.string("format") ?? "prometheus"
        guard format == "prometheus" || format == "json" else {
            throw UsageError("--format must be prometheus or json, not \"\(format)\"")
        }
        try await DispatcherSession.with(arguments, mode: .manage) { session in
            let snapshot = try await StoredMetrics.snapshot(session.dispatcher.webhooks(), stores: session.stores)
            if format == "json" {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                StandardStreams.writeOutput(String(decoding: try encoder.encode(snapshot), as: UTF8.self) + "\n")
            } else {
                StandardStreams.writeOutput(snapshot.prometheusText())
            }
        }
    }
}
