import WebhookKit
import WebhookKitCLI

/// How webhooks look on the terminal. Credentials and signing secrets never appear: only
/// the scheme, the Basic user name, and whether a secret is set.
enum WebhookPresenter {
    /// `key: value` lines describing one webhook.
    static func details(_ webhook: WebhookConfiguration) -> String {
        let authorization = switch webhook.authorization {
        case .basic(let username, _): "basic (user \(username), password hidden)"
        case .token: "token (hidden)"
        }
        let source = switch webhook.dataSource {
        case .allDevices: "all devices"
        case .devices(let ids): "devices " + ids.map(\.rawValue).sorted().joined(separator: ",")
        case .workspaces(let ids): "workspaces " + ids.map(\.rawValue).sorted().joined(separator: ",")
        }
        let lines = [
            ("id", webhook.id.rawValue),
            ("name", webhook.name),
            ("url", webhook.redactedURLText),
            ("authorization", authorization),
            ("data source", source),
            ("topics", webhook.topics.joined(separator: ",")),
            ("state", webhook.state.description),
            ("activation delay", DurationText.format(webhook.activationDelay)),
            ("signing", webhook.signingSecret == nil ? "off" : "on (secret hidden)"),
            ("success", webhook.successPolicy == .any2xx ? "any 2xx" : "200 only"),
            ("private networks", webhook.allowPrivateNetworks ? "allowed" : "refused"),
            ("created", webhook.createdAt.description),
            ("updated", webhook.updatedAt.description),
        ]
        return lines.map { "  \($0.0): \($0.1)" }.joined(separator: "\n") + "\n"
    }

    /// The `webhooks list` table: id, name, URL host, state, topics, delivered, errors.
    static func table(_ webhooks: [WebhookConfiguration], stores: DispatcherStoreFile) async throws -> String {
        guard !webhooks.isEmpty else { return "no webhooks\n" }
        let metrics = try await StoredMetrics.snapshot(webhooks, stores: stores)
        var table = TextTable(["ID", "NAME", "HOST", "STATE", "TOPICS", "DELIVERED", "ERRORS"])
        for webhook in webhooks {
            let figures = metrics[webhook.id]?.figures ?? .init()
            let host = (try? webhook.endpoint).map { $0.hostHeader } ?? "<invalid url>"
            table.append([
                webhook.id.rawValue, webhook.name, host, stateLabel(webhook.state),
                webhook.topics.joined(separator: ","), String(figures.delivered), String(figures.failed),
            ])
        }
        return table.render()
    }

    /// The outcome of `webhooks test`.
    static func testResult(_ result: WebhookTestResult) -> String {
        var text = "test message \(result.messageID): "
        if result.succeeded {
            text += "delivered (\(result.statusCode.map(String.init) ?? "-")) in \(result.latencyMilliseconds) ms\n"
        } else {
            text += "failed: \(result.failure ?? "unknown")"
            if let detail = result.detail { text += " (\(detail))" }
            text += " in \(result.latencyMilliseconds) ms\n"
        }
        return text
    }

    private static func stateLabel(_ state: WebhookState) -> String {
        if case .disabled = state { return "disabled" }
        return state.description
    }
}

extension WebhookConfiguration {
    /// The URL without credentials or query (which often carries a key).
    var redactedURLText: String {
        guard let endpoint = try? endpoint else { return "<invalid url>" }
        let path = endpoint.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? "/"
        return "\(endpoint.scheme)://\(endpoint.hostHeader)\(path)\(endpoint.target.contains("?") ? "?<redacted>" : "")"
    }
}
