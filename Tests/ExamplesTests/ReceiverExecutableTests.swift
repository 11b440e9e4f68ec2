import Foundation
import Testing
import WebhookKit
import WebhookKitCLI
import WebhookKitHTTP
import WebhookKitTesting

/// `webhook-receiver` spawned as built, over real TLS (dev CA), answering curl.
@Suite("webhook-receiver end to end")
struct ReceiverExecutableTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    /// curl with the dev CA as the only trust anchor; returns "STATUS BODY".
    private func curl(_ port: Int, _ ca: String, _ arguments: [String]) async throws -> (Int, String) {
        let result = try await Executables.run("/usr/bin/curl", ["-sS", "--cacert", ca, "-w", "\n%{http_code}"] + arguments.map {
            $0.replacingOccurrences(of: "BASE", with: "https://localhost:\(port)")
        })
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? -1, lines.dropLast().joined(separator: "\n"))
    }

    private func signedHeaders(id: String, body: String) throws -> [String] {
        let timestamp = Int64(Date().timeIntervalSince1970)
        let signature = WebhookSignature.sign(
            messageID: id, timestamp: timestamp, body: Array(body.utf8), secrets: [try SigningSecret(Self.secret)], hmac: OpenSSLHMAC()
        )
        return ["-H", "webhook-id: \(id)", "-H", "webhook-timestamp: \(timestamp)", "-H", "webhook-signature: \(signature)"]
    }

    private func notification(id: String, people: Int = 3) -> String {
        #"{"id":"\#(id)","type":"status","deviceId":"desk-1","workspaceId":"room-1","timestamp":"2026-12-04T19:35:34.123Z","changes":{"updated":{"RoomAnalytics.PeopleCount.Current":\#(people)},"removed":[]}}"#
    }

    @Test func authenticatesVerifiesStoresOnceAndRunsTriggers() async throws {
        let directory = try Executables.temporaryDirectory("receiver")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ca = try DevCertificateAuthority(directory: directory + "/ca")
        let server = try ca.issue(name: "server")
        let receiver = try RunningProcess("webhook-receiver", [
            "--listen", "127.0.0.1:0", "--cert", server.certificatePath, "--key", server.privateKeyPath,
            "--token", "Bearer t0ken-123", "--signing-secret", Self.secret, "--store", directory + "/received.sqlite",
            "--max-body", "2048", "--threads", "1",
            "--on", "RoomAnalytics.PeopleCount.*", "--exec", "cat > \(directory)/stdin.json; printf '%s|%s|%s' \"$DEVICE_ID\" \"$XAPI_PATH\" \"$VALUE\" > \(directory)/env.txt; echo ran",
        ])
        let port = try await receiver.listeningPort()
        let anchor = ca.certificatePath
        let body = notification(id: "msg-1")
        let auth = ["-H", "Authorization: Bearer t0ken-123"]

        #expect(try await curl(port, anchor, ["BASE/healthz"]).0 == 200)
        #expect(try await curl(port, anchor, ["BASE/hooks", "-d", body] + signedHeaders(id: "msg-1", body: body)).0 == 401)
        #expect(try await curl(port, anchor, ["BASE/hooks", "-H", "Authorization: Bearer wrong", "-d", body] + signedHeaders(id: "msg-1", body: body)).0 == 401)
        let unsigned = try await curl(port, anchor, ["BASE/hooks", "-d", body] + auth)
        #expect(unsigned.0 == 401)
        #expect(unsigned.1.contains("signature"))
        let tampered = notification(id: "msg-1", people: 9)
        #expect(try await curl(port, anchor, ["BASE/hooks", "-d", tampered] + auth + signedHeaders(id: "msg-1", body: body)).0 == 401)

        let stored = try await curl(port, anchor, ["BASE/hooks", "-d", body] + auth + signedHeaders(id: "msg-1", body: body))
        #expect(stored.0 == 200)
        #expect(stored.1.contains(#""stored":1"#))
        let duplicate = try await curl(port, anchor, ["BASE/any/path", "-d", body] + auth + signedHeaders(id: "msg-1", body: body))
        #expect(duplicate.0 == 200)
        #expect(duplicate.1.contains(#""duplicates":1"#))

        let malformed = #"{"id":"msg-2","type":"status"}"#
        let badRequest = try await curl(port, anchor, ["BASE/hooks", "-d", malformed] + auth + signedHeaders(id: "msg-2", body: malformed))
        #expect(badRequest.0 == 400)
        #expect(badRequest.1.contains("missing field"))
        let large = String(repeating: "x", count: 4096)
        #expect(try await curl(port, anchor, ["BASE/hooks", "-d", large] + auth + signedHeaders(id: "msg-3", body: large)).0 == 413)

        let metrics = try await curl(port, anchor, ["BASE/metrics"])
        #expect(metrics.0 == 200)
        #expect(metrics.1.contains("webhookkit_receiver_stored_total 1"))
        #expect(metrics.1.contains("webhookkit_receiver_duplicates_total 1"))
        #expect(metrics.1.contains(#"webhookkit_receiver_rejected_total{reason="signature"} 2"#))
        #expect(metrics.1.contains("webhookkit_receiver_request_duration_seconds_count"))

        try await receiver.waitFor("trigger 1: exec for desk-1 RoomAnalytics.PeopleCount.Current exited 0")
        #expect(try String(contentsOfFile: directory + "/env.txt", encoding: .utf8) == "desk-1|RoomAnalytics.PeopleCount.Current|3")
        #expect(try String(contentsOfFile: directory + "/stdin.json", encoding: .utf8).contains(#""id":"msg-1""#))
        #expect(receiver.text.contains("trigger 1 | ran"))
        #expect(receiver.text.contains("device=desk-1 type=status paths=RoomAnalytics.PeopleCount.Current status=200"))
        #expect(!receiver.text.contains("t0ken-123"))
        #expect(!receiver.text.contains(Self.secret))

        #expect(try await receiver.terminate() == 0)
        let file = try NotificationStoreFile.open(path: directory + "/received.sqlite")
        #expect(try await file.count() == 1)
        await file.close()
    }

    @Test func usageErrorsExitTwoWithOneLine() async throws {
        let missingAuth = try await Executables.run("webhook-receiver", ["--listen", "127.0.0.1:0", "--cert", "c", "--key", "k"])
        #expect(missingAuth.status == 2)
        #expect(missingAuth.errorOutput == "error: give --basic USER:PASSWORD or --token TOKEN\n")
        let badTrigger = try await Executables.run("webhook-receiver", ["--listen", "x", "--cert", "c", "--key", "k", "--token", "t"])
        #expect(badTrigger.status == 2)
        let help = try await Executables.run("webhook-receiver", ["--help"])
        #expect(help.status == 0)
        #expect(help.output.contains("--signing-secret"))
        let missingFile = try await Executables.run("webhook-receiver", ["--listen", "127.0.0.1:0", "--cert", "/nonexistent.pem", "--key", "/nonexistent.key", "--token", "t"])
        #expect(missingFile.status == 1)
        #expect(missingFile.errorOutput.hasPrefix("error: "))
    }
}
