import WebhookKit
import WebhookKitCLI

/// `webhook-dispatcher webhooks …`: the registry.
enum WebhooksCommand {
    private static let id = PositionalSpec("ID", "The webhook id.")

    static let spec = CommandSpec(
        name: "webhooks", summary: "Adds, lists, shows, changes, removes, pauses, resumes and tests webhooks.",
        subcommands: [
            CommandSpec(
                name: "add", summary: "Registers a webhook.",
                usage: ["--name NAME --url URL (--basic USER:PASSWORD | --token TOKEN) --topics PATTERN,… [options]"],
                options: WebhookFlags.options,
                discussion: "Every problem with the flags is listed at once; the exit status is then 2."
            ),
            CommandSpec(name: "list", summary: "Lists the webhooks with their traffic."),
            CommandSpec(name: "show", summary: "Shows one webhook (never its credentials).", positionals: [id]),
            CommandSpec(name: "update", summary: "Changes the given fields of a webhook.", options: WebhookFlags.options, positionals: [id]),
            CommandSpec(name: "remove", summary: "Deletes a webhook and discards what is queued for it.", positionals: [id]),
            CommandSpec(name: "pause", summary: "Stops deliveries to a webhook; its messages wait.", positionals: [id]),
            CommandSpec(name: "resume", summary: "Resumes a paused or disabled webhook.", positionals: [id]),
            CommandSpec(
                name: "test", summary: "Sends one test message now and shows what happened.",
                options: [DispatcherCommand.trustCA], positionals: [id]
            ),
        ]
    )

    static func run(_ arguments: ParsedArguments) async throws {
        let command = arguments.path.command.name
        let id = arguments.positional(0) ?? ""
        try await DispatcherSession.with(arguments, mode: .manage) { session in
            let dispatcher = session.dispatcher
            switch command {
            case "add":
                let (draft, problems) = WebhookFlags.draft(arguments)
                let created = try await create(draft, problems: problems, dispatcher: dispatcher)
                StandardStreams.writeOutput("added webhook \(created.id)\n")
                StandardStreams.writeOutput(WebhookPresenter.details(created))
            case "list":
                try await StandardStreams.writeOutput(WebhookPresenter.table(dispatcher.webhooks(), stores: session.stores))
            case "show":
                try await StandardStreams.writeOutput(WebhookPresenter.details(session.webhook(id)))
            case "update":
                var problems: [ValidationError.Problem] = []
                var changed = try await session.webhook(id)
                WebhookFlags.apply(arguments, to: &changed, problems: &problems)
                if !problems.isEmpty { throw WebhookFlags.fail(problems + validationProblems(changed)) }
                let updated = try await mapValidation { try await dispatcher.updateWebhook(WebhookID(id)) { $0 = changed } }
                StandardStreams.writeOutput("updated webhook \(updated.id)\n")
                StandardStreams.writeOutput(WebhookPresenter.details(updated))
            case "remove":
                let discarded = try await dispatcher.deleteWebhook(WebhookID(id))
                StandardStreams.writeOutput("removed webhook \(id) (\(discarded) queued message(s) discarded)\n")
            case "pause":
                try await dispatcher.pause(WebhookID(id))
                StandardStreams.writeOutput("paused webhook \(id)\n")
            case "resume":
                try await dispatcher.enable(WebhookID(id))
                StandardStreams.writeOutput("resumed webhook \(id)\n")
            case "test":
                let result = try await dispatcher.test(WebhookID(id))
                StandardStreams.writeOutput(WebhookPresenter.testResult(result))
                if !result.succeeded { throw ExitStatus.failure }
            default:
                throw UsageError("unknown command webhooks \(command)")
            }
        }
    }

    /// Creates the webhook through the dispatcher, so validation is the dispatcher's own;
    /// flag problems and validation problems are printed together.
    private static func create(
        _ draft: WebhookConfiguration, problems: [ValidationError.Problem], dispatcher: Dispatcher
    ) async throws -> WebhookConfiguration {
        if !problems.isEmpty {
            // A missing credential is already reported; the placeholder's emptiness is not news.
            let missingCredential = problems.contains { $0.field == "authorization" }
            let rest = validationProblems(draft).filter { !(missingCredential && $0.field.hasPrefix("authorization")) }
            throw WebhookFlags.fail(problems + rest)
        }
        return try await mapValidation { try await dispatcher.createWebhook(draft) }
    }

    private static func validationProblems(_ configuration: WebhookConfiguration) -> [ValidationError.Problem] {
        do {
            try configuration.validate()
            return []
        } catch {
            return error.problems
        }
    }

    /// Runs a registry call, turning a validation failure into the listed problems and exit 2.
    private static func mapValidation(
        _ call: () async throws -> WebhookConfiguration
    ) async throws -> WebhookConfiguration {
        do {
            return try await call()
        } catch DispatcherError.invalidConfiguration(let error) {
            throw WebhookFlags.fail(error.problems)
        }
    }
}
