/// Something a ``Dispatcher`` reports to its operator, e.g. to log.
///
/// Events never carry credentials or message bodies.
public enum DispatcherEvent: Sendable, Hashable, CustomStringConvertible {
    /// A webhook has failed continuously for half its auto-disable period.
    case failingWebhook(WebhookID, since: Timestamp)
    /// A webhook was disabled (410 Gone, or failing for the whole auto-disable period).
    case webhookDisabled(WebhookID, reason: String)
    /// Messages ran out of retries and were kept as dead letters.
    case deadLettered(WebhookID, count: Int, reason: String)
    /// A delivery attempt failed and will be retried.
    case retryScheduled(WebhookID, messageID: MessageID, failure: String, at: Timestamp)

    /// One line for a log.
    public var description: String {
        switch self {
        case .failingWebhook(let id, let since): "webhook \(id) has been failing since \(since)"
        case .webhookDisabled(let id, let reason): "webhook \(id) disabled: \(reason)"
        case .deadLettered(let id, let count, let reason): "webhook \(id): \(count) message(s) dead-lettered: \(reason)"
        case .retryScheduled(let id, let message, let failure, let at): "webhook \(id): message \(message) failed (\(failure)), retry at \(at)"
        }
    }
}
