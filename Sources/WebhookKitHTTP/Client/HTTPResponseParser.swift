import WebhookKit

/// Parses one HTTP/1.1 response from a byte stream, without doing any I/O.
///
/// The connection feeds whatever bytes it read with ``consume(_:)`` and tells about the end
/// of the stream with ``endOfStream()``; the parser answers `.needMoreData` or `.complete`.
/// It handles interim `1xx` responses, `Content-Length`, `chunked` and close-delimited
/// bodies, and refuses malformed input with a ``ParseError`` that names the problem.
/// Only the first ``Configuration/excerptLimit`` body bytes are kept; after
/// ``Configuration/maxBodyBytes`` it stops reading and marks the response as not reusable.
struct HTTPResponseParser {
    /// Limits that keep a hostile peer from exhausting memory.
    struct Configuration {
        /// The most bytes the status line and header fields may take.
        var maxHeaderBytes = 64 * 1024
        /// The most header fields (trailers included).
        var maxHeaderFields = 128
        /// The most body bytes read before giving up on the rest.
        var maxBodyBytes = 1024 * 1024
        /// How many body bytes are kept.
        var excerptLimit = WebhookResponse.excerptLimit
    }

    /// A parsed response.
    struct Response {
        /// The status code.
        var statusCode: Int
        /// The header fields in order.
        var headers: HTTPHeaders
        /// The first body bytes.
        var bodyExcerpt: [UInt8]
        /// Whether the connection may carry another request: HTTP keep-alive, the whole body
        /// read, and no stray bytes after it.
        var reusable: Bool
    }

    /// What the caller does next.
    enum Action {
        /// Read more bytes and call ``consume(_:)`` again (or ``endOfStream()`` at EOF).
        case needMoreData
        /// The response is complete.
        case complete(Response)
    }

    /// Malformed or oversized input; `detail` names the part and the reason.
    struct ParseError: Error, Equatable {
        /// What is wrong.
        let detail: String
    }

    enum BodyFraming: Equatable {
        case none
        case length(Int)
        case chunked
        case untilClose
    }

    enum ChunkState: Equatable {
        case sizeLine
        case data(Int)
        case dataEnd(Int) // CRLF bytes still expected after chunk data
        case trailers
    }

    enum State {
        case head
        case body(BodyFraming, ChunkState)
        case finished
    }

    let configuration: Configuration
    var state = State.head
    /// Bytes of the head or of the current chunk-size / trailer line not yet complete.
    var pending: [UInt8] = []
    var headScanned = 0
    var statusCode = 0
    var headers = HTTPHeaders()
    var keepAlive = true
    var excerpt: [UInt8] = []
    var bodyBytes = 0
    var trailerFields = 0

    /// Creates a parser for one response.
    init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        pending.reserveCapacity(512)
    }

    /// Feeds bytes read from the connection.
    mutating func consume(_ bytes: UnsafeRawBufferPointer) throws(ParseError) -> Action {
        var input = Substream(bytes: bytes)
        while true {
            switch state {
            case .finished:
                return .needMoreData
            case .head:
                guard try consumeHead(&input) else { return .needMoreData }
            case .body(let framing, let chunk):
                if let response = try consumeBody(&input, framing: framing, chunk: chunk) {
                    var finished = response
                    if !input.isEmpty { finished.reusable = false }
                    state = .finished
                    return .complete(finished)
                }
                if input.isEmpty { return .needMoreData }
            }
        }
    }

    /// Reports that the peer closed its side of the stream.
    mutating func endOfStream() throws(ParseError) -> Action {
        switch state {
        case .body(.untilClose, _):
            state = .finished
            return .complete(makeResponse(reusable: false))
        case .head where pending.isEmpty && statusCode == 0:
            throw ParseError(detail: "connection closed before any response byte")
        case .head:
            throw ParseError(detail: "connection closed inside the response head")
        case .body:
            throw ParseError(detail: "connection closed after \(bodyBytes) body bytes, before the body ended")
        case .finished:
            return .needMoreData
        }
    }

    /// Whether the stream closed before any byte of the response arrived, which callers
    /// report as a reset rather than a protocol violation.
    var hasReceivedNothing: Bool {
        if case .head = state { return pending.isEmpty && statusCode == 0 }
        return false
    }

    func makeResponse(reusable: Bool) -> Response {
        Response(statusCode: statusCode, headers: headers, bodyExcerpt: excerpt, reusable: reusable && keepAlive)
    }

    /// Counts body bytes and keeps the excerpt; returns `false` past the body limit.
    mutating func acceptBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let room = configuration.excerptLimit - excerpt.count
        if room > 0 { excerpt.append(contentsOf: bytes.prefix(room)) }
        bodyBytes += bytes.count
        return bodyBytes <= configuration.maxBodyBytes
    }
}

/// A read cursor over one buffer handed to the parser.
struct Substream {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    var isEmpty: Bool { offset >= bytes.count }
    var remaining: Int { bytes.count - offset }

    /// Takes up to `count` bytes.
    mutating func take(_ count: Int) -> UnsafeRawBufferPointer {
        let n = min(count, remaining)
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)])
        offset += n
        return slice
    }
}
