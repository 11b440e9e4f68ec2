/// A webhook configuration with everything delivery needs parsed once: the endpoint,
/// the signing secrets, the `Authorization` value and the breaker key.
///
/// A class, because lanes pass it around on every delivery: a copy is one reference
/// instead of a whole configuration.
final class DeliveryTarget: Sendable {
    let configuration: WebhookConfiguration
    let endpoint: WebhookEndpoint
    let signingSecrets: [SigningSecret]
    let authorizationValue: String
    /// The circuit-breaker key: one breaker per origin.
    let breakerKey: String

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
        self.breakerKey = "\(endpoint.host):\(endpoint.port)"
    }
}
