import Testing
import WebhookKit

@Suite("URLSessionTransport")
struct URLSessionTransportTests {
    func failure(_ url: String, allowPrivate: Bool) async throws -> TransportError? {
        let request = WebhookRequest(endpoint: try WebhookEndpoint(url: url), headers: [:], body: [], allowPrivateNetworks: allowPrivate, timeout: .seconds(5))
        do {
            _ = try await URLSessionTransport().send(request)
            return nil
        } catch {
            return error
        }
    }

    @Test("refuses private IP literals unless allowed")
    func literal() async throws {
        #expect(try await failure("https://127.0.0.1:9/x", allowPrivate: false)?.kind == .forbiddenAddress)
        #expect(try await failure("https://[::ffff:10.0.0.1]:9/x", allowPrivate: false)?.kind == .forbiddenAddress)
    }

    @Test("a closed port is a connect error")
    func closedPort() async throws {
        let port = ClientTestNetwork.freePort()
        #expect(try await failure("https://127.0.0.1:\(port)/x", allowPrivate: true)?.kind == .connect)
    }
}
