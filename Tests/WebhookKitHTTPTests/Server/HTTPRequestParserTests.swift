import Testing
import WebhookKit
@testable import WebhookKitHTTP

@Suite("HTTPRequestParser")
struct HTTPRequestParserTests {
    static let post = "POST /hook?x=1 HTTP/1.1\r\nHost: example\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":\"b c\"}"
    static let chunked = "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"
    static let get = "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"

    static func events(_ text: String, configuration: HTTPRequestParser.Configuration = .init()) -> [HTTPRequestParser.Event] {
        var parser = HTTPRequestParser(configuration: configuration)
        return parser.feed(Array(text.utf8))
    }

    static func requests(_ events: [HTTPRequestParser.Event]) -> [(HTTPRequestHead, String)] {
        events.compactMap { event in
            if case .request(let head, let body) = event { return (head, String(decoding: body, as: UTF8.self)) }
            return nil
        }
    }

    static func error(_ text: String, configuration: HTTPRequestParser.Configuration = .init()) -> HTTPParserError? {
        for event in events(text, configuration: configuration) {
            if case .error(let error) = event { return error }
        }
        return nil
    }

    @Test("a request with Content-Length yields its head, then head and body")
    func contentLength() throws {
        let events = Self.events(Self.post)
        #expect(events.count == 2)
        guard case .head(let head) = events.first else {
            Issue.record("expected a head first, got \(events)")
            return
        }
        #expect(head.method == "POST")
        #expect(head.target == "/hook?x=1")
        #expect(head.headers["content-type"] == "application/json")
        #expect(head.framing == .contentLength(11))
        #expect(head.keepAlive)
        let request = try #require(Self.requests(events).first)
        #expect(request.1 == "{\"a\":\"b c\"}")
    }

    @Test("a chunked body is decoded; extensions and trailers are accepted and dropped")
    func chunkedBody() throws {
        let request = try #require(Self.requests(Self.events(Self.chunked)).first)
        #expect(request.0.framing == .chunked)
        #expect(request.1 == "hello world")
    }

    @Test("pipelined requests come out in order, and next() pauses between them")
    func pipelined() {
        var parser = HTTPRequestParser()
        parser.append(Array((Self.post + Self.chunked + Self.get).utf8))
        var targets: [String] = []
        while let event = parser.next() {
            if case .request(let head, _) = event { targets.append(head.target) }
        }
        #expect(targets == ["/hook?x=1", "/c", "/"])
        #expect(parser.bufferedByteCount == 0)
        #expect(parser.isIdle)
    }

    @Test("every split position and byte-at-a-time feeding give the same events", arguments: [
        post + chunked + get,
        "\r\n" + get,
        "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nabcde",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX",
        "GET / HTTP/1.1\r\nHost: h\r\nBad\rValue: 1\r\n\r\n",
    ])
    func splits(text: String) {
        let bytes = Array(text.utf8)
        let whole = Self.events(text)
        for split in 0...bytes.count {
            var parser = HTTPRequestParser()
            var events = parser.feed(bytes[..<split])
            events += parser.feed(bytes[split...])
            #expect(events == whole, "split at \(split)")
        }
        var parser = HTTPRequestParser()
        var events: [HTTPRequestParser.Event] = []
        for byte in bytes { events += parser.feed([byte]) }
        #expect(events == whole, "byte at a time")
    }

    @Test("keep-alive follows the version and the Connection field")
    func keepAlive() throws {
        #expect(try #require(Self.requests(Self.events(Self.get)).first).0.keepAlive == false)
        #expect(try #require(Self.requests(Self.events("GET / HTTP/1.0\r\n\r\n")).first).0.keepAlive == false)
        #expect(try #require(Self.requests(Self.events("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")).first).0.keepAlive)
    }

    @Test("Expect: 100-continue is reported on the head")
    func expectContinue() {
        let events = Self.events("PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n")
        guard case .head(let head) = events.first else {
            Issue.record("expected a head")
            return
        }
        #expect(head.expectsContinue)
        #expect(events.count == 1)
    }

    @Test("refusals carry the right kind and status", arguments: [
        ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", HTTPParserError.Kind.contentLengthWithTransferEncoding, 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", .conflictingContentLength, 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 4\r\n\r\n", .conflictingContentLength, 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: -3\r\n\r\n", .invalidContentLength, 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n  folded\r\n\r\n", .obsoleteLineFolding, 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r2\r\n\r\n", .invalidCharacter, 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\u{0}2\r\n\r\n", .invalidCharacter, 400),
        ("GET / HTTP/1.1\nHost: h\r\n\r\n", .invalidCharacter, 400),
        ("GET / HTTP/1.1\r\nHost : h\r\n\r\n", .malformedHeader, 400),
        ("GET / HTTP/1.1\r\nNoColon\r\n\r\n", .malformedHeader, 400),
        ("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine, 400),
        ("GET / HTTP/1.1 \r\nHost: h\r\n\r\n", .malformedRequestLine, 400),
        ("GET / http/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine, 400),
        ("GET / HTTP/2.0\r\nHost: h\r\n\r\n", .unsupportedVersion, 505),
        ("GET / HTTP/1.1\r\n\r\n", .invalidHost, 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .invalidHost, 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", .unsupportedTransferEncoding, 501),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", .unsupportedTransferEncoding, 501),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nZ\r\n", .invalidChunk, 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n", .invalidChunk, 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\n", .bodyTooLarge, 413),
    ] as [(String, HTTPParserError.Kind, Int)])
    func refusals(text: String, kind: HTTPParserError.Kind, status: Int) throws {
        let error = try #require(Self.error(text))
        #expect(error.kind == kind)
        #expect(error.status == status)
    }

    @Test("the body limit is applied to Content-Length before any body byte and to chunks as they come")
    func bodyLimit() throws {
        let limits = HTTPRequestParser.Configuration(maximumBodyBytes: 10)
        let declared = try #require(Self.error("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", configuration: limits))
        #expect(declared.status == 413)
        let chunked = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n5\r\n"
        #expect(try #require(Self.error(chunked, configuration: limits)).status == 413)
        #expect(Self.error("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789", configuration: limits) == nil)
    }

    @Test("header section and field count limits answer 431")
    func headerLimits() throws {
        let big = "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + String(repeating: "a", count: 16 * 1024) + "\r\n\r\n"
        let tooLarge = try #require(Self.error(big))
        #expect(tooLarge.kind == .headersTooLarge && tooLarge.status == 431)
        // Refused as soon as the limit is passed, without waiting for the end of the head.
        #expect(Self.error(String(big.prefix(16 * 1024 + 10))) != nil)
        let many = "GET / HTTP/1.1\r\nHost: h\r\n" + (0..<100).map { "X-\($0): v\r\n" }.joined() + "\r\n"
        let tooMany = try #require(Self.error(many))
        #expect(tooMany.kind == .tooManyHeaders && tooMany.status == 431)
        let exactly = "GET / HTTP/1.1\r\nHost: h\r\n" + (0..<99).map { "X-\($0): v\r\n" }.joined() + "\r\n"
        #expect(Self.error(exactly) == nil)
    }

    @Test("error descriptions name the field but never its value")
    func noValuesInErrors() throws {
        let error = try #require(Self.error("GET / HTTP/1.1\r\nHost: h\r\nAuthorization: Basic c2VjcmV0\u{1}\r\n\r\n"))
        #expect(error.description.contains("Authorization"))
        #expect(!error.description.contains("c2VjcmV0"))
        #expect(error.offset == 54, "offset of the control byte")
    }

    @Test("after an error nothing more is parsed")
    func stopsAfterError() {
        var parser = HTTPRequestParser()
        let events = parser.feed(Array("GET / HTTP/9.9\r\nHost: h\r\n\r\n\(Self.get)".utf8))
        #expect(events.count == 1)
        #expect(parser.hasFailed)
        #expect(parser.feed(Array(Self.get.utf8)).isEmpty)
    }

    @Test("random and mutated input never crashes the parser")
    func fuzz() {
        var generator = SplitMix64(seed: 0x5EED)
        let seeds = [Self.post, Self.chunked, Self.get].map { Array($0.utf8) }
        let alphabet = Array("\r\n :;0aZ\u{0}\t-,".utf8)
        for round in 0..<3000 {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let position = Int(generator.next() % UInt64(bytes.count))
                let byte = generator.next() % 2 == 0 ? alphabet[Int(generator.next() % UInt64(alphabet.count))] : UInt8(truncatingIfNeeded: generator.next())
                if generator.next() % 2 == 0 { bytes[position] = byte } else { bytes.insert(byte, at: position) }
            }
            var parser = HTTPRequestParser(configuration: .init(maximumHeaderBytes: 256, maximumHeaderCount: 8, maximumBodyBytes: 64))
            let split = Int(generator.next() % UInt64(bytes.count + 1))
            _ = parser.feed(bytes[..<split])
            _ = parser.feed(bytes[split...])
        }
    }
}

/// A small deterministic generator so fuzz failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
