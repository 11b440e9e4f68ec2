import Foundation
import Testing
import WebhookKit
import WebhookKitHTTP
import WebhookKitTesting

/// HTTP behaviour of the client against a scripted Python TLS peer on loopback.
@Suite("HTTPClientTransport HTTP behaviour")
struct HTTPClientTransportTests {
    let certificates: ClientTestCertificates

    init() throws {
        certificates = try ClientTestCertificates.get()
    }

    /// Starts a peer off the cooperative thread pool: starting Python blocks for a while.
    func peer(_ responses: [String], ipv6: Bool = false, readDelay: Double = 0) async throws -> ScriptedTLSPeer {
        let certificates = certificates
        return try await ServerTestSupport.blocking {
            try ScriptedTLSPeer(certificate: certificates.good.certificatePath, key: certificates.good.privateKeyPath, responses: responses, ipv6: ipv6, readDelay: readDelay)
        }
    }

    func configuration(_ change: (inout HTTPClientTransport.Configuration) -> Void = { _ in }) -> HTTPClientTransport.Configuration {
        var configuration = HTTPClientTransport.Configuration(extraTrustAnchorsFile: certificates.ca.certificatePath)
        change(&configuration)
        return configuration
    }

    func request(host: String = "localhost", port: Int, headers: HTTPHeaders = [:], body: String = "{}", allowPrivate: Bool = true) throws -> WebhookRequest {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return WebhookRequest(endpoint: try WebhookEndpoint(url: "https://\(hostPart):\(port)/hooks?x=1"), headers: headers, body: Array(body.utf8), allowPrivateNetworks: allowPrivate)
    }

    func failure(_ transport: HTTPClientTransport, _ request: WebhookRequest) async -> TransportError? {
        do {
            _ = try await transport.send(request)
            return nil
        } catch {
            return error
        }
    }

    @Test("sends a well-formed POST with Host, Content-Length, headers and body")
    func requestEncoding() async throws {
        let server = try await peer(["ECHO"])
        defer { server.stop() }
        try await withHTTPClientTransport(configuration()) { (transport: HTTPClientTransport) async throws in
            let headers: HTTPHeaders = ["Content-Type": "application/json", "Authorization": "Basic dXNlcjpwYXNz", "Content-Length": "999"]
            let response = try await transport.send(try request(port: server.port, headers: headers, body: #"{"id":"m1"}"#))
            let echoed = String(decoding: response.bodyExcerpt, as: UTF8.self)
            #expect(echoed.hasPrefix("POST /hooks?x=1 HTTP/1.1\r\nHost: localhost:\(server.port)\r\nContent-Length: 11\r\n"))
            #expect(echoed.contains("\r\nAuthorization: Basic dXNlcjpwYXNz\r\n"))
            #expect(!echoed.contains("999"))
            #expect(echoed.hasSuffix("\r\n\r\n{\"id\":\"m1\"}"))
        }
    }

    @Test("a body larger than the socket buffers is sent in full while the peer reads slowly, and the connection is reused")
    func largeBody() async throws {
        // 8 MiB read 64 KiB at a time with pauses: more than the socket buffers hold, so
        // the sender must wait for the peer to drain them, again and again.
        let server = try await peer(["ADLER", "ADLER"], readDelay: 0.001)
        defer { server.stop() }
        var body = [UInt8](repeating: 0, count: 8 << 20)
        for index in body.indices { body[index] = UInt8(truncatingIfNeeded: index &* 31 &+ index >> 11) }
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in body {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let expected = "\(body.count) \(b << 16 | a)"
        try await withHTTPClientTransport(configuration()) { (transport: HTTPClientTransport) async throws in
            var large = try request(port: server.port)
            large.body = body
            large.timeout = .seconds(60)
            for _ in 0..<2 {
                let response = try await transport.send(large)
                #expect(String(decoding: response.bodyExcerpt, as: UTF8.self) == expected)
            }
            #expect(transport.openConnectionCount(host: "localhost", port: server.port, allowPrivateNetworks: true) == 1)
        }
    }

    @Test("reuses a keep-alive connection, and opens a new one after Connection: close")
    func keepAlive() async throws {
        let ok = "HTTP/1.1 200 OK\r\nX-Conn: {conn}\r\nContent-Length: 2\r\n\r\nok"
        let server = try await peer([ok, ok, "HTTP/1.1 200 OK\r\nX-Conn: {conn}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", ok])
        defer { server.stop() }
        try await withHTTPClientTransport(configuration()) { (transport: HTTPClientTransport) async throws in
            var connections: [String] = []
            for _ in 0..<4 {
                let response = try await transport.send(try request(port: server.port))
                connections.append(response.headers["x-conn"] ?? "?")
            }
            #expect(connections == ["1", "1", "1", "2"])
        }
    }

    @Test("reads chunked and close-delimited bodies, keeping the first 1 KiB")
    func bodies() async throws {
        let long = String(repeating: "z", count: 3000)
        let server = try await peer([
            "HTTP/1.1 503 Busy\r\nTransfer-Encoding: chunked\r\nRetry-After: 7\r\n\r\n4\r\nbusy\r\n0\r\n\r\n",
            "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n" + long,
        ])
        defer { server.stop() }
        try await withHTTPClientTransport(configuration()) { (transport: HTTPClientTransport) async throws in
            let first = try await transport.send(try request(port: server.port))
            #expect(first.statusCode == 503)
            #expect(first.headers["retry-after"] == "7")
            #expect(first.bodyExcerpt == Array("busy".utf8))
            let second = try await transport.send(try request(port: server.port))
            #expect(second.statusCode == 200)
            #expect(second.bodyExcerpt == Array(repeating: UInt8(ascii: "z"), count: 1024))
        }
    }

    @Test("classifies malformed responses, early closes and silence", arguments: [
        ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello", TransportError.Kind.protocolViolation),
        ("SOMETHING ELSE\r\n\r\n", .protocolViolation),
        ("CLOSE", .reset),
        ("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\nshort", .reset),
        ("SILENT", .timeout),
    ])
    func failures(response: String, kind: TransportError.Kind) async throws {
        let server = try await peer([response])
        defer { server.stop() }
        try await withHTTPClientTransport(configuration { $0.responseTimeout = .milliseconds(400) }) { (transport: HTTPClientTransport) async throws in
            #expect(await failure(transport, try request(port: server.port))?.kind == kind)
        }
    }

    @Test("the request timeout bounds the whole exchange")
    func requestTimeout() async throws {
        let server = try await peer(["SILENT"])
        defer { server.stop() }
        try await withHTTPClientTransport(configuration()) { (transport: HTTPClientTransport) async throws in
            var slow = try request(port: server.port)
            slow.timeout = .milliseconds(300)
            #expect(await failure(transport, slow)?.kind == .timeout)
        }
    }

    @Test("refuses private addresses after resolution unless allowed", arguments: ["localhost", "127.0.0.1", "::1"])
    func forbiddenAddress(host: String) async throws {
        try await withHTTPClientTransport(configuration()) { (transport: HTTPClientTransport) async throws in
            let error = await failure(transport, try request(host: host, port: 9, allowPrivate: false))
            #expect(error?.kind == .forbiddenAddress)
            #expect(error?.detail.contains("loopback") == true)
        }
    }

    @Test("a name that does not resolve is a dns error")
    func dns() async throws {
        try await withHTTPClientTransport(configuration()) { (transport: HTTPClientTransport) async throws in
            #expect(await failure(transport, try request(host: "no-such-host.invalid", port: 443))?.kind == .dns)
        }
    }

    @Test("connects over IPv6 and reports the address it connected to")
    func ipv6() async throws {
        let server = try await peer(["HTTP/1.1 204 No Content\r\n\r\n"], ipv6: true)
        defer { server.stop() }
        try await withHTTPClientTransport(configuration()) { (transport: HTTPClientTransport) async throws in
            let response = try await transport.send(try request(host: "::1", port: server.port))
            #expect(response.statusCode == 204)
            #expect(response.remoteAddress == "[::1]:\(server.port)")
        }
    }

    @Test("keeps at most maxConnectionsPerOrigin connections under concurrent load")
    func connectionLimit() async throws {
        let certificates = certificates
        let echoConn = try await ServerTestSupport.blocking {
            try ScriptedTLSPeer(
                certificate: certificates.good.certificatePath, key: certificates.good.privateKeyPath, responses: [],
                fallback: "HTTP/1.1 200 OK\r\nX-Conn: {conn}\r\nContent-Length: 0\r\n\r\n"
            )
        }
        defer { echoConn.stop() }
        try await withHTTPClientTransport(configuration { $0.maxConnectionsPerOrigin = 3 }) { (transport: HTTPClientTransport) async throws in
            let target = try request(port: echoConn.port)
            let connections = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<40 { group.addTask { try await transport.send(target).headers["x-conn"] ?? "?" } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(connections.count <= 3)
            #expect(!connections.contains("?"))
            #expect(transport.openConnectionCount(host: "localhost", port: echoConn.port, allowPrivateNetworks: true) <= 3)
        }
    }

    @Test("refuses header values that would split the request, without echoing them")
    func headerInjection() async throws {
        try await withHTTPClientTransport(configuration()) { (transport: HTTPClientTransport) async throws in
            let error = await failure(transport, try request(port: 9, headers: ["Authorization": "secret\r\nX-Evil: 1"]))
            #expect(error?.kind == .protocolViolation)
            #expect(error?.detail.contains("secret") == false)
        }
    }

    @Test("after shutdown, requests are refused")
    func shutdown() async throws {
        let transport = try HTTPClientTransport(configuration: configuration())
        transport.shutdown()
        #expect(await failure(transport, try request(port: 9))?.kind == .connect)
    }
}
