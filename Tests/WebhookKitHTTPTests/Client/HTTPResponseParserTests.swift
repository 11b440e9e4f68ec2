import Testing
import WebhookKit
@testable import WebhookKitHTTP

@Suite("HTTPResponseParser")
struct HTTPResponseParserTests {
    typealias Parser = HTTPResponseParser

    enum Outcome: Equatable {
        case incomplete
        case response(status: Int, body: String, reusable: Bool)
        case failure
    }

    /// Feeds `text` in pieces of `piece` bytes, then EOF when `eof`.
    func parse(_ text: String, piece: Int = .max, eof: Bool = false, configuration: Parser.Configuration = .init()) -> (Outcome, Parser.Response?) {
        var parser = Parser(configuration: configuration)
        let bytes = Array(text.utf8)
        var offset = 0
        do {
            while offset < bytes.count {
                let end = min(bytes.count, offset &+ piece)
                let action = try bytes[offset..<end].withUnsafeBytes { buffer throws(Parser.ParseError) in try parser.consume(buffer) }
                offset = end
                if case .complete(let response) = action {
                    let leftover = offset < bytes.count
                    return (.response(status: response.statusCode, body: String(decoding: response.bodyExcerpt, as: UTF8.self), reusable: response.reusable && !leftover), response)
                }
            }
            if eof, case .complete(let response) = try parser.endOfStream() {
                return (.response(status: response.statusCode, body: String(decoding: response.bodyExcerpt, as: UTF8.self), reusable: response.reusable), response)
            }
            return (.incomplete, nil)
        } catch {
            return (.failure, nil)
        }
    }

    /// The same outcome whether bytes come at once, one by one, or in threes.
    func expectEverySplit(_ text: String, eof: Bool = false, _ expected: Outcome, sourceLocation: SourceLocation = #_sourceLocation) {
        for piece in [Int.max, 1, 3, 7] {
            #expect(parse(text, piece: piece, eof: eof).0 == expected, "piece \(piece)", sourceLocation: sourceLocation)
        }
    }

    @Test("Content-Length body, keep-alive by default in HTTP/1.1")
    func contentLength() {
        expectEverySplit("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer: x\r\n\r\nhello", .response(status: 200, body: "hello", reusable: true))
        let (_, response) = parse("HTTP/1.1 201 Created\r\nContent-Length: 0\r\nX-A:  spaced value \t\r\nx-a: 2\r\n\r\n")
        #expect(response?.headers.values(name: "X-A") == ["spaced value", "2"])
        expectEverySplit("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel", .incomplete)
    }

    @Test("Connection: close and HTTP/1.0 make the connection not reusable")
    func connectionClose() {
        expectEverySplit("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", .response(status: 200, body: "ok", reusable: false))
        expectEverySplit("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", .response(status: 200, body: "ok", reusable: false))
        expectEverySplit("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok", .response(status: 200, body: "ok", reusable: true))
        expectEverySplit("HTTP/1.1 200 OK\r\nConnection: keep-alive , CLOSE\r\nContent-Length: 2\r\n\r\nok", .response(status: 200, body: "ok", reusable: false))
        expectEverySplit("HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nok", .response(status: 200, body: "ok", reusable: true))
    }

    @Test("chunked bodies with extensions and trailers")
    func chunked() {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=x\r\nhello\r\nA\r\n, world!!!\r\n0\r\nTrailer-A: 1\r\n\r\n"
        expectEverySplit(text, .response(status: 200, body: "hello, world!!!", reusable: true))
        expectEverySplit("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", .response(status: 200, body: "", reusable: true))
    }

    @Test("close-delimited bodies end at EOF and are never reusable")
    func untilClose() {
        expectEverySplit("HTTP/1.0 200 ok\r\nContent-type: text/html\r\n\r\n<HTML>body</HTML>", eof: true, .response(status: 200, body: "<HTML>body</HTML>", reusable: false))
        expectEverySplit("HTTP/1.1 200 OK\r\n\r\nabc", .incomplete)
    }

    @Test("no body for 204 and 304; interim 1xx responses are skipped")
    func noBody() {
        expectEverySplit("HTTP/1.1 204 No Content\r\n\r\n", .response(status: 204, body: "", reusable: true))
        expectEverySplit("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", .response(status: 304, body: "", reusable: true))
        expectEverySplit("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", .response(status: 200, body: "x", reusable: true))
        expectEverySplit("HTTP/1.1 503\r\nContent-Length: 0\r\n\r\n", .response(status: 503, body: "", reusable: true))
    }

    @Test("keeps the first 1 KiB and stops at the body limit without reuse")
    func limits() {
        let big = String(repeating: "a", count: 3000)
        let (outcome, response) = parse("HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n" + big)
        #expect(outcome == .response(status: 200, body: String(repeating: "a", count: 1024), reusable: true))
        #expect(response?.bodyExcerpt.count == 1024)
        var small = Parser.Configuration()
        small.maxBodyBytes = 100
        #expect(parse("HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n" + big, configuration: small).0 ==
            .response(status: 200, body: String(repeating: "a", count: 1024), reusable: false))
        #expect(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nBB8\r\n" + big, configuration: small).0 ==
            .response(status: 200, body: String(repeating: "a", count: 1024), reusable: false))
        var tinyHead = Parser.Configuration()
        tinyHead.maxHeaderBytes = 64
        #expect(parse("HTTP/1.1 200 OK\r\nX: " + String(repeating: "b", count: 100) + "\r\n\r\n", configuration: tinyHead).0 == .failure)
        #expect(parse("HTTP/1.1 200 OK\r\nX: " + String(repeating: "b", count: 100), configuration: tinyHead).0 == .failure)
    }

    @Test("stray bytes after the response make the connection not reusable")
    func strayBytes() {
        #expect(parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA").0 == .response(status: 200, body: "ok", reusable: false))
    }

    @Test("refuses malformed responses", arguments: [
        "HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 abc OK\r\n\r\n",
        "http/1.1 200 OK\r\n\r\n", "HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n", "HTTP/1.1 200 OK\r\n folded: x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "HTTP/1.1 200 OK\r\n: x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0x10\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5,\r\n\r\nhello", "HTTP/1.1 200 OK\r\nContent-Length: 1234567890123456789\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\nok", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000000000000000\r\n",
        "HTTP/1.1 101 Switching Protocols\r\n\r\n", "HTTP/1.1 200 OK\r\nX: a\u{01}b\r\n\r\n", "HTTP/1.1 200 OK\nContent-Length: 0\n\n\r\n\r\n",
    ])
    func malformed(text: String) {
        #expect(parse(text).0 == .failure)
    }

    @Test("EOF before the response is complete is an error; before any byte it says so")
    func earlyEOF() {
        var parser = Parser()
        #expect(parser.hasReceivedNothing)
        #expect(throws: Parser.ParseError.self) { try parser.endOfStream() }
        #expect(parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel", eof: true).0 == .failure)
        #expect(parse("HTTP/1.1 200 OK\r\nContent-Le", eof: true).0 == .failure)
        #expect(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", eof: true).0 == .failure)
    }
}
