import Foundation
import Testing
import WebhookKit

/// The problems `validate()` reports for `webhook`, or none.
func problems(of webhook: WebhookConfiguration, catalog: EventCatalog = .roomDevices) -> [ValidationError.Problem] {
    do {
        try webhook.validate(catalog: catalog)
        return []
    } catch {
        return error.problems
    }
}

/// `field code` pairs, compact for comparisons.
func summary(of webhook: WebhookConfiguration) -> [String] {
    problems(of: webhook).map { "\($0.field) \($0.code)" }
}

@Suite("WebhookConfiguration validation")
struct WebhookConfigurationValidationTests {
    @Test("a complete configuration passes")
    func valid() throws {
        try validWebhook().validate()
        try validWebhook { $0.authorization = .token("Bearer abc.def"); $0.signingSecret = nil }.validate()
        try validWebhook { $0.dataSource = .allDevices; $0.activationDelay = .zero }.validate()
        try validWebhook { $0.dataSource = .workspaces(["room-1"]) }.validate()
    }

    @Test("name: empty, blank or over 100 characters")
    func name() {
        #expect(summary(of: validWebhook { $0.name = "" }) == ["name empty"])
        #expect(summary(of: validWebhook { $0.name = "  \t" }) == ["name empty"])
        #expect(summary(of: validWebhook { $0.name = String(repeating: "é", count: 101) }) == ["name tooLong"])
        #expect(summary(of: validWebhook { $0.name = String(repeating: "é", count: 100) }).isEmpty)
    }

    @Test("url: unparseable, not https, no host, embedded credentials")
    func url() {
        #expect(summary(of: validWebhook { $0.url = "not a url" }) == ["url unparseableURL"])
        #expect(summary(of: validWebhook { $0.url = "" }) == ["url unparseableURL"])
        #expect(summary(of: validWebhook { $0.url = "http://example.com/hook" }) == ["url insecureScheme"])
        #expect(summary(of: validWebhook { $0.url = "ftp://example.com/" }) == ["url insecureScheme"])
        #expect(summary(of: validWebhook { $0.url = "https:///path" }) == ["url missingHost"])
        #expect(summary(of: validWebhook { $0.url = "https://user:pw@example.com/" }) == ["url embeddedCredentials"])
        #expect(summary(of: validWebhook { $0.url = "https://example.com:0/" }) == ["url unparseableURL"])
        #expect(summary(of: validWebhook { $0.url = "HTTPS://Example.COM:8443/x?y=1" }).isEmpty)
    }

    @Test("url problems never quote the URL, so a password in it stays hidden")
    func urlReasonsHideCredentials() throws {
        let found = problems(of: validWebhook { $0.url = "http://user:TOPSECRET@example.com/" })
        #expect(found.map(\.code) == [.insecureScheme, .embeddedCredentials])
        #expect(!found.map(\.description).joined().contains("TOPSECRET"))
    }

    @Test("authorization: empty token or password")
    func emptyCredentials() {
        #expect(summary(of: validWebhook { $0.authorization = .token("") }) == ["authorization.token empty"])
        #expect(summary(of: validWebhook { $0.authorization = .basic(username: "u", password: "") })
            == ["authorization.password empty"])
    }

    @Test("authorization: CR, LF or NUL in any credential is header injection", arguments: ["a\rb", "a\nb", "a\u{0}b", "x\r\nX-Evil=1"])
    func headerInjection(bad: String) {
        #expect(summary(of: validWebhook { $0.authorization = .token(bad) }) == ["authorization.token headerInjection"])
        #expect(summary(of: validWebhook { $0.authorization = .basic(username: "u", password: bad) })
            == ["authorization.password headerInjection"])
        #expect(summary(of: validWebhook { $0.authorization = .basic(username: bad, password: "p") })
            == ["authorization.username headerInjection"])
    }

    @Test("authorization: other control characters are refused, tab is allowed")
    func controlCharacters() {
        #expect(summary(of: validWebhook { $0.authorization = .token("a\u{7}b") }) == ["authorization.token controlCharacter"])
        #expect(summary(of: validWebhook { $0.authorization = .token("a\u{7F}b") }) == ["authorization.token controlCharacter"])
        #expect(summary(of: validWebhook { $0.authorization = .token("a\tb") }).isEmpty)
    }

    @Test("authorization: ':' in a Basic username")
    func colonInUsername() {
        #expect(summary(of: validWebhook { $0.authorization = .basic(username: "a:b", password: "p") })
            == ["authorization.username colonInUsername"])
        #expect(summary(of: validWebhook { $0.authorization = .basic(username: "a", password: "p:q") }).isEmpty)
    }

    @Test("credential problems never quote the credential")
    func credentialReasonsHideSecrets() {
        let found = problems(of: validWebhook { $0.authorization = .basic(username: "US:ER\r", password: "PASS\n") })
        #expect(found.count == 3)
        let text = ValidationError(problems: found).description
        #expect(!text.contains("US:ER"))
        #expect(!text.contains("PASS"))
    }

    @Test("topics: none, unparseable, or outside the catalog, each named by position")
    func topics() {
        #expect(summary(of: validWebhook { $0.topics = [] }) == ["topics empty"])
        #expect(summary(of: validWebhook { $0.topics = ["Standby.State", "Bad..Topic", "Audio.Volume", "RoomAnalytics.*"] })
            == ["topics[1] invalidTopic", "topics[2] topicOutsideCatalog"])
        let reason = problems(of: validWebhook { $0.topics = ["Audio.Volume"] }).first?.reason
        #expect(reason == "Audio.Volume matches no status or event in the catalog")
    }

    @Test("topics are checked against the catalog given")
    func customCatalog() throws {
        let catalog = EventCatalog.roomDevices.adding(try CatalogEntry(status: "Audio.Volume", valueKind: .integer))
        #expect(problems(of: validWebhook { $0.topics = ["Audio.Volume"] }, catalog: catalog).isEmpty)
        #expect(problems(of: validWebhook { $0.topics = ["Standby.State"] },
                         catalog: EventCatalog(entries: [])).map(\.code) == [.topicOutsideCatalog])
    }

    @Test("data source: an empty device or workspace list, or an empty id")
    func dataSource() {
        #expect(summary(of: validWebhook { $0.dataSource = .devices([]) }) == ["dataSource.devices empty"])
        #expect(summary(of: validWebhook { $0.dataSource = .workspaces([]) }) == ["dataSource.workspaces empty"])
        #expect(summary(of: validWebhook { $0.dataSource = .devices(["d", ""]) }) == ["dataSource.devices empty"])
    }

    @Test("activation delay: negative refused, zero allowed")
    func activationDelay() {
        #expect(summary(of: validWebhook { $0.activationDelay = .milliseconds(-1) }) == ["activationDelay invalidDuration"])
        #expect(summary(of: validWebhook { $0.activationDelay = .zero }).isEmpty)
    }

    @Test("signing secret: whsec_ and base64 of 24 to 64 bytes", arguments: [
        ("whsec_" + Data(repeating: 1, count: 24).base64EncodedString(), true),
        ("whsec_" + Data(repeating: 1, count: 64).base64EncodedString(), true),
        ("whsec_" + Data(repeating: 1, count: 23).base64EncodedString(), false),
        ("whsec_" + Data(repeating: 1, count: 65).base64EncodedString(), false),
        (Data(repeating: 1, count: 32).base64EncodedString(), false),
        ("whsec_not*base64!", false),
        ("whsec_", false),
    ])
    func signingSecret(secret: String, valid: Bool) {
        let found = problems(of: validWebhook { $0.signingSecret = secret })
        #expect(found.map(\.field) == (valid ? [] : ["signingSecret"]))
        let secretPart = String(secret.dropFirst(6))
        if !secretPart.isEmpty { #expect(!found.map(\.description).joined().contains(secretPart)) }
    }

    @Test("delivery options: batch size 1...1000, health checks at least a second apart")
    func deliveryOptions() {
        #expect(summary(of: validWebhook { $0.batchSize = 0 }) == ["batchSize outOfRange"])
        #expect(summary(of: validWebhook { $0.batchSize = 1001 }) == ["batchSize outOfRange"])
        #expect(summary(of: validWebhook { $0.batchSize = 1000 }).isEmpty)
        #expect(summary(of: validWebhook { $0.healthCheckInterval = .milliseconds(999) }) == ["healthCheckInterval invalidDuration"])
        #expect(summary(of: validWebhook { $0.healthCheckInterval = .seconds(60) }).isEmpty)
    }

    @Test("every problem is reported at once, in field order, one per line")
    func allAtOnce() {
        let webhook = validWebhook {
            $0.name = ""
            $0.url = "http://10.0.0.1/"
            $0.authorization = .token("")
            $0.dataSource = .devices([])
            $0.topics = []
            $0.signingSecret = "nope"
            $0.activationDelay = .seconds(-5)
        }
        #expect(summary(of: webhook) == [
            "name empty", "url insecureScheme", "url forbiddenAddress", "authorization.token empty",
            "dataSource.devices empty", "topics empty", "signingSecret invalidSigningSecret",
            "activationDelay invalidDuration",
        ])
        let description = ValidationError(problems: problems(of: webhook)).description
        let lines = description.split(separator: "\n")
        #expect(lines.first == "invalid webhook configuration (8 problems):")
        #expect(lines.dropFirst().first == "name: is empty")
        #expect(lines.count == 9)
        #expect(!description.contains("nope"))
    }
}
