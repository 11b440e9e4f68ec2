import WebhookKit
import WebhookKitCLI

/// What to do when a stored notification carries a matching status or event.
struct Trigger: Sendable, CustomStringConvertible {
    enum Action: Sendable {
        /// Run a shell command per matching status update or event.
        case exec(String)
        /// Re-post the notification once to an https URL.
        case forward(WebhookEndpoint)
    }

    let pattern: PathPattern
    let action: Action
    /// `trigger 1` …, the prefix of its log lines.
    let label: String

    var description: String { label }

    /// Pairs every `--exec` and `--forward` with the `--on` before it, in order.
    static func parse(_ occurrences: [ParsedArguments.Occurrence]) throws(UsageError) -> [Trigger] {
        var triggers: [Trigger] = []
        var pending: PathPattern?
        for occurrence in occurrences {
            guard let value = occurrence.value else { continue }
            switch occurrence.name {
            case "on":
                if pending != nil { throw UsageError("--on \(value): the --on before it has no --exec or --forward") }
                do {
                    pending = try PathPattern(value)
                } catch {
                    throw UsageError("--on \(value): \(error)")
                }
            case "exec", "forward":
                guard let pattern = pending else { throw UsageError("--\(occurrence.name) needs an --on PATTERN before it") }
                pending = nil
                let action: Action
                if occurrence.name == "exec" {
                    guard !value.isEmpty else { throw UsageError("--exec must not be empty") }
                    action = .exec(value)
                } else {
                    let endpoint: WebhookEndpoint
                    do {
                        endpoint = try WebhookEndpoint(url: value)
                    } catch {
                        throw UsageError("--forward: \(error)")
                    }
                    guard endpoint.scheme == "https" else { throw UsageError("--forward: only https URLs are allowed") }
                    action = .forward(endpoint)
                }
                triggers.append(Trigger(pattern: pattern, action: action, label: "trigger \(triggers.count + 1)"))
            default:
                continue
            }
        }
        if pending != nil { throw UsageError("the last --on has no --exec or --forward") }
        return triggers
    }

    /// The status updates and events of `notification` this trigger matches, as
    /// (path, value) pairs.
    func matches(in notification: DeviceNotification) -> [(path: String, value: JSONValue)] {
        switch notification.body {
        case .status(let change):
            change.updated.filter { pattern.matches($0.path) }.map { ($0.path.rawValue, $0.value) }
        case .events(let events):
            events.filter { pattern.matches($0.key) }.map { ($0.key.rawValue, $0.value) }
        case .healthCheck, .test:
            []
        }
    }
}
