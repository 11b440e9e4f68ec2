import WebhookKit
import WebhookKitHTTP

/// The HTTPS client the examples deliver and forward with: `HTTPClientTransport`
/// trusting the system store plus, when given, the operator's own CA file.
public enum HTTPSTransport {
    /// A transport trusting the system store and `trustCA` (a PEM file), if given.
    public static func make(trustCA: String?) throws -> any WebhookTransport {
        try HTTPClientTransport(configuration: .init(extraTrustAnchorsFile: trustCA))
    }
}
