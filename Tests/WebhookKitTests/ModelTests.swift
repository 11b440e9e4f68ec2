import Testing
import WebhookKit

@Suite("Model")
struct ModelTests {
    @Test("generated message ids are UUIDv7: unique, versioned, time-ordered")
    func messageIDs() {
        var seen = Set<MessageID>()
        var previous: MessageID?
        for step in 0..<10_000 {
            let id = MessageID.generate(at: Timestamp(millisecondsSince1970: 1_796_412_934_000 + Int64(step)))
            let text = Array(id.rawValue.utf8)
            #expect(text.count == 36)
            #expect(text[14] == UInt8(ascii: "7"))
            #expect([UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(text[19]))
            #expect(seen.insert(id).inserted)
            if let previous { #expect(previous < id) }
            previous = id
        }
    }

    @Test("a UUIDv7 id starts with the timestamp in hex")
    func messageIDTimestamp() {
        let id = MessageID.generate(at: Timestamp(millisecondsSince1970: 0x0193_A7C2_0000))
        #expect(id.rawValue.hasPrefix("0193a7c2-0000-7"))
    }

    @Test("ids derived per webhook are stable, distinct, and keep the time prefix")
    func derivedIDs() {
        let id = MessageID.generate(at: Timestamp(millisecondsSince1970: 0x0193_A7C2_5F1E))
        let a = id.derived(for: "wh-a")
        let b = id.derived(for: "wh-b")
        #expect(a == id.derived(for: "wh-a"))
        #expect(a != b)
        #expect(a != id)
        #expect(a.rawValue.hasPrefix("0193a7c2-5f1e-7"))
        #expect(Array(a.rawValue.utf8).count == 36)
        let odd = MessageID("not-a-uuid").derived(for: "wh-a")
        #expect(odd.rawValue.count == 36)
    }

    @Test("status changes keep one value per path and merge newer values over older")
    func statusMerge() throws {
        let count = try XAPIPath("RoomAnalytics.PeopleCount.Current")
        let temperature = try XAPIPath("RoomAnalytics.AmbientTemperature")
        let noise = try XAPIPath("RoomAnalytics.AmbientNoise.Level.A")
        var older = StatusChange(updated: [.init(path: count, value: 1), .init(path: temperature, value: 21.5)])
        let newer = StatusChange(updated: [.init(path: count, value: 4), .init(path: noise, value: 33)], removed: [temperature])
        older.merge(newer: newer)
        #expect(older.updated.map(\.path) == [count, noise])
        #expect(older.value(of: count) == 4)
        #expect(older.removed == [temperature])
        older.set(temperature, to: 22)
        #expect(older.removed.isEmpty)
        #expect(older.value(of: temperature) == 22)
    }

    @Test("a status change built with a path twice keeps the last value")
    func duplicatePaths() throws {
        let count = try XAPIPath("RoomAnalytics.PeopleCount.Current")
        let change = StatusChange(updated: [.init(path: count, value: 1), .init(path: count, value: 2)], removed: [count])
        #expect(change.updated == [.init(path: count, value: 2)])
        #expect(change.removed.isEmpty)
    }

    @Test("JSON objects keep member order and replace in place")
    func objects() {
        var object = JSONObject([("b", 1), ("a", 2)])
        object["b"] = 3
        object["c"] = 4
        object["a"] = nil
        #expect(object.members.map(\.key) == ["b", "c"])
        #expect(object["b"] == 3)
        let value: JSONValue = ["WidgetId": "lights", "Value": "on"]
        #expect(value["WidgetId"] == "lights")
    }

    @Test("notification kind follows the body")
    func kinds() {
        #expect(DeviceNotification(body: .test).kind == .test)
        #expect(DeviceNotification(body: .healthCheck).kind == .healthCheck)
        #expect(DeviceNotification(body: .events([])).kind == .events)
        #expect(DeviceNotification(body: .status(StatusChange())).kind == .status)
    }

    @Test("endpoints parse host, port and target, and never print credentials")
    func endpoints() throws {
        let endpoint = try WebhookEndpoint(url: "https://user:pw@Example.COM:8443/hooks/a?x=1")
        #expect(endpoint.host == "example.com")
        #expect(endpoint.port == 8443)
        #expect(endpoint.target == "/hooks/a?x=1")
        #expect(endpoint.hasEmbeddedCredentials)
        #expect(!endpoint.description.contains("pw"))
        let v6 = try WebhookEndpoint(url: "https://[::1]/")
        #expect(v6.host == "::1")
        #expect(v6.hostHeader == "[::1]")
        #expect(endpoint.hostHeader == "example.com:8443")
        #expect(try WebhookEndpoint(url: "https://[FE80::1]:9443/x").hostHeader == "[fe80::1]:9443")
        #expect(throws: WebhookEndpoint.ParseError.missingHost) { try WebhookEndpoint(url: "https:///path") }
        #expect(throws: WebhookEndpoint.ParseError.unparseable) { try WebhookEndpoint(url: "not a url") }
    }
}
