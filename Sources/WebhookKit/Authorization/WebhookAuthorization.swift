import Foundation

/// How a webhook authenticates to its receiver: the value of the `Authorization` header.
///
/// `.basic` sends `Basic base64(username:password)`; `.token` sends the token **verbatim**
/// as the whole header value, nothing added (no `Bearer `), so receivers that expect
/// `Bearer …`, `Token …` or a bare key all work.
///
/// Neither `description` nor `debugDescription` nor `dump` ever shows the secret.
///
/// ```swift
/// let auth = WebhookAuthorization.basic(username: "analytics", password: "s3cret")
/// request.headers.add(name: "Authorization", value: auth.headerValue)
/// auth.verify(headerValue: incoming)   // constant time
/// ```
public enum WebhookAuthorization: Sendable, Hashable, Codable {
    /// HTTP Basic authentication.
    case basic(username: String, password: String)
    /// A token sent verbatim as the whole `Authorization` value.
    case token(String)

    /// The `Authorization` header value to send.
    public var headerValue: String {
        switch self {
        case .basic(let username, let password):
            "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        case .token(let token):
            token
        }
    }

    /// Whether an incoming `Authorization` header value carries these credentials,
    /// compared in constant time. `nil` (no header) never matches.
    public func verify(headerValue incoming: String?) -> Bool {
        guard let incoming else { return false }
        return ConstantTime.equals(incoming.utf8, headerValue.utf8)
    }

    /// The scheme name, safe to show: `basic` or `token`.
    public var schemeName: String {
        switch self {
        case .basic: "basic"
        case .token: "token"
        }
    }
}

extension WebhookAuthorization: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `basic(username: <name>, password: <redacted>)` or `token(<redacted>)`.
    ///
    /// A username with a colon (invalid, see validation) is shown only up to the colon:
    /// people paste `user:password` into the username field.
    public var description: String {
        switch self {
        case .basic(let username, _): "basic(username: \(Self.shown(username)), password: <redacted>)"
        case .token: "token(<redacted>)"
        }
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without the secret, so `dump` and reflection cannot reveal it.
    public var customMirror: Mirror {
        switch self {
        case .basic(let username, _):
            Mirror(self, children: ["username": Self.shown(username), "password": "<redacted>"], displayStyle: .enum)
        case .token:
            Mirror(self, children: ["token": "<redacted>"], displayStyle: .enum)
        }
    }

    /// The username up to its first colon, the rest redacted.
    private static func shown(_ username: String) -> String {
        guard let colon = username.firstIndex(of: ":") else { return username }
        return username[..<colon] + ":<redacted>"
    }
}
