import Foundation
import Testing
import WebhookKit
import WebhookKitHTTP
import WebhookKitTesting

/// The event loop stops reading a connection after a read that emptied its socket and
/// waits for the next readable event. These tests pause between the pieces of a request
/// and between requests, so every piece arrives after such a read, and shut the write
/// side right after the last request, so the close comes with its bytes (over TLS without
/// `close_notify`, which still ends the stream rather than failing the connection).
@Suite("HTTPServer reads what arrives after a pause")
struct HTTPServerReadPauseTests {
    static let requestParts = ["POST /1 HTTP/1.1\r\nHost: h\r\nContent-Le", "ngth: 3\r\n\r\none"]

    @Test("plain TCP: a request in two pieces, a later request, and one sent with the close")
    func plain() async throws {
        try await withHTTPServer(configuration: HTTPServer.Configuration(tls: nil, eventLoopCount: 1), handler: ServerTestSupport.echo) { server in
            let port = try #require(server.port)
            let (first, second, last) = try await ServerTestSupport.blocking {
                let client = try RawClient(port: port)
                client.send(Self.requestParts[0])
                Thread.sleep(forTimeInterval: 0.1)
                client.send(Self.requestParts[1])
                let first = client.readResponse()
                Thread.sleep(forTimeInterval: 0.1)
                client.send("GET /2 HTTP/1.1\r\nHost: h\r\n\r\n")
                let second = client.readResponse()
                client.send("GET /3 HTTP/1.1\r\nHost: h\r\n\r\n")
                shutdown(client.fd, Int32(SHUT_WR))
                return (first, second, client.readToEnd())
            }
            #expect(first.contains("X-Target: /1") && first.hasSuffix("one"))
            #expect(second.contains("X-Target: /2"))
            #expect(last.text.contains("X-Target: /3"))
            #expect(last.closed, "the server closes after answering a peer that closed its side")
        }
    }

    @Test("TLS with Python's ssl: a request in two pieces, a later request, and one sent with the close")
    func tls() async throws {
        let made = try ServerTestSupport.certificates("pause")
        let configuration = HTTPServer.Configuration(tls: ServerTestSupport.tls(made.server), eventLoopCount: 1)
        try await withHTTPServer(configuration: configuration, handler: ServerTestSupport.echo) { server in
            let port = try #require(server.port)
            let script = """
            import socket, ssl, sys, time
            context = ssl.create_default_context(cafile=sys.argv[1])
            raw = socket.create_connection(("127.0.0.1", int(sys.argv[2])))
            s = context.wrap_socket(raw, server_hostname="localhost")
            def response():
                data = b""
                while b"\\r\\n\\r\\n" not in data:
                    data += s.recv(65536)
                head, _, body = data.partition(b"\\r\\n\\r\\n")
                length = int([l for l in head.split(b"\\r\\n") if l.lower().startswith(b"content-length:")][0].split(b":")[1])
                while len(body) < length:
                    body += s.recv(65536)
                return head + b"|" + body
            s.sendall(b"POST /1 HTTP/1.1\\r\\nHost: h\\r\\nContent-Le")
            time.sleep(0.1)
            s.sendall(b"ngth: 3\\r\\n\\r\\none")
            print(response().decode())
            time.sleep(0.1)
            s.sendall(b"GET /2 HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n")
            print(response().decode())
            time.sleep(0.1)
            s.sendall(b"GET /3 HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n")
            # Close the write side without close_notify; shutdown acts on the socket, not
            # the descriptor, so the TLS session stays readable through a duplicate.
            socket.fromfd(s.fileno(), socket.AF_INET, socket.SOCK_STREAM).shutdown(socket.SHUT_WR)
            rest = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                rest += chunk
            print(rest.decode())
            print("closed")
            """
            let result = try await ServerTestSupport.run(["python3", "-c", script, made.ca.certificatePath, String(port)])
            #expect(result.status == 0, "\(result.errorOutput)")
            #expect(result.output.contains("X-Target: /1") && result.output.contains("|one"))
            #expect(result.output.contains("X-Target: /2"))
            #expect(result.output.contains("X-Target: /3"))
            #expect(result.output.hasSuffix("closed\n"))
        }
    }
}
