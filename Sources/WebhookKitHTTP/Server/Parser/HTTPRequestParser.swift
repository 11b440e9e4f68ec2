/// An incremental HTTP/1.1 request parser: bytes in, events out, no I/O.
///
/// Feed it whatever arrived with ``append(_:)``, then pull events with ``next()`` until it
/// returns `nil` (more bytes needed). Each request yields ``Event/head(_:)`` as soon as its
/// header section is complete (so the caller can answer `Expect: 100-continue` or refuse
/// early), then ``Event/request(_:body:)`` once the body is complete. A caller that wants
/// to answer pipelined requests in order simply stops calling ``next()`` while a request is
/// being handled; the following requests stay buffered.
///
/// Refusals come as ``Event/error(_:)`` carrying the status to answer (400, 413, 431, 501,
/// 505); after one, the parser yields nothing more and the connection must be closed. The
/// checks include the request-smuggling defences of RFC 9112: `Content-Length` together
/// with `Transfer-Encoding`, differing duplicate `Content-Length`s, obsolete line folding,
/// bare CR/LF and NUL.
///
/// ```swift
/// var parser = HTTPRequestParser()
/// parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
/// while let event = parser.next() { … }
/// ```
public struct HTTPRequestParser: Sendable {
    /// Limits enforced while parsing.
    public struct Configuration: Sendable, Hashable {
        /// Request line plus header section, in bytes (default 16 KiB). Over it: 431.
        public var maximumHeaderBytes: Int
        /// Number of header fields (default 100). Over it: 431.
        public var maximumHeaderCount: Int
        /// Decoded body size (default 1 MiB). Over it: 413, decided from `Content-Length`
        /// before any body byte is read, or as soon as chunks exceed it.
        public var maximumBodyBytes: Int

        /// Creates limits; the defaults suit webhook receivers.
        public init(maximumHeaderBytes: Int = 16 * 1024, maximumHeaderCount: Int = 100, maximumBodyBytes: Int = 1 << 20) {
            self.maximumHeaderBytes = maximumHeaderBytes
            self.maximumHeaderCount = maximumHeaderCount
            self.maximumBodyBytes = maximumBodyBytes
        }
    }

    /// What the parser found.
    public enum Event: Sendable, Hashable {
        /// A request's head is complete and valid; its body (if any) follows.
        case head(HTTPRequestHead)
        /// A request is complete: its head again and the decoded body.
        case request(HTTPRequestHead, body: [UInt8])
        /// The input is refused; answer `error.status` and close the connection.
        case error(HTTPParserError)
    }

    enum State: Sendable {
        case head
        case body(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case failed
    }

    /// The limits in force.
    public let configuration: Configuration
    var buffer: [UInt8] = []
    /// Index of the first unconsumed byte in `buffer`.
    var start = 0
    /// Head and trailer scanning resume here instead of rescanning (dribbled input stays linear).
    var scanIndex = 0
    /// Stream offset of `buffer[0]`, and of the first byte of the current request.
    var bufferOffset = 0
    var requestOffset = 0
    var state = State.head
    var currentHead: HTTPRequestHead?
    var body: [UInt8] = []
    var trailerBytes = 0

    /// Creates a parser with the given limits.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        buffer.reserveCapacity(4096)
    }

    /// Bytes received but not yet consumed as part of a complete event.
    public var bufferedByteCount: Int { buffer.count - start }

    /// Whether the parser sits between requests with nothing buffered (an idle keep-alive
    /// connection, as opposed to one in the middle of sending a request).
    public var isIdle: Bool {
        if case .head = state { return start == buffer.count }
        return false
    }

    /// Whether an error has been reported; nothing more will be parsed.
    public var hasFailed: Bool {
        if case .failed = state { return true }
        return false
    }

    /// Appends received bytes.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Appends received bytes.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Appends `bytes` and returns every event they complete (a convenience for callers
    /// that do not need to pause between requests).
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [Event] {
        append(bytes)
        var events: [Event] = []
        while let event = next() { events.append(event) }
        return events
    }

    /// The next event, or `nil` when more bytes are needed (or after an error).
    public mutating func next() -> Event? {
        while true {
            let step: Step
            switch state {
            case .head: step = parseHeadStep()
            case .body(let remaining): step = bodyStep(remaining: remaining)
            case .chunkSize: step = chunkSizeStep()
            case .chunkData(let remaining): step = chunkDataStep(remaining: remaining)
            case .chunkDataEnd: step = chunkDataEndStep()
            case .trailers: step = trailersStep()
            case .failed: return nil
            }
            switch step {
            case .needMore: return nil
            case .continue: continue
            case .emit(let event): return event
            case .fail(let error):
                state = .failed
                return .error(error)
            }
        }
    }

    enum Step {
        case needMore
        case `continue`
        case emit(Event)
        case fail(HTTPParserError)
    }

    /// Offset of buffer index `index` from the start of the current request.
    func requestRelative(_ index: Int) -> Int {
        bufferOffset + index - requestOffset
    }

    /// Finishes the current request and returns its event.
    mutating func completeRequest() -> Step {
        state = .head
        scanIndex = start
        requestOffset = bufferOffset + start
        guard let head = currentHead else { return .fail(HTTPParserError(.malformedRequestLine, offset: 0)) }
        currentHead = nil
        let completed = body
        body = []
        return .emit(.request(head, body: completed))
    }

    /// Drops consumed bytes once they make up a good part of the buffer.
    private mutating func compact() {
        guard start > 0 else { return }
        if start == buffer.count {
            bufferOffset += start
            scanIndex -= start
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start >= 4096 && start * 2 >= buffer.count {
            bufferOffset += start
            scanIndex -= start
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }
}
