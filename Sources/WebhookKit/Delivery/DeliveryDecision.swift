/// What the dispatcher does with a message after one attempt.
public enum DeliveryDecision: Sendable, Hashable {
    /// The endpoint accepted the message; it is done.
    case delivered
    /// Try again at the given time (the failure is counted under `reason`).
    case retry(at: Timestamp, reason: FailureClass)
    /// The retry budget is spent: keep the message as a dead letter, listable and
    /// replayable, never dropped.
    case deadLetter(reason: FailureClass)
    /// The endpoint answered `410 Gone`: disable the webhook at once with this reason.
    /// The message is not delivered; keeping it as a dead letter (replayable once the
    /// webhook is enabled again) keeps the rule that nothing is dropped silently.
    case disableWebhook(reason: String)

    /// The failure behind the decision, `nil` for ``delivered``; `http_410` for
    /// ``disableWebhook(reason:)``.
    public var failureClass: FailureClass? {
        switch self {
        case .delivered: nil
        case .retry(_, let reason), .deadLetter(let reason): reason
        case .disableWebhook: .status(410)
        }
    }
}
