/// The JSON form the registry stores. Durations are whole milliseconds
/// (`activationDelayMilliseconds`); fields added after a row was written decode to
/// their defaults, so older rows keep loading.
extension WebhookConfiguration: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, name, url, authorization, dataSource, topics, signingSecret
        case activationDelayMilliseconds, successPolicy, allowPrivateNetworks, state
        case createdAt, updatedAt, batchSize, healthCheckIntervalMilliseconds
    }

    /// Decodes the stored JSON form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let createdAt = try container.decode(Timestamp.self, forKey: .createdAt)
        let delay = try container.decodeIfPresent(Int64.self, forKey: .activationDelayMilliseconds)
        let interval = try container.decodeIfPresent(Int64.self, forKey: .healthCheckIntervalMilliseconds)
        self.init(
            id: try container.decode(WebhookID.self, forKey: .id),
            name: try container.decode(String.self, forKey: .name),
            url: try container.decode(String.self, forKey: .url),
            authorization: try container.decode(WebhookAuthorization.self, forKey: .authorization),
            dataSource: try container.decode(DataSource.self, forKey: .dataSource),
            topics: try container.decode([String].self, forKey: .topics),
            signingSecret: try container.decodeIfPresent(String.self, forKey: .signingSecret),
            activationDelay: delay.map { .milliseconds($0) } ?? Self.defaultActivationDelay,
            successPolicy: try container.decodeIfPresent(SuccessPolicy.self, forKey: .successPolicy) ?? .only200,
            allowPrivateNetworks: try container.decodeIfPresent(Bool.self, forKey: .allowPrivateNetworks) ?? false,
            state: try container.decodeIfPresent(WebhookState.self, forKey: .state) ?? .pendingActivation,
            createdAt: createdAt,
            updatedAt: try container.decodeIfPresent(Timestamp.self, forKey: .updatedAt),
            batchSize: try container.decodeIfPresent(Int.self, forKey: .batchSize) ?? 1,
            healthCheckInterval: interval.map { .milliseconds($0) }
        )
    }

    /// Encodes the stored JSON form (secrets included: this is storage, not display).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(url, forKey: .url)
        try container.encode(authorization, forKey: .authorization)
        try container.encode(dataSource, forKey: .dataSource)
        try container.encode(topics, forKey: .topics)
        try container.encodeIfPresent(signingSecret, forKey: .signingSecret)
        try container.encode(activationDelay.wholeMilliseconds, forKey: .activationDelayMilliseconds)
        try container.encode(successPolicy, forKey: .successPolicy)
        try container.encode(allowPrivateNetworks, forKey: .allowPrivateNetworks)
        try container.encode(state, forKey: .state)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(batchSize, forKey: .batchSize)
        try container.encodeIfPresent(healthCheckInterval?.wholeMilliseconds, forKey: .healthCheckIntervalMilliseconds)
    }
}

/// `{"kind":"allDevices"}`, `{"kind":"devices","ids":[…]}` or `{"kind":"workspaces","ids":[…]}`,
/// ids sorted so the same source always encodes to the same text.
extension WebhookConfiguration.DataSource: Codable {
    private enum CodingKeys: String, CodingKey { case kind, ids }
    private enum Kind: String, Codable { case allDevices, devices, workspaces }

    /// Decodes the stored JSON form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .allDevices: self = .allDevices
        case .devices: self = .devices(Set(try container.decode([DeviceID].self, forKey: .ids)))
        case .workspaces: self = .workspaces(Set(try container.decode([WorkspaceID].self, forKey: .ids)))
        }
    }

    /// Encodes the stored JSON form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .allDevices:
            try container.encode(Kind.allDevices, forKey: .kind)
        case .devices(let ids):
            try container.encode(Kind.devices, forKey: .kind)
            try container.encode(ids.sorted(), forKey: .ids)
        case .workspaces(let ids):
            try container.encode(Kind.workspaces, forKey: .kind)
            try container.encode(ids.sorted(), forKey: .ids)
        }
    }
}
