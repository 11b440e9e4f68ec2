import WebhookKit
import WebhookKitCLI

/// `webhook-dispatcher replay ID`: dead letters back into their lanes.
enum ReplayCommand {
    static func run(_ arguments: ParsedArguments) async throws {
        let message = arguments.string("message")
        let all = arguments.has("dead-letters")
        guard (message != nil) != all else { throw UsageError("give either --message MSGID or --dead-letters") }
        let id = arguments.positional(0) ?? ""
        try await DispatcherSession.with(arguments, mode: .manage) { session in
            let webhook = try await session.webhook(id)
            let replayed = try await session.dispatcher.replay(webhook.id, messageID: message.map { MessageID($0) })
            if let message, replayed == 0 {
                StandardStreams.writeError("error: \(message) is not a dead letter of \(webhook.id)\n")
                throw ExitStatus.failure
            }
            StandardStreams.writeOutput("re-queued \(replayed) message(s) for \(webhook.id); `run` or `publish` delivers them\n")
        }
    }
}
