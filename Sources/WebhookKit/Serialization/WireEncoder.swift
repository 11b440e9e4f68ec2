/// Encodes notifications and JSON values in the wire format.
///
/// Output is byte-for-byte stable: members in a fixed order (`id`, `type`, `webhookId`,
/// `orgId`, `workspaceId`, `deviceId`, `timestamp`, then `changes` or `events`), optional
/// envelope members left out when `nil`, `"isFullSync":true` inside `changes` only when
/// set, timestamps as RFC 3339 UTC with milliseconds, integers exact, doubles in their
/// shortest round-tripping form (non-finite doubles, which JSON cannot carry, as `null`),
/// strings with `"`, `\` and control characters escaped and all else as UTF-8.
///
/// ```swift
/// let body = WireEncoder().encode(notification)   // [UInt8], ready to POST
/// ```
public struct WireEncoder: Sendable {
    /// Creates an encoder.
    public init() {}

    /// The notification as a JSON object.
    public func encode(_ notification: DeviceNotification) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(512)
        encode(notification, into: &buffer)
        return buffer
    }

    /// Appends the notification as a JSON object to `buffer`, so callers can reuse one buffer.
    public func encode(_ notification: DeviceNotification, into buffer: inout [UInt8]) {
        JSONWriter.raw("{\"id\":", into: &buffer)
        JSONWriter.string(notification.id.rawValue, into: &buffer)
        switch notification.body {
        case .status: JSONWriter.raw(",\"type\":\"status\"", into: &buffer)
        case .events: JSONWriter.raw(",\"type\":\"events\"", into: &buffer)
        case .healthCheck: JSONWriter.raw(",\"type\":\"healthCheck\"", into: &buffer)
        case .test: JSONWriter.raw(",\"type\":\"test\"", into: &buffer)
        }
        if let webhookId = notification.webhookId {
            JSONWriter.raw(",\"webhookId\":", into: &buffer)
            JSONWriter.string(webhookId.rawValue, into: &buffer)
        }
        if let orgId = notification.orgId {
            JSONWriter.raw(",\"orgId\":", into: &buffer)
            JSONWriter.string(orgId.rawValue, into: &buffer)
        }
        if let workspaceId = notification.workspaceId {
            JSONWriter.raw(",\"workspaceId\":", into: &buffer)
            JSONWriter.string(workspaceId.rawValue, into: &buffer)
        }
        if let deviceId = notification.deviceId {
            JSONWriter.raw(",\"deviceId\":", into: &buffer)
            JSONWriter.string(deviceId.rawValue, into: &buffer)
        }
        JSONWriter.raw(",\"timestamp\":\"", into: &buffer)
        RFC3339.append(notification.timestamp, to: &buffer)
        buffer.append(UInt8(ascii: "\""))
        switch notification.body {
        case .status(let change):
            JSONWriter.raw(",\"changes\":{\"updated\":{", into: &buffer)
            for (index, update) in change.updated.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                JSONWriter.string(update.path.rawValue, into: &buffer)
                buffer.append(UInt8(ascii: ":"))
                JSONWriter.value(update.value, into: &buffer)
            }
            JSONWriter.raw("},\"removed\":[", into: &buffer)
            for (index, path) in change.removed.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                JSONWriter.string(path.rawValue, into: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
            if change.isFullSync { JSONWriter.raw(",\"isFullSync\":true", into: &buffer) }
            buffer.append(UInt8(ascii: "}"))
        case .events(let events):
            JSONWriter.raw(",\"events\":[", into: &buffer)
            for (index, event) in events.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                JSONWriter.raw("{\"key\":", into: &buffer)
                JSONWriter.string(event.key.rawValue, into: &buffer)
                JSONWriter.raw(",\"value\":", into: &buffer)
                JSONWriter.value(event.value, into: &buffer)
                JSONWriter.raw(",\"timestamp\":\"", into: &buffer)
                RFC3339.append(event.timestamp, to: &buffer)
                JSONWriter.raw("\"}", into: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .healthCheck, .test:
            break
        }
        buffer.append(UInt8(ascii: "}"))
    }

    /// The notifications as a batch, `{"messages":[…]}`.
    public func encodeBatch(_ notifications: [DeviceNotification]) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 + 384 * min(notifications.count, 4096))
        JSONWriter.raw("{\"messages\":[", into: &buffer)
        for (index, notification) in notifications.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            encode(notification, into: &buffer)
        }
        JSONWriter.raw("]}", into: &buffer)
        return buffer
    }

    /// Any JSON value, with the same rules as inside notifications.
    public func encode(_ value: JSONValue) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(64)
        JSONWriter.value(value, into: &buffer)
        return buffer
    }
}
