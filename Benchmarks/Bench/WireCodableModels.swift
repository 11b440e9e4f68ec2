import Foundation
import WebhookKit

// `Codable` mirrors of the wire format, for measuring Foundation's JSONEncoder and
// JSONDecoder against WireEncoder and WireDecoder on the same messages. They live here
// because only the benchmark needs them.

/// The envelope, as `Codable` would model it.
struct CodableNotification: Codable {
    var id: String
    var type: String
    var webhookId: String?
    var orgId: String?
    var workspaceId: String?
    var deviceId: String?
    var timestamp: String
    var changes: CodableChanges?
    var events: [CodableEvent]?
}

/// `changes` of a status notification.
struct CodableChanges: Codable {
    var updated: [String: CodableJSON]
    var removed: [String]
    var isFullSync: Bool?
}

/// One event.
struct CodableEvent: Codable {
    var key: String
    var value: CodableJSON
    var timestamp: String
}

/// Any JSON value, integers kept apart from doubles like ``JSONValue``.
enum CodableJSON: Codable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([CodableJSON])
    case object([String: CodableJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int64.self) {
            self = .integer(number)
        } else if let number = try? container.decode(Double.self) {
            self = .double(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let array = try? container.decode([CodableJSON].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: CodableJSON].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .integer(let number): try container.encode(number)
        case .double(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let array): try container.encode(array)
        case .object(let object): try container.encode(object)
        }
    }
}

/// Conversions between the model and the mirrors: the work a Foundation-based codec
/// does besides JSON itself, so that both sides produce and consume `DeviceNotification`s.
enum CodableMapping {
    struct Invalid: Error {}

    static func mirror(_ notification: DeviceNotification) -> CodableNotification {
        var result = CodableNotification(
            id: notification.id.rawValue, type: notification.kind.rawValue, webhookId: notification.webhookId?.rawValue,
            orgId: notification.orgId?.rawValue, workspaceId: notification.workspaceId?.rawValue,
            deviceId: notification.deviceId?.rawValue, timestamp: notification.timestamp.description
        )
        switch notification.body {
        case .status(let change):
            var updated: [String: CodableJSON] = [:]
            for update in change.updated { updated[update.path.rawValue] = mirror(update.value) }
            result.changes = CodableChanges(updated: updated, removed: change.removed.map(\.rawValue),
                                            isFullSync: change.isFullSync ? true : nil)
        case .events(let events):
            result.events = events.map {
                CodableEvent(key: $0.key.rawValue, value: mirror($0.value), timestamp: $0.timestamp.description)
            }
        case .healthCheck, .test:
            break
        }
        return result
    }

    static func mirror(_ value: JSONValue) -> CodableJSON {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .integer(let number): .integer(number)
        case .double(let number): .double(number)
        case .string(let text): .string(text)
        case .array(let array): .array(array.map(mirror))
        case .object(let object): .object(Dictionary(object.members.map { ($0.key, mirror($0.value)) }, uniquingKeysWith: { $1 }))
        }
    }

    static func model(_ mirror: CodableNotification) throws -> DeviceNotification {
        let body: DeviceNotification.Body
        switch mirror.type {
        case "status":
            guard let changes = mirror.changes else { throw Invalid() }
            let updated = try changes.updated.map { StatusChange.Update(path: try XAPIPath($0.key), value: model($0.value)) }
            body = .status(StatusChange(updated: updated, removed: try changes.removed.map { try XAPIPath($0) },
                                        isFullSync: changes.isFullSync ?? false))
        case "events":
            guard let events = mirror.events else { throw Invalid() }
            body = .events(try events.map {
                DeviceEvent(key: try XAPIPath($0.key), value: model($0.value), timestamp: try timestamp($0.timestamp))
            })
        case "healthCheck": body = .healthCheck
        case "test": body = .test
        default: throw Invalid()
        }
        return DeviceNotification(
            id: MessageID(rawValue: mirror.id), orgId: mirror.orgId.map(OrganizationID.init(rawValue:)),
            workspaceId: mirror.workspaceId.map(WorkspaceID.init(rawValue:)), deviceId: mirror.deviceId.map(DeviceID.init(rawValue:)),
            webhookId: mirror.webhookId.map(WebhookID.init(rawValue:)), timestamp: try timestamp(mirror.timestamp), body: body
        )
    }

    static func model(_ mirror: CodableJSON) -> JSONValue {
        switch mirror {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .integer(let number): .integer(number)
        case .double(let number): .double(number)
        case .string(let text): .string(text)
        case .array(let array): .array(array.map(model))
        case .object(let object): .object(JSONObject(object.map { ($0.key, model($0.value)) }))
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` only: a deliberately cheap parser, so the peer is not
    /// slowed by date formatters.
    static func timestamp(_ text: String) throws -> Timestamp {
        let bytes = Array(text.utf8)
        guard bytes.count == 24 else { throw Invalid() }
        func number(_ start: Int, _ count: Int) -> Int64 {
            bytes[start..<(start + count)].reduce(0) { $0 * 10 + Int64($1 &- 0x30) }
        }
        let year = number(0, 4), month = number(5, 2), day = number(8, 2)
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let days = era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
        let seconds = days * 86_400 + number(11, 2) * 3600 + number(14, 2) * 60 + number(17, 2)
        return Timestamp(millisecondsSince1970: seconds * 1000 + number(20, 3))
    }
}
