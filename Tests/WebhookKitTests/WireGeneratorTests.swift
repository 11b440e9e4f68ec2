import Foundation
import Testing
@testable import WebhookKit

@Suite("Wire sample generator")
struct WireGeneratorTests {
    @Test("the same seed yields the same notifications, a different seed different ones")
    func deterministic() {
        var first = WireSampleGenerator(seed: 42)
        var second = WireSampleGenerator(seed: 42)
        var third = WireSampleGenerator(seed: 43)
        let a = (0..<50).map { _ in first.notification() }
        let b = (0..<50).map { _ in second.notification() }
        let c = (0..<50).map { _ in third.notification() }
        #expect(a.elementsEqual(b, by: WireSampleGenerator.identical))
        #expect(!a.elementsEqual(c, by: WireSampleGenerator.identical))
    }
}

/// SplitMix64: a small seeded generator, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generates notifications and values that exercise the corners of the wire format:
/// every body kind, strings with quotes, backslashes, control characters and non-BMP
/// characters, integers at the `Int64` limits, doubles from subnormals to 1e300.
struct WireSampleGenerator {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    private static let segments = ["RoomAnalytics", "PeopleCount", "Current", "Audio", "Volume", "Call", "Status",
                                   "UserInterface", "Extensions", "Widget", "Action", "Peripherals", "Connected_Device", "x-1"]
    private static let pieces = ["a", "Z", "7", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}", "\u{1F}",
                                 "\u{7F}", "é", "ß", "€", "中", "\u{2028}", "😀", "𝄞", "\u{10FFFF}", "lights", "on", "{", "]", ":", ","]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    mutating func string(maxPieces: Int = 6) -> String {
        (0..<int(0...maxPieces)).map { _ in Self.pieces[int(0...(Self.pieces.count - 1))] }.joined()
    }

    mutating func path() -> XAPIPath {
        let text = (0..<int(1...4)).map { _ in
            let name = Self.segments[int(0...(Self.segments.count - 1))]
            return chance(20) ? "\(name)[\(int(0...1500))]" : name
        }.joined(separator: ".")
        return (try? XAPIPath(text)) ?? (try? XAPIPath("Fallback")).unsafelyUnwrapped
    }

    mutating func timestamp() -> Timestamp {
        Timestamp(millisecondsSince1970: Int64.random(in: 0...253_402_300_799_999, using: &random))
    }

    mutating func integer() -> Int64 {
        switch int(0...5) {
        case 0: [Int64.min, .max, .min + 1, .max - 1, 0, -1][int(0...5)]
        case 1: (1 << 53) + Int64(int(-3...3))
        case 2: Int64(bitPattern: random.next())
        default: Int64(int(-1000...1000))
        }
    }

    mutating func double() -> Double {
        let specials: [Double] = [0.0, -0.0, 0.1, 1e300, -1e300, .leastNonzeroMagnitude, 2.2250738585072014e-308, .greatestFiniteMagnitude]
        switch int(0...7) {
        case 0:
            return specials[int(0...7)]
        case 1:
            return Double(bitPattern: random.next() & 0x000F_FFFF_FFFF_FFFF)
        case 2:
            let sample = Double(bitPattern: random.next())
            return sample.isFinite ? sample : 1.5
        case 3:
            return Double(int(-100_000...100_000)) / 100
        default:
            return Double.random(in: -1e6...1e6, using: &random)
        }
    }

    mutating func value(depth: Int) -> JSONValue {
        switch int(0...(depth > 0 ? 8 : 5)) {
        case 0: return .null
        case 1: return .bool(chance(50))
        case 2: return .integer(integer())
        case 3: return .double(double())
        case 4, 5: return .string(string())
        case 6: return .array((0..<int(0...4)).map { _ in value(depth: depth - 1) })
        default:
            var members: [(String, JSONValue)] = []
            var keys = Set<String>()
            for _ in 0..<int(0...4) {
                let key = string(maxPieces: 3)
                if keys.insert(key).inserted { members.append((key, value(depth: depth - 1))) }
            }
            return .object(JSONObject(members))
        }
    }

    mutating func notification() -> DeviceNotification {
        let body: DeviceNotification.Body
        switch int(0...9) {
        case 0...4:
            var updated: [StatusChange.Update] = []
            for _ in 0..<int(0...5) { updated.append(.init(path: path(), value: value(depth: 3))) }
            let removed = (0..<int(0...3)).map { _ in path() }
            body = .status(StatusChange(updated: updated, removed: removed, isFullSync: chance(20)))
        case 5...7:
            body = .events((0..<int(0...4)).map { _ in DeviceEvent(key: path(), value: value(depth: 3), timestamp: timestamp()) })
        case 8: body = .healthCheck
        default: body = .test
        }
        let time = timestamp()
        return DeviceNotification(
            id: chance(80) ? MessageID.generate(at: time, using: &random) : MessageID(rawValue: string()),
            orgId: chance(70) ? OrganizationID(rawValue: string()) : nil,
            workspaceId: chance(70) ? WorkspaceID(rawValue: "ws-\(int(0...999))") : nil,
            deviceId: chance(70) ? DeviceID(rawValue: string()) : nil,
            webhookId: chance(50) ? WebhookID(rawValue: "hook-\(int(0...99))") : nil,
            timestamp: time,
            body: body
        )
    }

    // MARK: Comparing

    /// Equality that tells `-0.0` from `0.0`: doubles compare by bit pattern.
    static func identical(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.double(let a), .double(let b)): a.bitPattern == b.bitPattern
        case (.array(let a), .array(let b)): a.count == b.count && zip(a, b).allSatisfy { identical($0, $1) }
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a.members, b.members).allSatisfy { $0.key == $1.key && identical($0.value, $1.value) }
        default: left == right
        }
    }

    static func identical(_ left: DeviceNotification, _ right: DeviceNotification) -> Bool {
        guard left.id == right.id, left.orgId == right.orgId, left.workspaceId == right.workspaceId,
              left.deviceId == right.deviceId, left.webhookId == right.webhookId, left.timestamp == right.timestamp
        else { return false }
        switch (left.body, right.body) {
        case (.status(let a), .status(let b)):
            return a.removed == b.removed && a.isFullSync == b.isFullSync && a.updated.count == b.updated.count
                && zip(a.updated, b.updated).allSatisfy { $0.path == $1.path && identical($0.value, $1.value) }
        case (.events(let a), .events(let b)):
            return a.count == b.count
                && zip(a, b).allSatisfy { $0.key == $1.key && $0.timestamp == $1.timestamp && identical($0.value, $1.value) }
        default:
            return left.body == right.body
        }
    }

    /// The notification as the JSON tree the wire format describes, members in wire order.
    static func tree(of notification: DeviceNotification) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(notification.id.rawValue)), ("type", .string(notification.kind.rawValue)),
        ]
        if let id = notification.webhookId { members.append(("webhookId", .string(id.rawValue))) }
        if let id = notification.orgId { members.append(("orgId", .string(id.rawValue))) }
        if let id = notification.workspaceId { members.append(("workspaceId", .string(id.rawValue))) }
        if let id = notification.deviceId { members.append(("deviceId", .string(id.rawValue))) }
        members.append(("timestamp", .string(notification.timestamp.description)))
        switch notification.body {
        case .status(let change):
            var changes: [(String, JSONValue)] = [
                ("updated", .object(JSONObject(change.updated.map { ($0.path.rawValue, $0.value) }))),
                ("removed", .array(change.removed.map { .string($0.rawValue) })),
            ]
            if change.isFullSync { changes.append(("isFullSync", true)) }
            members.append(("changes", .object(JSONObject(changes))))
        case .events(let events):
            let list: [JSONValue] = events.map { event in
                let fields: [(String, JSONValue)] = [
                    ("key", .string(event.key.rawValue)), ("value", event.value), ("timestamp", .string(event.timestamp.description)),
                ]
                return .object(JSONObject(fields))
            }
            members.append(("events", .array(list)))
        case .healthCheck, .test:
            break
        }
        return .object(JSONObject(members))
    }

    /// Whether a `JSONSerialization` result holds the same values as `value`.
    static func matches(_ parsed: Any, _ value: JSONValue) -> Bool {
        switch value {
        case .null: return parsed is NSNull
        case .bool(let flag): return (parsed as? NSNumber)?.boolValue == flag
        case .integer(let number): return (parsed as? NSNumber)?.int64Value == number
        case .double(let number):
            // swift-corelibs-foundation's JSONSerialization is not correctly rounded (it goes
            // through NSDecimalNumber for some inputs), so it only has to come close; exactness
            // is checked against the standard library's parser elsewhere.
            guard let parsed = (parsed as? NSNumber)?.doubleValue else { return false }
            return parsed == number || abs(parsed - number) <= abs(number) * 1e-12
        case .string(let text): return (parsed as? String) == text
        case .array(let elements):
            guard let array = parsed as? [Any], array.count == elements.count else { return false }
            return zip(array, elements).allSatisfy { matches($0, $1) }
        case .object(let object):
            guard let dictionary = parsed as? [String: Any], dictionary.count == object.count else { return false }
            return object.allSatisfy { member in dictionary[member.key].map { matches($0, member.value) } ?? false }
        }
    }
}
