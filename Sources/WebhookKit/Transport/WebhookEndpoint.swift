import Foundation

/// A parsed `https` URL that a webhook delivers to: host, port and request target.
///
/// Parsing happens once, when a webhook is configured, so the delivery path never
/// re-parses URLs.
public struct WebhookEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The URL scheme, lowercased (`https`; `http` only parses so validation can name it).
    public let scheme: String
    /// The host name or IP literal, without brackets, lowercased.
    public let host: String
    /// The TCP port (443 unless the URL names one).
    public let port: Int
    /// The request target: path plus query, at least `/`.
    public let target: String
    /// Whether the URL carried `user:password@` (refused by validation).
    public let hasEmbeddedCredentials: Bool
    /// The host as it goes in a `Host` header: IPv6 literals in brackets, port when not
    /// 443. Made once here because every request sends it.
    public let hostHeader: String

    /// The reason a string is not a usable endpoint URL.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The string is not a URL.
        case unparseable
        /// The URL has no host.
        case missingHost
        /// The port is outside 1...65535.
        case invalidPort

        /// A sentence naming the problem.
        public var description: String {
            switch self {
            case .unparseable: "is not a valid absolute URL"
            case .missingHost: "has no host"
            case .invalidPort: "has a port outside 1...65535"
            }
        }
    }

    /// Parses an absolute URL string.
    public init(url: String) throws(ParseError) {
        guard !url.isEmpty, url.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }),
              let components = URLComponents(string: url),
              let scheme = components.scheme?.lowercased(), !scheme.isEmpty
        else { throw .unparseable }
        guard let rawHost = components.host, !rawHost.isEmpty else { throw .missingHost }
        var host = rawHost.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        let defaultPort = scheme == "http" ? 80 : 443
        let port = components.port ?? defaultPort
        guard (1...65_535).contains(port) else { throw .invalidPort }
        var target = components.percentEncodedPath
        if target.isEmpty { target = "/" }
        if let query = components.percentEncodedQuery { target += "?" + query }
        self.scheme = scheme
        self.host = host
        self.port = port
        self.target = target
        self.hasEmbeddedCredentials = components.user != nil || components.password != nil
        let bracketed = host.utf8.contains(UInt8(ascii: ":")) ? "[\(host)]" : host
        self.hostHeader = port == 443 ? bracketed : "\(bracketed):\(port)"
    }

    /// The URL without any credentials: `https://host:port/target`.
    public var description: String {
        "\(scheme)://\(hostHeader)\(target)"
    }
}
