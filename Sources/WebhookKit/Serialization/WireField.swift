/// The member names the wire format knows, recognised by comparing bytes so that known
/// names never become `String`s.
enum WireField: UInt8 {
    case id, type, webhookId, orgId, workspaceId, deviceId, timestamp, changes, events
    case updated, removed, isFullSync
    case key, value
    case messages
    case unknown

    /// The member name as written on the wire.
    var name: String {
        switch self {
        case .id: "id"
        case .type: "type"
        case .webhookId: "webhookId"
        case .orgId: "orgId"
        case .workspaceId: "workspaceId"
        case .deviceId: "deviceId"
        case .timestamp: "timestamp"
        case .changes: "changes"
        case .events: "events"
        case .updated: "updated"
        case .removed: "removed"
        case .isFullSync: "isFullSync"
        case .key: "key"
        case .value: "value"
        case .messages: "messages"
        case .unknown: ""
        }
    }

    /// A bit for duplicate detection.
    var bit: UInt32 { 1 << UInt32(rawValue) }

    /// The field a member name stands for, or `.unknown`.
    static func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> WireField {
        let candidate: WireField
        switch bytes.count {
        case 2: candidate = .id
        case 3: candidate = .key
        case 4: candidate = .type
        case 5: candidate = bytes[0] == UInt8(ascii: "o") ? .orgId : .value
        case 6: candidate = .events
        case 7:
            switch bytes[0] {
            case UInt8(ascii: "c"): candidate = .changes
            case UInt8(ascii: "u"): candidate = .updated
            default: candidate = .removed
            }
        case 8: candidate = bytes[0] == UInt8(ascii: "d") ? .deviceId : .messages
        case 9: candidate = bytes[0] == UInt8(ascii: "w") ? .webhookId : .timestamp
        case 10: candidate = .isFullSync
        case 11: candidate = .workspaceId
        default: return .unknown
        }
        return candidate.name.utf8.elementsEqual(bytes) ? candidate : .unknown
    }
}
