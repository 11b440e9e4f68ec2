/// Why an ``HTTPServer`` could not start.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// The kind of problem.
    public enum Kind: Sendable, Hashable {
        /// `host` is not an IPv4 or IPv6 literal, or `port` is out of range.
        case invalidAddress
        /// A system call failed while setting up the listening socket or a loop.
        case system
        /// The TLS files or settings were refused (see ``HTTPServerError/tls``).
        case tls
        /// `start()` was called on a server that already started.
        case alreadyStarted
        /// The configuration is inconsistent (e.g. zero event loops).
        case invalidConfiguration
    }

    /// The kind of problem.
    public let kind: Kind
    /// What failed, with the errno text or the TLS reason.
    public let detail: String
    /// The TLS problem, for ``Kind/tls``.
    public let tls: TLSConfigurationError?

    /// Creates an error.
    public init(kind: Kind, detail: String, tls: TLSConfigurationError? = nil) {
        self.kind = kind
        self.detail = detail
        self.tls = tls
    }

    /// `"HTTP server: <detail>"`.
    public var description: String {
        "HTTP server: \(detail)"
    }
}
