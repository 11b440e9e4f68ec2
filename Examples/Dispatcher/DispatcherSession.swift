import WebhookKit
import WebhookKitCLI
import WebhookKitHTTP

/// One command's use of the dispatcher: the store file opened, a started `Dispatcher` on
/// it, and both closed at the end.
struct DispatcherSession {
    /// Whether the command delivers; a managing command starts no lane.
    enum Mode {
        case manage
        case deliver
    }

    let dispatcher: Dispatcher
    let stores: DispatcherStoreFile

    /// Opens `--store`, starts a dispatcher, runs `body`, then shuts both down.
    static func with<Result>(
        _ arguments: ParsedArguments, mode: Mode,
        configure: (inout Dispatcher.Configuration) -> Void = { _ in },
        _ body: (DispatcherSession) async throws -> Result
    ) async throws -> Result {
        let path = arguments.string("store") ?? "./webhooks.sqlite"
        let stores = try DispatcherStoreFile.open(path: path)
        var configuration = Dispatcher.Configuration()
        configuration.hmac = OpenSSLHMAC()
        configuration.deliveryLog = stores.deliveryLog
        configuration.eventHandler = { event in
            if case .retryScheduled = event { return }
            StandardStreams.writeError("\(Timestamp.now) \(event)\n")
        }
        configure(&configuration)
        let transport = try HTTPSTransport.make(trustCA: arguments.string("trust-ca"))
        let outbox: any OutboxStore = mode == .deliver ? stores.outbox : ManagementOutbox(stores.outbox)
        let dispatcher = Dispatcher(configuration: configuration, transport: transport, outbox: outbox, registry: stores.registry)
        do {
            try await dispatcher.start()
            let result = try await body(DispatcherSession(dispatcher: dispatcher, stores: stores))
            await dispatcher.shutdown(deadline: .seconds(5))
            await stores.close()
            return result
        } catch {
            await dispatcher.shutdown(deadline: .seconds(5))
            await stores.close()
            throw error
        }
    }

    /// The webhook with `id`, or a runtime error naming it.
    func webhook(_ id: String) async throws -> WebhookConfiguration {
        guard let configuration = await dispatcher.webhook(WebhookID(id)) else {
            throw DispatcherError.unknownWebhook(WebhookID(id))
        }
        return configuration
    }
}
