import Foundation
import Synchronization
import Testing
import WebhookKit
import WebhookKitHTTP

@Suite("HTTPServer limits, timeouts and shutdown")
struct HTTPServerLimitsTests {
    static func configuration(_ change: (inout HTTPServer.Configuration) -> Void = { _ in }) -> HTTPServer.Configuration {
        var configuration = HTTPServer.Configuration(tls: nil, eventLoopCount: 2)
        configuration.timeouts = .init(handshake: .milliseconds(200), headers: .milliseconds(200), body: .milliseconds(200),
                                       idle: .milliseconds(200), linger: .milliseconds(200))
        change(&configuration)
        return configuration
    }

    @Test("refusals close the connection after the answer", arguments: [
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc", "HTTP/1.1 400 "),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", "HTTP/1.1 501 "),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\n\r\n", "HTTP/1.1 413 "),
        ("GET / HTTP/1.1\r\nHost: h\r\nX: a\u{0}b\r\n\r\n", "HTTP/1.1 400 "),
        ("GET / HTTP/1.1\r\nHost: h\r\n" + (0..<101).map { "X-\($0): v\r\n" }.joined() + "\r\n", "HTTP/1.1 431 "),
    ])
    func refusals(request: String, statusLine: String) async throws {
        try await withHTTPServer(configuration: Self.configuration(), handler: ServerTestSupport.echo) { server in
            let port = try #require(server.port)
            let reply = try await ServerTestSupport.blocking {
                let client = try RawClient(port: port)
                client.send(request)
                return client.readToEnd()
            }
            #expect(reply.text.hasPrefix(statusLine))
            #expect(reply.text.contains("Connection: close"))
            #expect(reply.closed)
        }
    }

    @Test("a client dribbling its headers is cut off by the header timeout")
    func dribbledHeaders() async throws {
        try await withHTTPServer(configuration: Self.configuration(), handler: ServerTestSupport.echo) { server in
            let port = try #require(server.port)
            let (sentAll, reply) = try await ServerTestSupport.blocking { () -> (Bool, String) in
                let client = try RawClient(port: port)
                client.send("GET / HTTP/1.1\r\nHost: h\r\n")
                // One byte every 20 ms for up to 10 s; each byte is "progress", yet the
                // header deadline counts from the first byte.
                for _ in 0..<500 {
                    guard client.send("X") else { return (false, client.readToEnd().text) }
                    usleep(20_000)
                    var probe = pollfd(fd: client.fd, events: Int16(POLLIN), revents: 0)
                    if poll(&probe, 1, 0) > 0 { return (false, client.readToEnd().text) }
                }
                return (true, "")
            }
            #expect(!sentAll, "the server kept the dribbling connection open")
            #expect(reply.hasPrefix("HTTP/1.1 408 "))
        }
    }

    @Test("a body that stops arriving is cut off by the body timeout")
    func stalledBody() async throws {
        try await withHTTPServer(configuration: Self.configuration(), handler: ServerTestSupport.echo) { server in
            let port = try #require(server.port)
            let reply = try await ServerTestSupport.blocking {
                let client = try RawClient(port: port)
                client.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nonly part")
                return client.readToEnd()
            }
            #expect(reply.text.hasPrefix("HTTP/1.1 408 "))
            #expect(reply.closed)
        }
    }

    @Test("an idle keep-alive connection is closed; a silent new one too")
    func idleConnections() async throws {
        try await withHTTPServer(configuration: Self.configuration(), handler: ServerTestSupport.echo) { server in
            let port = try #require(server.port)
            let (first, rest) = try await ServerTestSupport.blocking { () -> (String, (text: String, closed: Bool)) in
                let client = try RawClient(port: port)
                client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
                return (client.readResponse(), client.readToEnd())
            }
            #expect(first.hasPrefix("HTTP/1.1 200 OK"))
            #expect(rest.closed && rest.text.isEmpty)
            let silent = try await ServerTestSupport.blocking { try RawClient(port: port).readToEnd() }
            #expect(silent.closed && silent.text.isEmpty)
        }
    }

    @Test("connections beyond the maximum are closed at once")
    func connectionLimit() async throws {
        let config = Self.configuration {
            $0.maximumConnections = 2
            $0.timeouts.idle = .seconds(30)
            $0.timeouts.headers = .seconds(30)
        }
        try await withHTTPServer(configuration: config, handler: ServerTestSupport.echo) { server in
            let port = try #require(server.port)
            let (held, extra) = try await ServerTestSupport.blocking { () -> ([String], (text: String, closed: Bool)) in
                let clients = try (0..<2).map { _ in try RawClient(port: port) }
                var answers: [String] = []
                for client in clients {
                    client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
                    answers.append(client.readResponse())
                }
                let third = try RawClient(port: port)
                third.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
                let result = third.readToEnd()
                withExtendedLifetime(clients) {}
                return (answers, result)
            }
            #expect(held.allSatisfy { $0.hasPrefix("HTTP/1.1 200 OK") })
            #expect(extra.closed && extra.text.isEmpty)
        }
    }

    @Test("shutdown lets a running request finish, closes idle connections and stops accepting")
    func gracefulShutdown() async throws {
        let started = Mutex(false)
        let released = Mutex(false)
        let handler = HTTPClosureHandler { request in
            if request.target == "/slow" {
                started.withLock { $0 = true }
                // Held until the server has begun shutting down, whatever the machine's load.
                while !released.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(5)) }
            }
            return .text("done \(request.target)")
        }
        let config = Self.configuration { $0.timeouts.idle = .seconds(30) }
        let server = try HTTPServer(configuration: config, handler: handler)
        let port = try server.start()
        let idle = try await ServerTestSupport.blocking { () -> RawClient in
            let client = try RawClient(port: port)
            client.send("GET /quick HTTP/1.1\r\nHost: h\r\n\r\n")
            _ = client.readResponse()
            return client
        }
        let slow = Task {
            try await ServerTestSupport.blocking { () -> String in
                let client = try RawClient(port: port)
                client.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n")
                return client.readToEnd().text
            }
        }
        while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        let stopping = Task { await server.shutdown(deadline: .seconds(10)) }
        // Let the handler answer only once shutdown has begun, whatever the machine's load.
        while !server.isShuttingDown { try await Task.sleep(for: .milliseconds(5)) }
        released.withLock { $0 = true }
        await stopping.value
        let slowReply = try await slow.value
        #expect(slowReply.hasPrefix("HTTP/1.1 200 OK"))
        #expect(slowReply.contains("Connection: close"))
        #expect(slowReply.hasSuffix("done /slow"))
        let idleEnd = try await ServerTestSupport.blocking { idle.readToEnd() }
        #expect(idleEnd.closed && idleEnd.text.isEmpty)
        #expect(throws: (any Error).self) { try RawClient(port: port) }
    }

    @Test("handlers on the global executor are answered the same way")
    func globalExecutor() async throws {
        // Generous timeouts: this test is about where handlers run, not about timeouts.
        let config = Self.configuration {
            $0.handlerExecution = .globalExecutor
            $0.timeouts = .init(handshake: .seconds(60), headers: .seconds(60), body: .seconds(60), idle: .seconds(60), linger: .seconds(1))
        }
        try await withHTTPServer(configuration: config, handler: ServerTestSupport.echo) { server in
            let port = try #require(server.port)
            let text = try await ServerTestSupport.blocking {
                // The global executor is shared with every other test in the process, so it
                // may be busy for a while: wait long rather than fail on a busy machine.
                let client = try RawClient(port: port, receiveTimeout: 60)
                client.send("POST /g HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nokGET /h HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
                return client.readToEnd().text
            }
            #expect(text.components(separatedBy: "\r\n").filter { $0.hasPrefix("X-Target: ") } == ["X-Target: /g", "X-Target: /h"])
        }
    }

    @Test("a response header with CR or LF is replaced by a 500")
    func responseSplitting() async throws {
        let handler = HTTPClosureHandler { _ in HTTPResponse(status: 200, headers: ["X-Evil": "a\r\nSet-Cookie: x=1"]) }
        try await withHTTPServer(configuration: Self.configuration(), handler: handler) { server in
            let port = try #require(server.port)
            let text = try await ServerTestSupport.blocking {
                let client = try RawClient(port: port)
                client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
                return client.readResponse()
            }
            #expect(text.hasPrefix("HTTP/1.1 500 "))
            #expect(!text.contains("Set-Cookie"))
        }
    }
}
