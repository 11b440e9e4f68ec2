import Foundation
import Testing
import WebhookKit
import WebhookKitHTTP

@Suite("HTTPServer over plain TCP")
struct HTTPServerPlainTests {
    static func configuration(_ change: (inout HTTPServer.Configuration) -> Void = { _ in }) -> HTTPServer.Configuration {
        var configuration = HTTPServer.Configuration(tls: nil, eventLoopCount: 2)
        change(&configuration)
        return configuration
    }

    @Test("curl gets the handler's response")
    func curlPlain() async throws {
        try await withHTTPServer(configuration: Self.configuration(), handler: ServerTestSupport.echo) { server in
            let port = try #require(server.port)
            let result = try await ServerTestSupport.run(["curl", "-sS", "-i", "--data-binary", "hello", "http://127.0.0.1:\(port)/a?b=1"])
            #expect(result.status == 0, "\(result.errorOutput)")
            #expect(result.output.hasPrefix("HTTP/1.1 200 OK"))
            #expect(result.output.contains("X-Target: /a?b=1"))
            #expect(result.output.hasSuffix("\r\n\r\nhello"))
        }
    }

    @Test("pipelined requests are answered in order")
    func pipelining() async throws {
        try await withHTTPServer(configuration: Self.configuration(), handler: ServerTestSupport.echo) { server in
            let port = try #require(server.port)
            let text = try await ServerTestSupport.blocking {
                let client = try RawClient(port: port)
                client.send(
                    "POST /1 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\none"
                    + "GET /2 HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "POST /3 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nthree\r\n0\r\n\r\n")
                return client.readToEnd().text
            }
            let targets = text.components(separatedBy: "\r\n").filter { $0.hasPrefix("X-Target: ") }
            #expect(targets == ["X-Target: /1", "X-Target: /2", "X-Target: /3"])
            #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 4)
            #expect(text.hasSuffix("three"))
        }
    }
}
