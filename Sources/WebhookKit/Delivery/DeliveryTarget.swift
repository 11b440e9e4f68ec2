/// A webhook configuration with everything delivery needs parsed once: the endpoint,
/// the signing secrets and the `Authorization` value.
struct DeliveryTarget: Sendable {
    let configuration: WebhookConfiguration
    let endpoint: WebhookEndpoint
    let signingSecrets: [SigningSecret]
    let authorizationValue: String

    /// `nil` when the URL or a secret does not parse (validation prevents that).
    init?(_ configuration: WebhookConfiguration) {
        guard let endpoint = try? WebhookEndpoint(url: configuration.url) else { return nil }
        var secrets: [SigningSecret] = []
        for text in configuration.signingSecret.map({ [$0] }) ?? [] {
            guard let secret = try? SigningSecret(text) else { return nil }
            secrets.append(secret)
        }
        self.configuration = configuration
        self.endpoint = endpoint
        self.signingSecrets = secrets
        self.authorizationValue = configuration.authorization.headerValue
    }

    /// The circuit-breaker key: one breaker per origin.
    var breakerKey: String { "\(endpoint.host):\(endpoint.port)" }
}
