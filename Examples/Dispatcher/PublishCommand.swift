import Foundation
import WebhookKit
import WebhookKitCLI

/// `webhook-dispatcher publish`: JSON lines from standard input into the outbox, then
/// delivery until the queue is drained or the duration has passed.
enum PublishCommand {
    /// Notifications per outbox write.
    static let batchSize = 256

    static func run(_ arguments: ParsedArguments) async throws {
        let duration = try arguments.duration("duration") ?? .seconds(30)
        let input = await Self.readStandardInput()
        try await DispatcherSession.with(arguments, mode: .deliver) { session in
            let dispatcher = session.dispatcher
            let end = ContinuousClock.now + duration
            var batch: [DeviceNotification] = []
            var published = 0
            var bad = 0
            let decoder = WireDecoder()
            for (index, line) in input.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.last == 0x0D ? line.dropLast() : line
                if trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                do {
                    batch.append(try decoder.decode(trimmed))
                } catch {
                    bad += 1
                    StandardStreams.writeError("line \(index + 1): \(error) (skipped)\n")
                    continue
                }
                if batch.count >= batchSize {
                    try await dispatcher.publish(batch)
                    published += batch.count
                    batch = []
                }
            }
            if !batch.isEmpty {
                try await dispatcher.publish(batch)
                published += batch.count
            }
            var progress = ProgressPrinter()
            while ContinuousClock.now < end {
                let snapshot = dispatcher.metrics.snapshot()
                if snapshot.totals.queueDepth == 0, await dispatcher.requestsInFlight == 0 { break }
                progress.update(DeliveryReport.progressLine(snapshot))
                try? await Task.sleep(for: .milliseconds(100))
            }
            progress.finish()
            let snapshot = dispatcher.metrics.snapshot()
            let webhooks = await dispatcher.webhooks()
            let names = Dictionary(webhooks.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            StandardStreams.writeOutput("published \(published) notification(s), \(bad) bad line(s) skipped\n")
            StandardStreams.writeOutput(DeliveryReport.table(snapshot, names: names, order: webhooks.map(\.id).filter { snapshot[$0] != nil }))
            if snapshot.totals.queueDepth > 0 {
                StandardStreams.writeOutput("\(snapshot.totals.queueDepth) message(s) still queued in the store; `run` delivers them\n")
            }
        }
    }

    /// All of standard input, read off the cooperative thread pool.
    static func readStandardInput() async -> Data {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: FileHandle.standardInput.readDataToEndOfFile())
            }
        }
    }
}
