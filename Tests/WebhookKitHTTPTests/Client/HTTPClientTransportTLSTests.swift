import Foundation
import Testing
import WebhookKit
import WebhookKitHTTP
import WebhookKitTesting

/// The client's certificate checks against real TLS servers on loopback.
@Suite("HTTPClientTransport TLS verification")
struct HTTPClientTransportTLSTests {
    func request(host: String = "localhost", port: Int, timeout: Duration? = nil) throws -> WebhookRequest {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return WebhookRequest(
            endpoint: try WebhookEndpoint(url: "https://\(hostPart):\(port)/hooks/room"),
            headers: ["Content-Type": "application/json"], body: Array(#"{"type":"test"}"#.utf8),
            allowPrivateNetworks: true, timeout: timeout
        )
    }

    func failureKind(_ transport: HTTPClientTransport, _ request: WebhookRequest) async -> TransportError.Kind? {
        do {
            _ = try await transport.send(request)
            return nil
        } catch {
            return error.kind
        }
    }

    @Test("a certificate from the CA given as trust anchor is accepted (nginx)")
    func trustedAnchor() async throws {
        let certificates = try ClientTestCertificates.get()
        let nginx = try await ServerTestSupport.blocking {
            try NginxPeer(certificate: certificates.good.certificatePath, key: certificates.good.privateKeyPath)
        }
        defer { nginx.stop() }
        try await withHTTPClientTransport(.init(extraTrustAnchorsFile: certificates.ca.certificatePath)) { (transport: HTTPClientTransport) async throws in
            for host in ["localhost", "127.0.0.1"] {
                let response = try await transport.send(try request(host: host, port: nginx.port))
                #expect(response.statusCode == 200)
                #expect(String(decoding: response.bodyExcerpt, as: UTF8.self) == "delivered\n")
                #expect(response.remoteAddress == "127.0.0.1:\(nginx.port)")
            }
        }
        // Without the anchor the same server is not trusted: the system store does not know the dev CA.
        try await withHTTPClientTransport { (transport: HTTPClientTransport) async throws in
            #expect(try await failureKind(transport, request(port: nginx.port)) == .tlsUntrusted)
        }
    }

    @Test("refuses a self-signed certificate as tlsUntrusted")
    func selfSigned() async throws {
        let certificates = try ClientTestCertificates.get()
        let (server, port) = try await ServerTestSupport.blocking { try ClientTestNetwork.startOpenSSLServer(certificate: certificates.selfSigned) }
        defer { server.stop() }
        try await withHTTPClientTransport(.init(extraTrustAnchorsFile: certificates.ca.certificatePath)) { (transport: HTTPClientTransport) async throws in
            #expect(try await failureKind(transport, request(port: port)) == .tlsUntrusted)
        }
    }

    @Test("refuses an expired certificate as tlsExpired")
    func expired() async throws {
        let certificates = try ClientTestCertificates.get()
        let (server, port) = try await ServerTestSupport.blocking { try ClientTestNetwork.startOpenSSLServer(certificate: certificates.expired) }
        defer { server.stop() }
        try await withHTTPClientTransport(.init(extraTrustAnchorsFile: certificates.ca.certificatePath)) { (transport: HTTPClientTransport) async throws in
            #expect(try await failureKind(transport, request(port: port)) == .tlsExpired)
        }
    }

    @Test("refuses a certificate for another name or IP as tlsHostMismatch")
    func otherName() async throws {
        let certificates = try ClientTestCertificates.get()
        let (server, port) = try await ServerTestSupport.blocking { try ClientTestNetwork.startOpenSSLServer(certificate: certificates.otherName) }
        defer { server.stop() }
        try await withHTTPClientTransport(.init(extraTrustAnchorsFile: certificates.ca.certificatePath)) { (transport: HTTPClientTransport) async throws in
            #expect(try await failureKind(transport, request(host: "localhost", port: port)) == .tlsHostMismatch)
            #expect(try await failureKind(transport, request(host: "127.0.0.1", port: port)) == .tlsHostMismatch)
        }
    }

    @Test("a server that never completes the TLS handshake times out")
    func handshakeTimeout() async throws {
        let listener = try SilentListener()
        defer { listener.stop() }
        let configuration = HTTPClientTransport.Configuration(tlsHandshakeTimeout: .milliseconds(300))
        try await withHTTPClientTransport(configuration) { (transport: HTTPClientTransport) async throws in
            #expect(try await failureKind(transport, request(port: listener.port)) == .timeout)
        }
    }

    @Test("a closed port is a connect error")
    func closedPort() async throws {
        let port = ClientTestNetwork.freePort()
        try await withHTTPClientTransport { (transport: HTTPClientTransport) async throws in
            #expect(try await failureKind(transport, request(host: "127.0.0.1", port: port)) == .connect)
        }
    }

    @Test("an unreadable trust anchors file is a configuration error naming the file")
    func badAnchors() {
        #expect(throws: HTTPClientTransport.ConfigurationError.self) {
            _ = try HTTPClientTransport(configuration: .init(extraTrustAnchorsFile: "/nonexistent/anchors.pem"))
        }
        do {
            _ = try HTTPClientTransport(configuration: .init(extraTrustAnchorsFile: "/nonexistent/anchors.pem"))
        } catch {
            #expect(error.description.contains("/nonexistent/anchors.pem"))
        }
    }
}
