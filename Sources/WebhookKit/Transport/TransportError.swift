/// A classified failure to get an HTTP response from a webhook endpoint.
///
/// The ``kind`` is stable and short, fit for a metric label; ``detail`` explains the
/// case for logs and never contains credentials.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of a transport failure.
    public struct Kind: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// The label used in metrics and logs, e.g. `tlsUntrusted`.
        public let rawValue: String

        private init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        /// The host name did not resolve.
        public static let dns = Kind("dns")
        /// The TCP connection was refused or could not be made.
        public static let connect = Kind("connect")
        /// The certificate chain does not lead to a trusted anchor (self-signed included).
        public static let tlsUntrusted = Kind("tlsUntrusted")
        /// A certificate in the chain has expired or is not yet valid.
        public static let tlsExpired = Kind("tlsExpired")
        /// The certificate does not name the host that was asked for.
        public static let tlsHostMismatch = Kind("tlsHostMismatch")
        /// The TLS handshake failed for another reason.
        public static let tlsHandshake = Kind("tlsHandshake")
        /// A connect, handshake or response deadline passed.
        public static let timeout = Kind("timeout")
        /// The peer closed or reset the connection before a full response.
        public static let reset = Kind("reset")
        /// The peer's bytes are not valid HTTP/1.1.
        public static let protocolViolation = Kind("protocolViolation")
        /// The host resolved to an address the request may not reach (SSRF guard).
        public static let forbiddenAddress = Kind("forbiddenAddress")

        /// Every kind, in a stable order.
        public static let allCases: [Kind] = [
            .dns, .connect, .tlsUntrusted, .tlsExpired, .tlsHostMismatch, .tlsHandshake,
            .timeout, .reset, .protocolViolation, .forbiddenAddress,
        ]

        /// The kind with this label, if there is one.
        public init?(label: String) {
            guard let match = Self.allCases.first(where: { $0.rawValue == label }) else { return nil }
            self = match
        }

        /// The label.
        public var description: String { rawValue }

        /// Orders kinds by label, for stable output.
        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The class of the failure.
    public let kind: Kind
    /// A human-readable explanation, free of secrets.
    public let detail: String

    /// Creates an error.
    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// `kind: detail`.
    public var description: String { "\(kind.rawValue): \(detail)" }
}
