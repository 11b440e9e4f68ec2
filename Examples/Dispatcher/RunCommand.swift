import WebhookKit
import WebhookKitCLI

/// `webhook-dispatcher run`: delivers continuously, optionally publishing what simulated
/// devices report, with a live progress line, until a signal or the duration.
enum RunCommand {
    /// How often the simulation advances.
    static let tick: Duration = .milliseconds(250)

    static func run(_ arguments: ParsedArguments) async throws {
        let deviceCount = try arguments.integer("simulate", in: 1...100_000)
        let seed = try arguments.integer("seed", in: 0...Int.max).map(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)
        let duration = try arguments.duration("duration")
        let stop = TerminationFlag()
        try await DispatcherSession.with(arguments, mode: .deliver) { session in
            let dispatcher = session.dispatcher
            var simulator = deviceCount.map { DeviceSimulator(configuration: .init(deviceCount: $0, seed: seed)) }
            if let simulator {
                StandardStreams.writeOutput("simulating \(simulator.devices.count) devices in \(simulator.workspaceIDs.count) workspaces (seed \(seed))\n")
            }
            let started = ContinuousClock.now
            var last = started
            var progress = ProgressPrinter()
            while !stop.isSet {
                let now = ContinuousClock.now
                if let duration, now - started >= duration { break }
                if simulator != nil {
                    let notifications = simulator?.advance(by: now - last, at: .now) ?? []
                    if !notifications.isEmpty { try await dispatcher.publish(notifications) }
                }
                last = now
                progress.update(DeliveryReport.progressLine(dispatcher.metrics.snapshot()))
                try? await Task.sleep(for: tick)
            }
            progress.finish()
            if let signal = stop.received { StandardStreams.writeOutput("received \(TerminationSignals.name(signal)), stopping\n") }
            let webhooks = await dispatcher.webhooks()
            let names = Dictionary(webhooks.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            StandardStreams.writeOutput(DeliveryReport.table(dispatcher.metrics.snapshot(), names: names, order: webhooks.map(\.id)))
        }
    }
}
