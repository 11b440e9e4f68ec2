import WebhookKit

enum OutboxFixtures {
    static let webhook: WebhookID = "wh-1"
    static let start = Timestamp(millisecondsSince1970: 1_796_412_934_000)

    static func status(_ device: DeviceID?, _ pairs: [(String, JSONValue)], webhook: WebhookID = webhook) throws -> OutboxMessage {
        let change = StatusChange(updated: try pairs.map { .init(path: try XAPIPath($0.0), value: $0.1) })
        let notification = DeviceNotification(deviceId: device, webhookId: webhook, timestamp: start, body: .status(change))
        return OutboxMessage(notification: notification, webhookID: webhook, publishedAt: start)
    }

    static func event(_ device: DeviceID?, webhook: WebhookID = webhook, value: JSONValue = .null) throws -> OutboxMessage {
        let event = DeviceEvent(key: try XAPIPath("BootEvent"), value: value, timestamp: start)
        let notification = DeviceNotification(deviceId: device, webhookId: webhook, timestamp: start, body: .events([event]))
        return OutboxMessage(notification: notification, webhookID: webhook, publishedAt: start)
    }

    static func lane(_ device: DeviceID?, webhook: WebhookID = webhook) -> LaneKey {
        LaneKey(webhookID: webhook, deviceID: device)
    }
}

extension OutboxFixtures {
    /// The 16-byte SQLite magic followed by zeros: a header too short to be a database.
    static let header: [UInt8] = Array("SQLite format 3".utf8) + [UInt8](repeating: 0, count: 100)
}
