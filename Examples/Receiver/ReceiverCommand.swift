import Foundation
import WebhookKit
import WebhookKitCLI
import WebhookKitHTTP

/// `webhook-receiver`: serves the receive pipeline over HTTPS until SIGTERM or SIGINT.
enum ReceiverCommand {
    static let spec = CommandSpec(
        name: "webhook-receiver",
        summary: "Receives device notifications over HTTPS: authenticates, verifies, stores each once, runs triggers.",
        usage: [
            "--listen HOST:PORT --cert FILE --key FILE (--basic USER:PASSWORD | --token TOKEN)",
            "[--signing-secret whsec_…] [--store FILE] [--max-body BYTES] [--threads N]",
            "[--on PATTERN --exec COMMAND]… [--on PATTERN --forward URL]…",
        ],
        options: [
            .value("listen", "HOST:PORT", "Address to serve on, e.g. 127.0.0.1:8443 (port 0 picks a free one)."),
            .value("cert", "FILE", "PEM certificate chain of the server."),
            .value("key", "FILE", "PEM private key of the server."),
            .value("basic", "USER:PASSWORD", "Accept callers sending these Basic credentials."),
            .value("token", "TOKEN", "Accept callers sending exactly this Authorization value."),
            .value("signing-secret", "whsec_…", "Also require a valid webhook-signature (timestamp within 5 minutes)."),
            .value("store", "FILE", "SQLite file storing each notification once (default: in memory)."),
            .value("max-body", "BYTES", "Largest request body accepted; larger ones get 413 (default 1048576)."),
            .value("threads", "N", "Event-loop threads (default: one per core)."),
            .value("on", "PATTERN", "Status or event pattern (e.g. RoomAnalytics.PeopleCount.*) for the next --exec or --forward.", repeatable: true),
            .value("exec", "COMMAND", "Run COMMAND with /bin/sh -c for each match of the preceding --on.", repeatable: true),
            .value("forward", "URL", "Re-post each notification matching the preceding --on to this https URL.", repeatable: true),
            .value("trigger-timeout", "DURATION", "Kill an --exec command after this long (default 30s)."),
            .value("trust-ca", "FILE", "Extra CA certificate (PEM) trusted for --forward targets."),
        ],
        discussion: """
        Routes: POST on any path receives a notification (401 bad credentials or signature, 400 malformed,
        413 too large, 200 stored or duplicate); GET /healthz answers 200; GET /metrics answers Prometheus text.

        An --exec command gets the notification JSON on standard input and, in its environment,
        DEVICE_ID, WORKSPACE_ID, MESSAGE_ID, NOTIFICATION_TYPE, XAPI_PATH (the matching status path or event key)
        and VALUE (its value as JSON). XAPI_PATH is used instead of PATH so that the shell still finds commands.
        Triggers run after the notification is stored, at most 4 at a time; a failing trigger never loses it.
        """
    )

    static func run(_ options: ReceiverOptions) async throws {
        let log = RequestLog()
        let store = try ReceiverStore.open(path: options.storePath)
        let metrics = ReceiverMetrics()
        var receiver = WebhookReceiver(
            configuration: .init(
                authorization: options.authorization,
                signingSecrets: options.signingSecret.map { [$0] } ?? [],
                hmac: OpenSSLHMAC(),
                decoder: .init(maximumInputSize: options.maximumBodyBytes),
                store: store.notifications
            ),
            metrics: metrics
        )
        let triggers = try TriggerRunner(triggers: options.triggers, timeout: options.triggerTimeout, trustCA: options.trustCA, log: log)
        if !options.triggers.isEmpty {
            receiver.onNotification { notification in triggers.submit(notification) }
        }
        let handler = ReceiverHTTPHandler(receiver: receiver, metrics: metrics, log: log)
        var configuration = HTTPServer.Configuration(
            host: options.host, port: options.port,
            tls: TLSServerConfiguration(certificateChainPath: options.certificatePath, privateKeyPath: options.privateKeyPath)
        )
        configuration.limits.maximumBodyBytes = options.maximumBodyBytes
        if let threads = options.threads { configuration.eventLoopCount = threads }
        let server = try HTTPServer(configuration: configuration, handler: handler)
        let port = try server.start()
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        log.info("listening on https://\(host):\(port) (auth \(options.authorization.schemeName)\(options.signingSecret == nil ? "" : ", signatures required"), store \(store.description), \(options.triggers.count) trigger(s))")

        let signal = await TerminationSignals.wait()
        log.info("received \(TerminationSignals.name(signal)), shutting down")
        await server.shutdown(deadline: .seconds(10))
        await triggers.drain(deadline: .seconds(10))
        await store.close()
        log.info("stopped")
    }
}
