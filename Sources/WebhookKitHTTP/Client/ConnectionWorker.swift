import Dispatch
import Foundation
import Synchronization
import WebhookKit

/// A pooled connection: a dedicated thread that owns one ``ClientConnection`` and runs its
/// blocking, deadline-bounded I/O, so no Swift concurrency thread ever waits on a socket.
///
/// Callers `await` an exchange; the thread performs it and resumes the continuation.
/// The pool hands a worker to one request at a time.
final class ConnectionWorker: Sendable {
    /// What the worker thread does next.
    enum Job: Sendable {
        case exchange([UInt8], ClientDeadline, HTTPResponseParser.Configuration, UnsafeContinuation<Result<HTTPResponseParser.Response, TransportError>, Never>)
        case close
    }

    /// The address connected to, `ip:port`.
    let remoteAddress: String
    /// The socket, used only to check an idle connection from the pool's side.
    private let descriptor: Int32
    private let mailbox: Mailbox
    /// When the worker last went idle, in monotonic nanoseconds.
    let idleSince: Atomic<UInt64>

    private init(remoteAddress: String, descriptor: Int32, mailbox: Mailbox) {
        self.remoteAddress = remoteAddress
        self.descriptor = descriptor
        self.mailbox = mailbox
        idleSince = Atomic(ClientDeadline.now.nanoseconds)
    }

    /// Starts a thread that resolves, connects and handshakes; returns once it is ready.
    static func open(_ parameters: OpenParameters) async throws(TransportError) -> ConnectionWorker {
        let result: Result<ConnectionWorker, TransportError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                let opened = Result { () throws(TransportError) in
                    try ClientConnection(
                        host: parameters.host, port: parameters.port, context: parameters.context,
                        allowPrivateNetworks: parameters.allowPrivateNetworks,
                        connectDeadline: .after(parameters.connectTimeout),
                        handshakeDuration: parameters.handshakeTimeout, overallDeadline: parameters.overallDeadline
                    )
                }
                switch opened {
                case .failure(let error):
                    continuation.resume(returning: .failure(error))
                case .success(let connection):
                    let mailbox = Mailbox()
                    let worker = ConnectionWorker(remoteAddress: connection.remoteAddress, descriptor: connection.socket.descriptor, mailbox: mailbox)
                    continuation.resume(returning: .success(worker))
                    serve(connection, mailbox: mailbox)
                }
            }
            thread.name = "webhookkit-client"
            thread.stackSize = 512 * 1024
            thread.start()
        }
        return try result.get()
    }

    /// What opening a connection needs.
    struct OpenParameters: Sendable {
        var host: String
        var port: Int
        var context: ClientTLSContext
        var allowPrivateNetworks: Bool
        var connectTimeout: Duration
        var handshakeTimeout: Duration
        var overallDeadline: ClientDeadline
    }

    /// The worker thread's loop: one job at a time until `close`.
    private static func serve(_ connection: ClientConnection, mailbox: Mailbox) {
        while true {
            switch mailbox.next() {
            case .exchange(let request, let deadline, let configuration, let continuation):
                let result = Result { () throws(TransportError) in
                    try connection.exchange(request, deadline: deadline, parser: configuration)
                }
                if case .failure = result { connection.close() }
                continuation.resume(returning: result)
            case .close:
                connection.close()
                return
            }
        }
    }

    /// Sends `request` and reads the response on the worker thread.
    func exchange(_ request: [UInt8], deadline: ClientDeadline, parser: HTTPResponseParser.Configuration) async -> Result<HTTPResponseParser.Response, TransportError> {
        // Unsafe continuation on the hot path: the worker thread resumes every posted
        // exchange exactly once (see `serve`), including on failure.
        await withUnsafeContinuation { continuation in
            mailbox.post(.exchange(request, deadline, parser, continuation))
        }
    }

    /// Whether an idle connection may be reused: not idle too long, and nothing (not even
    /// a close by the peer) arrived while idle.
    func isReusable(idleTimeout: Duration) -> Bool {
        let idle = ClientDeadline.now.nanoseconds &- idleSince.load(ordering: .relaxed)
        guard Duration.nanoseconds(Int64(clamping: idle)) < idleTimeout else { return false }
        var pollfd = Glibc.pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&pollfd, 1, 0) == 0
    }

    /// Tells the thread to close the connection and exit.
    func close() {
        mailbox.post(.close)
    }
}

/// A job queue with a semaphore the worker thread sleeps on.
private final class Mailbox: Sendable {
    private let jobs = Mutex<[ConnectionWorker.Job]>([])
    private let signal = DispatchSemaphore(value: 0)

    func post(_ job: ConnectionWorker.Job) {
        jobs.withLock { $0.append(job) }
        signal.signal()
    }

    func next() -> ConnectionWorker.Job {
        while true {
            signal.wait()
            if let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { return job }
        }
    }
}
