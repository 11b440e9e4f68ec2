import Foundation
import Synchronization
import Testing
import WebhookKit

@Suite("WebhookReceiver")
struct WebhookReceiverTests {
    static let authorization = WebhookAuthorization.basic(username: "hub", password: "pa55")

    static func body(_ notification: DeviceNotification) -> [UInt8] {
        WireEncoder().encode(notification)
    }

    static func headers(authorization: String? = WebhookReceiverTests.authorization.headerValue) -> HTTPHeaders {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let authorization { headers.add(name: "Authorization", value: authorization) }
        return headers
    }

    @Test("stores a notification once and answers 200, also for the duplicate")
    func storesOnce() async throws {
        let store = InMemoryNotificationStore()
        let receiver = WebhookReceiver(configuration: .init(authorization: Self.authorization, store: store))
        let notification = try Fixtures.widget("d1", "on")
        let first = await receiver.handle(method: "POST", headers: Self.headers(), body: Self.body(notification))
        let second = await receiver.handle(method: "POST", headers: Self.headers(), body: Self.body(notification))
        #expect(first.status == 200)
        #expect(second.status == 200)
        #expect(String(decoding: second.body, as: UTF8.self) == #"{"stored":0,"duplicates":1}"#)
        #expect(await store.count == 1)
        let metrics = receiver.metrics.snapshot()
        #expect(metrics.stored == 1)
        #expect(metrics.duplicates == 1)
    }

    @Test("wrong or missing credentials get 401 and nothing is stored", arguments: [nil, "Basic aHViOnBhNTY=", "pa55", ""])
    func unauthorized(header: String?) async throws {
        let store = InMemoryNotificationStore()
        let receiver = WebhookReceiver(configuration: .init(authorization: Self.authorization, store: store))
        let response = await receiver.handle(method: "POST", headers: Self.headers(authorization: header), body: Self.body(try Fixtures.widget("d1", "on")))
        #expect(response.status == 401)
        #expect(await store.count == 0)
        #expect(receiver.metrics.snapshot().rejected[.unauthorized] == 1)
    }

    @Test("a malformed body gets 400 naming the problem")
    func malformed() async throws {
        let store = InMemoryNotificationStore()
        let receiver = WebhookReceiver(configuration: .init(authorization: nil, store: store))
        let response = await receiver.handle(method: "POST", headers: Self.headers(), body: Array(#"{"id":"x","type":"status""#.utf8))
        #expect(response.status == 400)
        #expect(String(decoding: response.body, as: UTF8.self).contains("at byte"))
        #expect(await store.count == 0)
    }

    @Test("only POST is accepted")
    func method() async {
        let receiver = WebhookReceiver(configuration: .init(authorization: nil))
        let response = await receiver.handle(method: "GET", headers: Self.headers(), body: [])
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "POST")
    }

    @Test("a batch stores every message and handlers run once per new notification")
    func batchAndHandlers() async throws {
        let seen = Mutex<[String]>([])
        let store = InMemoryNotificationStore()
        var receiver = WebhookReceiver(configuration: .init(authorization: nil, store: store))
        receiver.onEvent(try PathPattern("UserInterface.Extensions.Widget.*")) { _, event in
            seen.withLock { $0.append(event.value["Value"].map { "\($0)" } ?? "") }
        }
        receiver.onStatus(try PathPattern("RoomAnalytics.PeopleCount.Current")) { _, update in
            seen.withLock { $0.append("count \(update.value)") }
        }
        let messages = [try Fixtures.widget("d1", "on"), try Fixtures.status("d1", [("RoomAnalytics.PeopleCount.Current", 4)])]
        let body = WireEncoder().encodeBatch(messages)
        #expect(await receiver.handle(method: "POST", headers: Self.headers(), body: body).status == 200)
        #expect(await receiver.handle(method: "POST", headers: Self.headers(), body: body).status == 200)
        #expect(await store.count == 2)
        #expect(seen.withLock { $0.count } == 2)
    }

    @Test("with a signing secret, only correctly signed, fresh messages are accepted")
    func signatures() async throws {
        let secret = try SigningSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let hmac = TestHMAC()
        let store = InMemoryNotificationStore()
        let receiver = WebhookReceiver(configuration: .init(authorization: nil, signingSecrets: [secret], hmac: hmac, store: store))
        let notification = try Fixtures.widget("d1", "on")
        let body = Self.body(notification)
        let now = Date()
        func signed(_ body: [UInt8], at time: Date) -> HTTPHeaders {
            let seconds = Int64(time.timeIntervalSince1970)
            var headers = Self.headers(authorization: nil)
            headers.add(name: "webhook-id", value: notification.id.rawValue)
            headers.add(name: "webhook-timestamp", value: String(seconds))
            headers.add(name: "webhook-signature", value: WebhookSignature.sign(
                messageID: notification.id.rawValue, timestamp: seconds, body: body, secrets: [secret], hmac: hmac))
            return headers
        }
        var tampered = body
        tampered[tampered.count - 2] ^= 0x01
        #expect(await receiver.handle(method: "POST", headers: signed(body, at: now), body: tampered, now: now).status == 401)
        #expect(await receiver.handle(method: "POST", headers: signed(body, at: now.addingTimeInterval(-301)), body: body, now: now).status == 401)
        #expect(await receiver.handle(method: "POST", headers: Self.headers(authorization: nil), body: body, now: now).status == 401)
        #expect(await store.count == 0)
        #expect(await receiver.handle(method: "POST", headers: signed(body, at: now), body: body, now: now).status == 200)
        #expect(await store.count == 1)
        #expect(receiver.metrics.snapshot().rejected[.signature] == 3)
    }

    @Test("a store failure answers 503 so the sender retries")
    func storeFailure() async throws {
        struct FailingStore: NotificationStore {
            struct Broken: Error {}
            func insertIfAbsent(_ notification: DeviceNotification) async throws -> Bool { throw Broken() }
        }
        let receiver = WebhookReceiver(configuration: .init(authorization: nil, store: FailingStore()))
        let response = await receiver.handle(method: "POST", headers: Self.headers(), body: Self.body(try Fixtures.widget("d1", "on")))
        #expect(response.status == 503)
    }

    @Test("metrics are valid Prometheus text")
    func prometheus() async throws {
        let receiver = WebhookReceiver(configuration: .init(authorization: nil))
        _ = await receiver.handle(method: "POST", headers: Self.headers(), body: Self.body(try Fixtures.widget("d1", "on")))
        let text = receiver.metrics.prometheusText()
        #expect(text.contains("webhookkit_receiver_stored_total 1"))
        #expect(text.contains("webhookkit_receiver_rejected_total{reason=\"unauthorized\"} 0"))
    }
}
