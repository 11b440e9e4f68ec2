/// The state of one accepted connection. Owned by one ``EventLoopRunner``; never shared.
///
/// The socket is registered edge-triggered for both directions once, so readiness is
/// remembered here (``readable``/``writable``) rather than re-armed with system calls:
/// a flag is set by an epoll event and cleared only when a read or write reports
/// "would block". That lets the loop pause reading (one request at a time, for ordered
/// pipelining) and resume later without asking the kernel again.
final class Connection {
    /// Where the connection is in its life.
    enum Phase {
        /// TLS handshake in progress.
        case handshaking
        /// Reading requests and writing responses.
        case open
        /// The final response is queued; once it is written the write side is closed.
        case closing
        /// Write side closed; unread input is drained until EOF or the linger deadline.
        case lingering
    }

    /// What the current deadline guards, to pick the right reaction when it passes.
    enum DeadlineKind {
        case none
        case handshake
        case headers
        case body
        case idle
        case write
        case linger
    }

    let id: UInt64
    let fileDescriptor: Int32
    let tls: TLSConnection?
    let remoteAddress: String
    var serverName: String?
    var parser: HTTPRequestParser
    var phase: Phase
    var readable = false
    var writable = true
    var readClosed = false
    /// The peer hung up or the socket failed: read to the end instead of trusting a short
    /// read to mean "nothing more", as no further edge will announce the close.
    var peerHungUp = false
    /// A request has been handed to the handler and its response is not yet queued.
    var handlerRunning = false
    /// The request being handled is a HEAD request (no body in the response).
    var headRequest = false
    /// Close after the response now being produced (client asked, error, or shutdown).
    var closeAfterResponse = false
    /// Whether the first bytes were checked for plain HTTP sent to the TLS port.
    var checkedForPlaintext = false
    var output: [UInt8] = []
    var outputStart = 0
    var deadline: UInt64 = 0
    var deadlineKind = DeadlineKind.none
    var lingerDiscarded = 0
    var queuedForFlush = false

    init(id: UInt64, fileDescriptor: Int32, tls: TLSConnection?, remoteAddress: String, limits: HTTPRequestParser.Configuration) {
        self.id = id
        self.fileDescriptor = fileDescriptor
        self.tls = tls
        self.remoteAddress = remoteAddress
        parser = HTTPRequestParser(configuration: limits)
        phase = tls == nil ? .open : .handshaking
        output.reserveCapacity(1024)
    }

    /// Bytes queued but not yet written.
    var hasPendingOutput: Bool { outputStart < output.count }

    /// Nothing buffered, nothing running, nothing to write: safe to close at shutdown.
    var isIdle: Bool {
        phase == .handshaking || (phase == .open && !handlerRunning && parser.isIdle && !hasPendingOutput)
    }

    func setDeadline(_ kind: DeadlineKind, now: UInt64, after nanoseconds: UInt64) {
        deadlineKind = kind
        deadline = kind == .none ? 0 : now &+ nanoseconds
    }
}
