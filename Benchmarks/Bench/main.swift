import Foundation

// `webhookkit-bench NAME [options]`: runs one benchmark and prints a table.
// Each benchmark measures WebhookKit against a peer in the same run and prints the ratio.

let arguments = Array(CommandLine.arguments.dropFirst())
let benchmarks: [String: ([String]) async throws -> Void] = [
    // "name": runFunction,
    "client": ClientBenchmark.run,
    "dispatcher": DispatcherBenchmark.run,
    "receiver": ReceiverBenchmark.run,
    "routing": runRoutingBenchmark,
    "sqlite-publish": SQLiteBenchmark.run,
    "wire": runWireBenchmark,
]

guard let name = arguments.first, let run = benchmarks[name] else {
    print("usage: webhookkit-bench NAME [options]")
    print("benchmarks: \(benchmarks.keys.sorted().joined(separator: ", "))")
    exit(2)
}
try await run(Array(arguments.dropFirst()))
