import WebhookKitCLI

// `webhook-dispatcher`: webhook registry admin, device simulator and delivery.
// See `webhook-dispatcher --help`.
await CommandLineTool.main(DispatcherCommand.spec) { arguments in
    try await DispatcherCommand.run(arguments)
}
