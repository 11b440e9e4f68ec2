import Foundation
import Testing
@testable import WebhookKit


@Suite("Wire format golden output")
struct WireGoldenTests {
    private let encoder = WireEncoder()
    private static let time = Timestamp(millisecondsSince1970: 1_796_412_934_123)

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test("a status change is written with members in the documented order")
    func status() throws {
        let notification = DeviceNotification(
            id: "0193a7c2-0000-7000-8000-000000000001", orgId: "org-1", workspaceId: "room-4", deviceId: "desk-1",
            webhookId: "hook-1", timestamp: Self.time,
            body: .status(StatusChange(updated: [.init(path: try XAPIPath("RoomAnalytics.PeopleCount.Current"), value: 3)]))
        )
        #expect(text(encoder.encode(notification)) == """
            {"id":"0193a7c2-0000-7000-8000-000000000001","type":"status","webhookId":"hook-1","orgId":"org-1",\
            "workspaceId":"room-4","deviceId":"desk-1","timestamp":"2026-12-04T19:35:34.123Z",\
            "changes":{"updated":{"RoomAnalytics.PeopleCount.Current":3},"removed":[]}}
            """)
    }

    @Test("a full sync carries isFullSync, removals and doubles in shortest form")
    func fullSync() throws {
        let change = StatusChange(
            updated: [
                .init(path: try XAPIPath("A"), value: 21.5), .init(path: try XAPIPath("B"), value: .double(-0.0)),
                .init(path: try XAPIPath("C[2]"), value: 1e20), .init(path: try XAPIPath("D"), value: nil),
                .init(path: try XAPIPath("E"), value: .double(0.1)), .init(path: try XAPIPath("F"), value: .double(1e-7)),
            ],
            removed: [try XAPIPath("G.H")],
            isFullSync: true
        )
        let notification = DeviceNotification(id: "m", deviceId: "d", timestamp: Self.time, body: .status(change))
        #expect(text(encoder.encode(notification)) == """
            {"id":"m","type":"status","deviceId":"d","timestamp":"2026-12-04T19:35:34.123Z",\
            "changes":{"updated":{"A":21.5,"B":-0.0,"C[2]":1e+20,"D":null,"E":0.1,"F":1e-07},"removed":["G.H"],"isFullSync":true}}
            """)
    }

    @Test("events carry key, value and their own timestamp")
    func events() throws {
        let event = DeviceEvent(
            key: try XAPIPath("UserInterface.Extensions.Widget.Action"),
            value: ["WidgetId": "lights", "Type": "pressed", "Value": "on"],
            timestamp: Timestamp(millisecondsSince1970: 1_796_412_934_120)
        )
        let notification = DeviceNotification(id: "m2", workspaceId: "room-4", timestamp: Self.time, body: .events([event, event]))
        let one = """
            {"key":"UserInterface.Extensions.Widget.Action","value":{"WidgetId":"lights","Type":"pressed","Value":"on"},\
            "timestamp":"2026-12-04T19:35:34.120Z"}
            """
        #expect(text(encoder.encode(notification)) == """
            {"id":"m2","type":"events","workspaceId":"room-4","timestamp":"2026-12-04T19:35:34.123Z","events":[\(one),\(one)]}
            """)
    }

    @Test("health checks and tests have only the envelope; a batch wraps messages")
    func envelopeOnly() {
        let check = DeviceNotification(id: "h", timestamp: Timestamp(millisecondsSince1970: 0), body: .healthCheck)
        let test = DeviceNotification(id: "t", webhookId: "w", timestamp: Timestamp(millisecondsSince1970: 1), body: .test)
        #expect(text(encoder.encode(check)) == #"{"id":"h","type":"healthCheck","timestamp":"1970-01-01T00:00:00.000Z"}"#)
        #expect(text(encoder.encode(test)) == #"{"id":"t","type":"test","webhookId":"w","timestamp":"1970-01-01T00:00:00.001Z"}"#)
        #expect(text(encoder.encodeBatch([check, test])) == """
            {"messages":[{"id":"h","type":"healthCheck","timestamp":"1970-01-01T00:00:00.000Z"},\
            {"id":"t","type":"test","webhookId":"w","timestamp":"1970-01-01T00:00:00.001Z"}]}
            """)
        #expect(text(encoder.encodeBatch([])) == #"{"messages":[]}"#)
    }

    @Test("strings escape quote, backslash and control characters and keep the rest as UTF-8")
    func escaping() {
        let value: JSONValue = .string("\"\\/\n\r\t\u{08}\u{0C}\u{00}\u{1F}\u{7F}é€😀\u{2028}")
        let expected = Array(#""\"\\/\n\r\t\b\f\u0000\u001f"#.utf8) + [0x7F] + Array("é€😀\u{2028}\"".utf8)
        #expect(encoder.encode(value) == expected)
        #expect(text(encoder.encode(["k\"ey": "v"])) == #"{"k\"ey":"v"}"#)
    }

    @Test("integers are exact at the Int64 limits and beyond 2^53")
    func integers() {
        let value: JSONValue = [.integer(.min), .integer(.max), 9_007_199_254_740_993, 0, -7, 10, 1_000_000]
        #expect(text(encoder.encode(value)) == "[-9223372036854775808,9223372036854775807,9007199254740993,0,-7,10,1000000]")
    }

    @Test("nested values keep member order; empty containers are written compactly")
    func nested() {
        let value: JSONValue = ["z": [1, [true, false, nil]], "a": [:], "m": []]
        #expect(text(encoder.encode(value)) == #"{"z":[1,[true,false,null]],"a":{},"m":[]}"#)
    }
}
