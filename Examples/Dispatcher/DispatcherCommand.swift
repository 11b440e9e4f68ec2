import WebhookKitCLI

/// The `webhook-dispatcher` command tree and its entry point.
enum DispatcherCommand {
    static let trustCA = OptionSpec.value("trust-ca", "FILE", "Extra CA certificate (PEM) trusted besides the system store.")

    static let spec = CommandSpec(
        name: "webhook-dispatcher",
        summary: "Manages webhooks and delivers device notifications to them, durably, with retries.",
        options: [.value("store", "PATH", "SQLite file with the outbox, registry and delivery log (default ./webhooks.sqlite).")],
        subcommands: [
            WebhooksCommand.spec,
            CommandSpec(
                name: "publish", summary: "Publishes JSON-lines notifications from standard input and delivers them.",
                options: [trustCA, .value("duration", "DURATION", "Stop delivering after this long, leaving the rest stored (default 30s).")],
                discussion: "Each line is one device notification in the wire format. A bad line is reported with its\nline number and skipped. Exits when the queue is drained or the duration has passed."
            ),
            CommandSpec(
                name: "run", summary: "Delivers continuously, optionally driving simulated devices.",
                options: [
                    trustCA,
                    .value("simulate", "DEVICES", "Simulate this many devices in DEVICES/4 workspaces."),
                    .value("seed", "N", "Seed of the simulation (same seed, same notifications)."),
                    .value("duration", "DURATION", "Stop after this long (default: until SIGTERM or SIGINT)."),
                ]
            ),
            CommandSpec(
                name: "deliveries", summary: "Shows the recent delivery attempts of a webhook.",
                options: [.value("limit", "N", "How many attempts (default 20).")],
                positionals: [PositionalSpec("ID", "The webhook id.")]
            ),
            CommandSpec(
                name: "replay", summary: "Re-queues a message or every dead letter of a webhook.",
                options: [
                    .value("message", "MSGID", "The dead-lettered message to re-queue."),
                    .flag("dead-letters", "Re-queue every dead letter of the webhook."),
                ],
                positionals: [PositionalSpec("ID", "The webhook id.")]
            ),
            CommandSpec(
                name: "metrics", summary: "Prints delivery metrics from the delivery log and the outbox.",
                options: [.value("format", "prometheus|json", "Output format (default prometheus).")]
            ),
        ]
    )

    static func run(_ arguments: ParsedArguments) async throws {
        let names = arguments.path.subcommandNames
        switch names.first {
        case "webhooks": try await WebhooksCommand.run(arguments)
        case "publish": try await PublishCommand.run(arguments)
        case "run": try await RunCommand.run(arguments)
        case "deliveries": try await DeliveriesCommand.run(arguments)
        case "replay": try await ReplayCommand.run(arguments)
        case "metrics": try await MetricsCommand.run(arguments)
        default: throw UsageError("unknown command \(names.joined(separator: " "))")
        }
    }
}
