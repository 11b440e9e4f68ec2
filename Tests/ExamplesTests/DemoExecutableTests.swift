import Testing

/// `webhook-demo` spawned as built: both ends, real TLS, real SQLite.
@Suite("webhook-demo end to end")
struct DemoExecutableTests {
    @Test func showsDeliveriesUnauthorizedAndUntrustedWebhooks() async throws {
        let result = try await Executables.run("webhook-demo", ["--seconds", "3"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let rows = result.output.split(separator: "\n")
        let wrong = try #require(rows.first { $0.hasPrefix("wrong-credentials") })
        let rogue = try #require(rows.first { $0.hasPrefix("self-signed") })
        let basic = try #require(rows.first { $0.hasPrefix("basic-auth") })
        #expect(wrong.contains("http_401"))
        #expect(rogue.contains("tlsUntrusted"))
        #expect(!basic.contains("http_") && !basic.contains("tls"))
        #expect(result.output.contains("the receiver stored"))
    }
}
