import WebhookKitCLI

// `webhook-demo`: both ends on this machine, no arguments. See `webhook-demo --help`.
await CommandLineTool.main(Demo.spec) { arguments in
    try await Demo.run(seconds: try arguments.integer("seconds", in: 1...600) ?? 10,
                       devices: try arguments.integer("devices", in: 1...10_000) ?? 20)
}
