import Foundation
import Testing
import WebhookKit

/// A configuration that passes validation; tests change one thing at a time.
func validWebhook(
    _ change: (inout WebhookConfiguration) -> Void = { _ in }
) -> WebhookConfiguration {
    var webhook = WebhookConfiguration(
        id: "wh-1",
        name: "Occupancy analytics",
        url: "https://analytics.example.com/hooks/rooms",
        authorization: .basic(username: "analytics", password: "s3cret-pass"),
        dataSource: .devices(["desk-1", "desk-2"]),
        topics: ["RoomAnalytics.PeopleCount.Current", "UserInterface.Extensions.*"],
        signingSecret: "whsec_" + Data(repeating: 7, count: 32).base64EncodedString(),
        createdAt: Timestamp(millisecondsSince1970: 1_796_412_934_000)
    )
    change(&webhook)
    return webhook
}

@Suite("WebhookConfiguration")
struct WebhookConfigurationTests {
    @Test("defaults: 2-minute activation delay, 200 only, pending, private networks refused, one per request")
    func defaults() {
        let webhook = WebhookConfiguration(
            name: "n", url: "https://example.com/", authorization: .token("t"), dataSource: .allDevices, topics: ["*"])
        #expect(webhook.activationDelay == .seconds(120))
        #expect(webhook.successPolicy == .only200)
        #expect(webhook.state == .pendingActivation)
        #expect(!webhook.allowPrivateNetworks)
        #expect(webhook.batchSize == 1)
        #expect(webhook.healthCheckInterval == nil)
        #expect(webhook.signingSecret == nil)
        #expect(webhook.updatedAt == webhook.createdAt)
    }

    @Test("success policy: 200 only by default, any 2xx on request")
    func successPolicy() {
        #expect(WebhookConfiguration.SuccessPolicy.only200.accepts(statusCode: 200))
        #expect(!WebhookConfiguration.SuccessPolicy.only200.accepts(statusCode: 204))
        #expect(WebhookConfiguration.SuccessPolicy.any2xx.accepts(statusCode: 204))
        #expect(WebhookConfiguration.SuccessPolicy.any2xx.accepts(statusCode: 299))
        #expect(!WebhookConfiguration.SuccessPolicy.any2xx.accepts(statusCode: 300))
        #expect(!WebhookConfiguration.SuccessPolicy.any2xx.accepts(statusCode: 199))
    }

    @Test("a pending webhook becomes active when its activation delay has passed")
    func effectiveState() {
        let webhook = validWebhook()
        let created = webhook.createdAt
        #expect(webhook.effectiveState(at: created) == .pendingActivation)
        #expect(webhook.effectiveState(at: created.advanced(by: .milliseconds(119_999))) == .pendingActivation)
        #expect(webhook.effectiveState(at: created.advanced(by: .seconds(120))) == .active)
        #expect(webhook.isActive(at: created.advanced(by: .seconds(121))))
        let immediate = validWebhook { $0.activationDelay = .zero }
        #expect(immediate.isActive(at: created))
    }

    @Test("paused and disabled stay so whatever the time; active is active from creation")
    func storedStates() {
        let later = validWebhook().createdAt.advanced(by: .seconds(3600))
        #expect(validWebhook { $0.state = .paused }.effectiveState(at: later) == .paused)
        #expect(validWebhook { $0.state = .disabled(reason: "410 Gone") }.effectiveState(at: later)
            == .disabled(reason: "410 Gone"))
        let active = validWebhook { $0.state = .active }
        #expect(active.isActive(at: active.createdAt))
    }

    @Test("JSON round-trips every field, durations in milliseconds")
    func codableRoundTrip() throws {
        let webhooks = [
            validWebhook(),
            validWebhook {
                $0.authorization = .token("Bearer abc")
                $0.dataSource = .workspaces(["room-1", "room-2"])
                $0.signingSecret = nil
                $0.activationDelay = .milliseconds(1500)
                $0.successPolicy = .any2xx
                $0.allowPrivateNetworks = true
                $0.state = .disabled(reason: "receiver answered 410")
                $0.updatedAt = $0.createdAt.advanced(by: .seconds(5))
                $0.batchSize = 50
                $0.healthCheckInterval = .seconds(300)
            },
            validWebhook { $0.dataSource = .allDevices; $0.state = .paused },
        ]
        for webhook in webhooks {
            let data = try JSONEncoder().encode(webhook)
            #expect(try JSONDecoder().decode(WebhookConfiguration.self, from: data) == webhook)
        }
        let text = String(decoding: try JSONEncoder().encode(webhooks[1]), as: UTF8.self)
        #expect(text.contains("\"activationDelayMilliseconds\":1500"))
        #expect(text.contains("\"healthCheckIntervalMilliseconds\":300000"))
    }

    @Test("JSON written before optional fields existed decodes with defaults")
    func decodesMinimalJSON() throws {
        let json = """
            {"id":"wh-9","name":"n","url":"https://example.com/","authorization":{"token":{"_0":"t"}},
             "dataSource":{"kind":"devices","ids":["d-2","d-1"]},"topics":["*"],
             "createdAt":{"millisecondsSince1970":1000}}
            """
        let webhook = try JSONDecoder().decode(WebhookConfiguration.self, from: Data(json.utf8))
        #expect(webhook.dataSource == .devices(["d-1", "d-2"]))
        #expect(webhook.activationDelay == .seconds(120))
        #expect(webhook.state == .pendingActivation)
        #expect(webhook.updatedAt == webhook.createdAt)
        #expect(webhook.batchSize == 1)
        #expect(webhook.authorization == .token("t"))
    }

    @Test("device ids encode sorted, so the same source always gives the same text")
    func stableDataSourceJSON() throws {
        let source = WebhookConfiguration.DataSource.devices(["c", "a", "b"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(source), as: UTF8.self) == #"{"ids":["a","b","c"],"kind":"devices"}"#)
    }

    @Test("description, debugDescription and dump never show password, token, signing secret or URL query")
    func redaction() {
        let secret = "whsec_" + Data(repeating: 9, count: 32).base64EncodedString()
        let webhooks = [
            validWebhook { $0.signingSecret = secret },
            validWebhook { $0.authorization = .token("tok-SECRET-123"); $0.url = "https://example.com/hook?key=SECRET-KEY" },
            validWebhook { $0.url = "https://user:SECRET-PW@example.com/" },
            validWebhook { $0.url = "not a url SECRET-RAW" },
        ]
        for webhook in webhooks {
            var dumped = ""
            dump(webhook, to: &dumped)
            for text in [webhook.description, webhook.debugDescription, dumped, "\(webhook)"] {
                #expect(!text.contains("s3cret-pass"))
                #expect(!text.contains("SECRET"))
                #expect(!text.contains(Data(repeating: 7, count: 32).base64EncodedString()))
                #expect(!text.contains(Data(repeating: 9, count: 32).base64EncodedString()))
            }
        }
        #expect(webhooks[0].description.contains("signingSecret: <redacted>"))
        #expect(webhooks[1].description.contains("url: https://example.com/hook?<redacted>"))
        #expect(webhooks[3].description.contains("url: <invalid url>"))
        #expect(webhooks[0].description.contains("name: \"Occupancy analytics\""))
    }

    @Test("endpoint and topic patterns are parsed from the raw fields")
    func parsedAccessors() throws {
        let webhook = validWebhook { $0.topics = ["Standby.State", "bad..topic", "RoomAnalytics.*"] }
        #expect(try webhook.endpoint.host == "analytics.example.com")
        #expect(webhook.topicPatterns.map(\.rawValue) == ["Standby.State", "RoomAnalytics.*"])
        #expect(throws: WebhookEndpoint.ParseError.unparseable) { try validWebhook { $0.url = "::" }.endpoint }
    }
}
