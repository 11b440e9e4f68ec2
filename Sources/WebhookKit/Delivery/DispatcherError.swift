/// Why a ``Dispatcher`` call failed.
public enum DispatcherError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No webhook has this id.
    case unknownWebhook(WebhookID)
    /// The configuration broke one or more rules.
    case invalidConfiguration(ValidationError)
    /// The dispatcher is shutting down and takes no new work.
    case shuttingDown
    /// The dispatcher has not been started.
    case notStarted
    /// The outbox or registry store failed; nothing was accepted.
    case storeFailure(String)

    /// A sentence naming the problem (never a secret).
    public var description: String {
        switch self {
        case .unknownWebhook(let id): "no webhook has the id \(id)"
        case .invalidConfiguration(let error): "invalid webhook configuration:\n\(error)"
        case .shuttingDown: "the dispatcher is shutting down"
        case .notStarted: "the dispatcher has not been started"
        case .storeFailure(let detail): "the store failed: \(detail)"
        }
    }
}
