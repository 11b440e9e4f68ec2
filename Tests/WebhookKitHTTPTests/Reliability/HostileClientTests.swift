import Foundation
import Testing
import WebhookKit
import WebhookKitHTTP
import WebhookKitTesting

/// Hostile clients against the receiver: slow-header floods and credential guessing.
@Suite("Reliability: hostile clients")
struct HostileClientTests {
    static let authorization = WebhookAuthorization.basic(username: "hub", password: "pa55-hostile")

    static func receiver(_ store: InMemoryNotificationStore, _ metrics: ReceiverMetrics) -> WebhookReceiverHandler {
        WebhookReceiverHandler(WebhookReceiver(configuration: .init(authorization: authorization, store: store), metrics: metrics))
    }

    /// A complete, valid POST of one notification with `authorization`.
    static func request(_ notification: DeviceNotification, authorization: String) -> String {
        let body = String(decoding: WireEncoder().encode(notification), as: UTF8.self)
        return "POST /hooks HTTP/1.1\r\nHost: localhost\r\nAuthorization: \(authorization)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
    }

    @Test("1,000 slowloris connections: legitimate requests are served meanwhile, the dribblers are cut at the header timeout")
    func slowloris() async throws {
        let store = InMemoryNotificationStore()
        let metrics = ReceiverMetrics()
        // Plain HTTP: the header timeout is the defence under test, and TLS handshakes for
        // 1,000 sockets would only slow the test down.
        var configuration = HTTPServer.Configuration(tls: nil, eventLoopCount: 2)
        configuration.timeouts = .init(handshake: .seconds(2), headers: .seconds(2), body: .seconds(2), idle: .seconds(5), linger: .milliseconds(200))
        let server = try HTTPServer(configuration: configuration, handler: Self.receiver(store, metrics))
        let port = try server.start()
        var legitimate: [String] = []
        for index in 0..<100 {
            legitimate.append(Self.request(try Fixtures.widget(DeviceID("legit-\(index % 10)"), "\(index)"), authorization: Self.authorization.headerValue))
        }
        let requests = legitimate
        let result = try await ServerTestSupport.blocking { () -> (served: Int, openWhileServed: Int, cut: Int, answered408: Int) in
            var dribblers: [RawClient] = []
            for _ in 0..<1_000 {
                let client = try RawClient(port: port, receiveTimeout: 10)
                client.send("POST /hooks HTTP/1.1\r\nHost: localhost\r\n")
                dribblers.append(client)
            }
            var served = 0
            for request in requests {
                let client = try RawClient(port: port)
                client.send(request)
                if client.readToEnd().text.hasPrefix("HTTP/1.1 200 ") { served += 1 }
            }
            // Dribblers the server has neither answered nor closed yet.
            func isOpen(_ client: RawClient) -> Bool {
                var probe = pollfd(fd: client.fd, events: Int16(POLLIN), revents: 0)
                return poll(&probe, 1, 0) == 0
            }
            let openWhileServed = dribblers.filter(isOpen).count
            // Keep dribbling one byte per connection every 100 ms until the server has cut
            // every one (bounded at 30 s so a broken server fails instead of hanging).
            var open = dribblers.filter(isOpen)
            for _ in 0..<300 where !open.isEmpty {
                open = open.filter { $0.send("X") && isOpen($0) }
                usleep(100_000)
            }
            var answered408 = 0
            var cut = 0
            for client in dribblers {
                let reply = client.readToEnd()
                if reply.closed { cut += 1 }
                if reply.text.hasPrefix("HTTP/1.1 408 ") { answered408 += 1 }
            }
            return (served, openWhileServed, cut, answered408)
        }
        await server.shutdown(deadline: .seconds(1))
        #expect(result.served == 100, "every legitimate request was answered 200")
        #expect(await store.count == 100)
        #expect(result.openWhileServed > 0, "the legitimate requests were served while dribblers were connected")
        #expect(result.cut == 1_000, "every dribbler was disconnected")
        #expect(result.answered408 >= 1, "the header timeout answers 408 before closing")
        print("[reliability] slowloris: served=\(result.served)/100 dribblersOpenWhenServed=\(result.openWhileServed) cut=\(result.cut)/1000 answered408=\(result.answered408)")
    }

    @Test("10,000 requests with wrong credentials over keep-alive TLS: all 401, nothing stored")
    func wrongCredentials() async throws {
        let (ca, certificate) = try ServerTestSupport.certificates("wrong-credentials")
        defer { try? FileManager.default.removeItem(atPath: ca.directory) }
        let store = InMemoryNotificationStore()
        let metrics = ReceiverMetrics()
        let server = try HTTPServer(configuration: .init(tls: ServerTestSupport.tls(certificate), eventLoopCount: 2), handler: Self.receiver(store, metrics))
        let port = try server.start()
        let transport = try HTTPClientTransport(configuration: .init(extraTrustAnchorsFile: ca.certificatePath, maxConnectionsPerOrigin: 32))
        let endpoint = try WebhookEndpoint(url: "https://localhost:\(port)/hooks")
        let wrong = ["Basic " + Data("hub:wrong".utf8).base64EncodedString(), Data("hub:pa55-hostile".utf8).base64EncodedString(),
                     "Basic " + Data("hub:pa55-hostil".utf8).base64EncodedString(), "pa55-hostile", ""]
        let statuses = try await withThrowingTaskGroup(of: [Int: Int].self) { group in
            for worker in 0..<32 {
                group.addTask {
                    var counts: [Int: Int] = [:]
                    for index in stride(from: worker, to: 10_000, by: 32) {
                        var headers = HTTPHeaders()
                        headers.add(name: "Content-Type", value: "application/json")
                        headers.add(name: "Authorization", value: wrong[index % wrong.count])
                        let body = WireEncoder().encode(try Fixtures.widget(DeviceID("guess-\(worker)"), "\(index)"))
                        let response = try await transport.send(WebhookRequest(endpoint: endpoint, headers: headers, body: body, allowPrivateNetworks: true))
                        counts[response.statusCode, default: 0] += 1
                    }
                    return counts
                }
            }
            var total: [Int: Int] = [:]
            for try await counts in group { total.merge(counts, uniquingKeysWith: +) }
            return total
        }
        let connections = transport.openConnectionCount(host: "localhost", port: port, allowPrivateNetworks: true)
        transport.shutdown()
        await server.shutdown(deadline: .seconds(1))
        let snapshot = metrics.snapshot()
        #expect(statuses == [401: 10_000])
        #expect(await store.count == 0, "nothing stored")
        #expect(snapshot.rejected[.unauthorized] == 10_000)
        #expect(snapshot.stored == 0)
        #expect(connections <= 32, "requests went over at most 32 kept-alive connections")
        print("[reliability] wrong credentials: statuses=\(statuses) rejected.unauthorized=\(snapshot.rejected[.unauthorized] ?? 0) stored=\(snapshot.stored) connectionsOpenAfterwards=\(connections)")
    }
}
