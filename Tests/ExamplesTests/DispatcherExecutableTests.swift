import Foundation
import Testing
import WebhookKit
import WebhookKitTesting

/// `webhook-dispatcher` spawned as built, with a real SQLite store, delivering over real
/// TLS to a spawned `webhook-receiver`.
@Suite("webhook-dispatcher end to end")
struct DispatcherExecutableTests {
    @Test func addValidationListsEveryProblemAndExitsTwo() async throws {
        let directory = try Executables.temporaryDirectory("dispatcher-invalid")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try await Executables.run("webhook-dispatcher", [
            "--store", directory + "/w.sqlite", "webhooks", "add", "--name", "", "--url", "http://127.0.0.1/x",
            "--token", "s3cret-token", "--topics", "Not.In.Catalog", "--activation-delay", "soon",
        ])
        #expect(result.status == 2)
        for field in ["name:", "url:", "topics[0]:", "activationDelay:"] {
            #expect(result.errorOutput.contains("  \(field)"), "\(field) missing in \(result.errorOutput)")
        }
        #expect(!result.errorOutput.contains("s3cret-token"))
        let list = try await Executables.run("webhook-dispatcher", ["--store", directory + "/w.sqlite", "webhooks", "list"])
        #expect(list.output == "no webhooks\n")
    }

    @Test func helpOnEveryCommandAndUsageErrors() async throws {
        for command in [[], ["webhooks"], ["webhooks", "add"], ["webhooks", "test"], ["publish"], ["run"], ["deliveries"], ["replay"], ["metrics"]] {
            let help = try await Executables.run("webhook-dispatcher", command + ["--help"])
            #expect(help.status == 0, "\(command)")
            #expect(help.output.contains("Usage: webhook-dispatcher"), "\(command)")
        }
        let unknown = try await Executables.run("webhook-dispatcher", ["webhooks", "frob"])
        #expect(unknown.status == 2)
        #expect(unknown.errorOutput.split(separator: "\n").count == 1)
        let replay = try await Executables.run("webhook-dispatcher", ["replay", "abc"])
        #expect(replay.status == 2)
        #expect(replay.errorOutput == "error: give either --message MSGID or --dead-letters\n")
    }

    @Test func registersPublishesAndReportsWithoutShowingCredentials() async throws {
        let directory = try Executables.temporaryDirectory("dispatcher")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ca = try DevCertificateAuthority(directory: directory + "/ca")
        let server = try ca.issue(name: "server")
        let receiver = try RunningProcess("webhook-receiver", [
            "--listen", "127.0.0.1:0", "--cert", server.certificatePath, "--key", server.privateKeyPath,
            "--basic", "hub:pa55word-xyz", "--threads", "1",
        ])
        let port = try await receiver.listeningPort()
        let store = ["--store", directory + "/hooks.sqlite"]

        let added = try await Executables.run("webhook-dispatcher", store + [
            "webhooks", "add", "--name", "rooms", "--url", "https://localhost:\(port)/hooks", "--basic", "hub:pa55word-xyz",
            "--topics", "RoomAnalytics.*,CallSuccessful", "--activation-delay", "0", "--allow-private-networks",
        ])
        #expect(added.status == 0, "\(added.errorOutput)")
        let id = try #require(added.output.split(separator: "\n").first?.split(separator: " ").last.map(String.init))
        let list = try await Executables.run("webhook-dispatcher", store + ["webhooks", "list"])
        let show = try await Executables.run("webhook-dispatcher", store + ["webhooks", "show", id])
        #expect(list.output.contains("rooms"))
        #expect(list.output.contains("localhost:\(port)"))
        #expect(show.output.contains("basic (user hub, password hidden)"))
        for output in [added.output, list.output, show.output, added.errorOutput, show.errorOutput] {
            #expect(!output.contains("pa55word"))
        }

        let lines = [
            #"{"id":"e-1","type":"events","deviceId":"d1","timestamp":"2026-12-04T19:35:34.123Z","events":[{"key":"CallSuccessful","value":{},"timestamp":"2026-12-04T19:35:34.123Z"}]}"#,
            #"{"id":"broken","type":"events""#,
            #"{"id":"e-2","type":"events","deviceId":"d2","timestamp":"2026-12-04T19:35:35.123Z","events":[{"key":"CallSuccessful","value":{},"timestamp":"2026-12-04T19:35:35.123Z"}]}"#,
        ]
        let publish = try await Executables.run(
            "webhook-dispatcher", store + ["publish", "--trust-ca", ca.certificatePath, "--duration", "20s"],
            input: lines.joined(separator: "\n") + "\n"
        )
        #expect(publish.status == 0, "\(publish.errorOutput)")
        #expect(publish.errorOutput.contains("line 2: "))
        #expect(publish.output.contains("published 2 notification(s), 1 bad line(s) skipped"))
        try await receiver.waitFor("device=d2 type=events paths=CallSuccessful status=200")
        #expect(receiver.text.contains("device=d1 type=events paths=CallSuccessful status=200"))

        let deliveries = try await Executables.run("webhook-dispatcher", store + ["deliveries", id])
        #expect(deliveries.output.contains("e-1"))
        #expect(deliveries.output.contains("e-2"))
        let metrics = try await Executables.run("webhook-dispatcher", store + ["metrics", "--format", "json"])
        let snapshot = try JSONDecoder().decode(DeliveryMetricsSnapshot.self, from: Data(metrics.output.utf8))
        #expect(snapshot[WebhookID(id)]?.figures.delivered == 2)
        #expect(snapshot.totals.queueDepth == 0)
        let untrusted = try await Executables.run("webhook-dispatcher", store + ["webhooks", "test", id])
        #expect(untrusted.status == 1)
        #expect(untrusted.output.contains("tlsUntrusted"))
        #expect(try await receiver.terminate() == 0)
    }
}
