import Foundation
import Testing
import WebhookKit
import WebhookKitHTTP
import WebhookKitTesting

@Suite("TLSServerContext")
struct TLSServerContextTests {
    let ca: DevCertificateAuthority
    let server: DevCertificateAuthority.IssuedCertificate

    init() throws {
        (ca, server) = try ServerTestSupport.certificates("context")
    }

    func error(certificate: String, key: String) -> TLSConfigurationError? {
        do {
            _ = try TLSServerContext(configuration: TLSServerConfiguration(certificateChainPath: certificate, privateKeyPath: key))
            return nil
        } catch {
            return error
        }
    }

    @Test("valid EC and RSA identities load")
    func valid() throws {
        #expect(error(certificate: server.certificatePath, key: server.privateKeyPath) == nil)
        let key = ca.directory + "/rsa.key"
        let cert = ca.directory + "/rsa.pem"
        try DevCertificateAuthority.openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"])
        #expect(error(certificate: cert, key: key) == nil)
    }

    @Test("a missing file is named")
    func missing() throws {
        let missing = try #require(error(certificate: ca.directory + "/nope.pem", key: server.privateKeyPath))
        #expect(missing.kind == .fileNotFound)
        #expect(missing.path == ca.directory + "/nope.pem")
        #expect(missing.description.contains("nope.pem"))
    }

    @Test("an unreadable path is reported as unreadable")
    func unreadable() throws {
        let unreadable = try #require(error(certificate: server.certificatePath, key: ca.directory))
        #expect(unreadable.kind == .fileUnreadable)
        #expect(unreadable.path == ca.directory)
    }

    @Test("a file that is not PEM is refused")
    func notPEM() throws {
        let der = ca.directory + "/server.der"
        try DevCertificateAuthority.openssl(["x509", "-in", server.certificatePath, "-outform", "DER", "-out", der])
        #expect(error(certificate: der, key: server.privateKeyPath)?.kind == .notPEM)
        #expect(error(certificate: server.certificatePath, key: server.certificatePath)?.kind == .notPEM)
    }

    @Test("a key that does not fit the certificate is refused")
    func mismatch() throws {
        let other = try ca.issue(name: "other")
        let mismatch = try #require(error(certificate: server.certificatePath, key: other.privateKeyPath))
        #expect(mismatch.kind == .keyMismatch)
        #expect(!mismatch.description.contains("BEGIN"))
    }

    @Test("an encrypted key is refused without prompting")
    func encrypted() throws {
        let encrypted = ca.directory + "/encrypted.key"
        try DevCertificateAuthority.openssl(["pkey", "-in", server.privateKeyPath, "-aes256", "-passout", "pass:secret", "-out", encrypted])
        #expect(error(certificate: server.certificatePath, key: encrypted)?.kind == .encryptedKey)
    }

    @Test("the HTTP server reports TLS problems when created")
    func serverWrapsError() throws {
        let configuration = HTTPServer.Configuration(tls: TLSServerConfiguration(certificateChainPath: "/nonexistent.pem", privateKeyPath: server.privateKeyPath))
        do {
            _ = try HTTPServer(configuration: configuration, handler: ServerTestSupport.echo)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .tls)
            #expect(error.tls?.kind == .fileNotFound)
        }
    }

    @Test("SNI selects the identity for the requested name")
    func serverNameIndication() async throws {
        let other = try ca.issue(name: "sni", dnsNames: ["other.test"], ipAddresses: [])
        var tls = ServerTestSupport.tls(server)
        tls.serverNameIdentities["Other.Test"] = .init(certificateChainPath: other.certificatePath, privateKeyPath: other.privateKeyPath)
        let handler = HTTPClosureHandler { request in .text(request.serverName ?? "none") }
        try await withHTTPServer(configuration: .init(tls: tls, eventLoopCount: 1), handler: handler) { httpServer in
            let port = try #require(httpServer.port)
            // curl checks the certificate against the name, so success proves the choice.
            let named = try await ServerTestSupport.run([
                "curl", "-sS", "--cacert", ca.certificatePath, "--resolve", "other.test:\(port):127.0.0.1", "https://other.test:\(port)/",
            ])
            #expect(named.output == "other.test", "\(named.errorOutput)")
            let fallback = try await ServerTestSupport.run(["curl", "-sS", "--cacert", ca.certificatePath, "https://localhost:\(port)/"])
            #expect(fallback.output == "localhost", "\(fallback.errorOutput)")
        }
    }
}
