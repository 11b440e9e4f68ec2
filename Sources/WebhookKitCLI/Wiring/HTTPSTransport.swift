import WebhookKit
import WebhookKitHTTP

/// The HTTPS client the examples deliver and forward with: `HTTPClientTransport`
/// trusting the system store plus, when given, the operator's own CA file.
public enum HTTPSTransport {
    /// A transport trusting the system store and `trustCA` (a PEM file), if given.
    public static func make(trustCA: String?) throws -> any WebhookTransport {
        #if WEBHOOKKIT_NO_HTTP_CLIENT
        throw TransportUnavailable()
        #else
        try HTTPClientTransport(configuration: .init(extraTrustAnchorsFile: trustCA))
        #endif
    }
}

/// This build has no HTTPS client (`HTTPClientTransport` in `WebhookKitHTTP`).
public struct TransportUnavailable: Error, CustomStringConvertible {
    /// A sentence naming what is missing.
    public var description: String {
        "this build has no HTTPS client (HTTPClientTransport in WebhookKitHTTP)"
    }
}
