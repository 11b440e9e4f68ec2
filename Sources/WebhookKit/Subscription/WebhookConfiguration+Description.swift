extension WebhookConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A one-line summary safe for logs: credentials, signing secret and the URL's query
    /// (which often carries an API key) are redacted.
    public var description: String {
        var fields = [
            "id: \(id)",
            "name: \"\(name)\"",
            "url: \(redactedURL)",
            "authorization: \(authorization)",
            "dataSource: \(dataSource)",
            "topics: \(topics)",
            "signingSecret: \(signingSecret == nil ? "none" : "<redacted>")",
            "activationDelay: \(activationDelay)",
            "successPolicy: \(successPolicy.rawValue)",
            "state: \(state)",
            "createdAt: \(createdAt)",
            "updatedAt: \(updatedAt)",
        ]
        if allowPrivateNetworks { fields.append("allowPrivateNetworks: true") }
        if batchSize != 1 { fields.append("batchSize: \(batchSize)") }
        if let healthCheckInterval { fields.append("healthCheckInterval: \(healthCheckInterval)") }
        return "WebhookConfiguration(\(fields.joined(separator: ", ")))"
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without secrets, so `dump` and reflection cannot reveal them.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "id": id, "name": name, "url": redactedURL, "authorization": authorization,
            "dataSource": dataSource, "topics": topics,
            "signingSecret": signingSecret == nil ? "none" : "<redacted>",
            "activationDelay": activationDelay, "successPolicy": successPolicy,
            "allowPrivateNetworks": allowPrivateNetworks, "state": state,
            "createdAt": createdAt, "updatedAt": updatedAt, "batchSize": batchSize,
            "healthCheckInterval": healthCheckInterval as Any,
        ], displayStyle: .struct)
    }

    /// `scheme://host[:port]/path` with any query shown as `?<redacted>`; embedded
    /// credentials never appear, and a URL that does not parse shows as `<invalid url>`.
    var redactedURL: String {
        guard let endpoint = try? WebhookEndpoint(url: url) else { return "<invalid url>" }
        let bracketed = endpoint.host.contains(":") ? "[\(endpoint.host)]" : endpoint.host
        let defaultPort = endpoint.scheme == "http" ? 80 : 443
        let authority = endpoint.port == defaultPort ? bracketed : "\(bracketed):\(endpoint.port)"
        var target = endpoint.target
        if let query = target.firstIndex(of: "?") { target = target[..<query] + "?<redacted>" }
        return "\(endpoint.scheme)://\(authority)\(target)"
    }
}

extension WebhookConfiguration.DataSource: CustomStringConvertible {
    /// `allDevices`, `devices(3)` or `workspaces(2)`: counts, not the ids.
    public var description: String {
        switch self {
        case .allDevices: "allDevices"
        case .devices(let ids): "devices(\(ids.count))"
        case .workspaces(let ids): "workspaces(\(ids.count))"
        }
    }
}
