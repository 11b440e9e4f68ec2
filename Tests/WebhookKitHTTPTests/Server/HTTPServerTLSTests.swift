import Foundation
import Testing
import WebhookKit
import WebhookKitHTTP
import WebhookKitTesting

@Suite("HTTPServer over TLS against curl and openssl")
struct HTTPServerTLSTests {
    let certificates: (ca: String, server: TLSServerConfiguration)

    init() throws {
        let made = try ServerTestSupport.certificates("tls")
        certificates = (made.ca.certificatePath, ServerTestSupport.tls(made.server))
    }

    func configuration(_ change: (inout HTTPServer.Configuration) -> Void = { _ in }) -> HTTPServer.Configuration {
        var configuration = HTTPServer.Configuration(tls: certificates.server, eventLoopCount: 2)
        change(&configuration)
        return configuration
    }

    func curl(_ arguments: [String]) async throws -> ServerTestSupport.ProcessResult {
        try await ServerTestSupport.run(["curl", "-sS", "--cacert", certificates.ca] + arguments)
    }

    @Test("curl reuses one kept-alive TLS connection for several requests")
    func keepAlive() async throws {
        try await withHTTPServer(configuration: configuration(), handler: ServerTestSupport.echo) { server in
            let url = "https://localhost:\(try #require(server.port))/"
            let result = try await curl(["-o", "/dev/null", "-w", "%{http_code} %{num_connects}\n", url + "1", url + "2", url + "3"])
            #expect(result.status == 0, "\(result.errorOutput)")
            #expect(result.output == "200 1\n200 0\n200 0\n")
        }
    }

    @Test("a chunked upload arrives de-chunked")
    func chunkedUpload() async throws {
        let directory = ServerTestSupport.temporaryDirectory("upload")
        let payload = String(repeating: "0123456789abcdef", count: 10_000)
        try payload.write(toFile: directory + "/body", atomically: true, encoding: .utf8)
        try await withHTTPServer(configuration: configuration(), handler: ServerTestSupport.echo) { server in
            let result = try await curl([
                "-i", "-H", "Transfer-Encoding: chunked", "--data-binary", "@\(directory)/body",
                "https://127.0.0.1:\(try #require(server.port))/upload",
            ])
            #expect(result.status == 0, "\(result.errorOutput)")
            #expect(result.output.contains("X-Body-Length: 160000"))
            #expect(result.output.hasSuffix(payload))
        }
    }

    @Test("an oversized body is refused with 413 and the connection closed")
    func tooLarge() async throws {
        let directory = ServerTestSupport.temporaryDirectory("large")
        try String(repeating: "x", count: 5000).write(toFile: directory + "/body", atomically: true, encoding: .utf8)
        let config = configuration { $0.limits.maximumBodyBytes = 4096 }
        try await withHTTPServer(configuration: config, handler: ServerTestSupport.echo) { server in
            let url = "https://localhost:\(try #require(server.port))/"
            let declared = try await curl(["-i", "--data-binary", "@\(directory)/body", url])
            #expect(declared.output.hasPrefix("HTTP/1.1 413"))
            #expect(declared.output.contains("Connection: close"))
            let chunked = try await curl(["-i", "-H", "Transfer-Encoding: chunked", "--data-binary", "@\(directory)/body", url])
            #expect(chunked.output.hasPrefix("HTTP/1.1 413"))
        }
    }

    @Test("an oversized header section is refused with 431")
    func headersTooLarge() async throws {
        try await withHTTPServer(configuration: configuration(), handler: ServerTestSupport.echo) { server in
            let result = try await curl([
                "-o", "/dev/null", "-w", "%{http_code}", "-H", "X-Big: " + String(repeating: "b", count: 17_000),
                "https://localhost:\(try #require(server.port))/",
            ])
            #expect(result.output == "431")
        }
    }

    @Test("Expect: 100-continue is answered before the body is sent")
    func expectContinue() async throws {
        try await withHTTPServer(configuration: configuration(), handler: ServerTestSupport.echo) { server in
            let result = try await curl([
                "-v", "-H", "Expect: 100-continue", "--expect100-timeout", "30", "--data-binary", "payload",
                "https://localhost:\(try #require(server.port))/",
            ])
            #expect(result.errorOutput.contains("HTTP/1.1 100 Continue"))
            #expect(result.output == "payload")
        }
    }

    @Test("pipelined requests over openssl s_client are answered in order")
    func pipelining() async throws {
        try await withHTTPServer(configuration: configuration(), handler: ServerTestSupport.echo) { server in
            let requests = "GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\nGET /c HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
            let result = try await ServerTestSupport.run(
                ["openssl", "s_client", "-quiet", "-ign_eof", "-CAfile", certificates.ca, "-connect", "127.0.0.1:\(try #require(server.port))"],
                input: Array(requests.utf8))
            let targets = result.output.components(separatedBy: "\r\n").filter { $0.hasPrefix("X-Target: ") }
            #expect(targets == ["X-Target: /a", "X-Target: /b", "X-Target: /c"])
        }
    }

    @Test("garbage after the TLS handshake gets 400 and a closed connection")
    func garbageAfterHandshake() async throws {
        try await withHTTPServer(configuration: configuration(), handler: ServerTestSupport.echo) { server in
            let result = try await ServerTestSupport.run(
                ["openssl", "s_client", "-quiet", "-ign_eof", "-CAfile", certificates.ca, "-connect", "127.0.0.1:\(try #require(server.port))"],
                input: [0x01, 0x02, 0xFF, 0x00] + Array(" garbage\r\n\r\n".utf8))
            #expect(result.output.hasPrefix("HTTP/1.1 400 Bad Request"))
            #expect(result.output.contains("Connection: close"))
        }
    }

    @Test("plain HTTP sent to the TLS port gets a readable 400")
    func plaintextToTLSPort() async throws {
        try await withHTTPServer(configuration: configuration(), handler: ServerTestSupport.echo) { server in
            let port = try #require(server.port)
            let reply = try await ServerTestSupport.blocking {
                let client = try RawClient(port: port)
                client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
                return client.readToEnd()
            }
            #expect(reply.text.hasPrefix("HTTP/1.1 400 Bad Request"))
            #expect(reply.text.contains("HTTPS"))
            #expect(reply.closed)
        }
    }

    @Test("TLS 1.3 is chosen when offered; TLS 1.1 is refused")
    func versions() async throws {
        try await withHTTPServer(configuration: configuration(), handler: ServerTestSupport.echo) { server in
            let url = "https://localhost:\(try #require(server.port))/"
            let modern = try await curl(["-v", "-o", "/dev/null", url])
            #expect(modern.errorOutput.contains("TLSv1.3"))
            let old = try await curl(["-o", "/dev/null", "--tlsv1.1", "--tls-max", "1.1", url])
            #expect(old.status != 0)
            let twelve = try await curl(["-o", "/dev/null", "-w", "%{http_code}", "--tls-max", "1.2", url])
            #expect(twelve.output == "200")
        }
    }

    @Test("IPv6 loopback is served")
    func ipv6() async throws {
        try await withHTTPServer(configuration: configuration { $0.host = "::1" }, handler: ServerTestSupport.echo) { server in
            let result = try await curl(["-g", "-o", "/dev/null", "-w", "%{http_code}", "https://[::1]:\(try #require(server.port))/"])
            #expect(result.output == "200", "\(result.errorOutput)")
        }
    }
}
