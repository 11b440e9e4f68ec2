import WebhookKitCLI

// `webhook-receiver`: the reference HTTPS receiver. See `webhook-receiver --help`.
await CommandLineTool.main(ReceiverCommand.spec) { arguments in
    try await ReceiverCommand.run(ReceiverOptions(arguments))
}
