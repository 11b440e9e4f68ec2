import Foundation
import Synchronization
import WebhookKit

/// A keep-alive connection of the pool: one ``ClientConnection`` behind a lock, sent on by
/// the caller's thread and read by ``ClientEventLoop``.
///
/// The pool hands it to one request at a time. The lock is held only while bytes move
/// (never while waiting), so the caller and the loop never wait on each other for long.
final class PooledConnection: Sendable {
    typealias ExchangeResult = Result<HTTPResponseParser.Response, TransportError>

    /// The request being answered.
    private struct Exchange {
        var parser: HTTPResponseParser
        let deadline: ClientDeadline
        let continuation: UnsafeContinuation<ExchangeResult, Never>
    }

    private struct State {
        /// `nil` once closed.
        var connection: ClientConnection?
        var exchange: Exchange?
    }

    /// Names the connection in the loop's events.
    let token: UInt64
    /// The address connected to, `ip:port`.
    let remoteAddress: String
    /// When the connection last went idle, in monotonic nanoseconds.
    let idleSince: Atomic<UInt64>
    private let descriptor: Int32
    private let loop: ClientEventLoop
    private let state: Mutex<State>

    private init(_ connection: sending ClientConnection, loop: ClientEventLoop) {
        token = loop.makeToken()
        remoteAddress = connection.remoteAddress
        descriptor = connection.socket.descriptor
        idleSince = Atomic(ClientDeadline.now.nanoseconds)
        self.loop = loop
        state = Mutex(State(connection: connection))
    }

    /// Resolves, connects and handshakes on a thread of its own (these steps block), then
    /// hands the connection to the event loop.
    static func open(_ parameters: OpenParameters, loop: ClientEventLoop) async throws(TransportError) -> PooledConnection {
        let result: Result<PooledConnection, TransportError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Result { () throws(TransportError) in
                    let connection = try ClientConnection(
                        host: parameters.host, port: parameters.port, context: parameters.context,
                        allowPrivateNetworks: parameters.allowPrivateNetworks,
                        connectDeadline: .after(parameters.connectTimeout),
                        handshakeDuration: parameters.handshakeTimeout, overallDeadline: parameters.overallDeadline
                    )
                    let pooled = PooledConnection(connection, loop: loop)
                    do throws(TransportError) {
                        try loop.register(pooled, descriptor: pooled.descriptor)
                    } catch {
                        pooled.close()
                        throw error
                    }
                    return pooled
                })
            }
            thread.name = "webhookkit-connect"
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

    /// Sends `request` and waits (without holding a thread) for its response.
    func exchange(_ request: [UInt8], deadline: ClientDeadline, parser: HTTPResponseParser.Configuration) async -> ExchangeResult {
        // Unsafe continuation on the hot path: it is resumed exactly once — here on a
        // failed send, otherwise by the loop (response, failure or deadline), or by close().
        await withUnsafeContinuation { continuation in
            let failure = state.withLock { state -> TransportError? in
                guard let connection = state.connection else {
                    return TransportError(.reset, "the connection to \(remoteAddress) is closed")
                }
                do throws(TransportError) {
                    try connection.startExchange(request)
                } catch {
                    closeLocked(&state)
                    return error
                }
                // Set under the lock the loop takes too: a response can only be read after it.
                state.exchange = Exchange(parser: HTTPResponseParser(configuration: parser), deadline: deadline, continuation: continuation)
                return nil
            }
            if let failure {
                continuation.resume(returning: .failure(failure))
            } else {
                loop.watch(deadline)
            }
        }
    }

    /// Called by the loop when the socket may be read or written: moves bytes and resumes
    /// the request once its response is complete or has failed.
    func socketIsReady() {
        let finished = state.withLock { state -> (UnsafeContinuation<ExchangeResult, Never>, ExchangeResult)? in
            // Input on an idle connection stays unread: the pool's check before reuse sees it.
            guard let connection = state.connection, var exchange = state.exchange.take() else { return nil }
            do throws(TransportError) {
                guard let response = try connection.pump(&exchange.parser) else {
                    state.exchange = exchange
                    return nil
                }
                return (exchange.continuation, .success(response))
            } catch {
                closeLocked(&state)
                return (exchange.continuation, .failure(error))
            }
        }
        if let (continuation, result) = finished { continuation.resume(returning: result) }
    }

    /// Fails the request if its deadline has passed and its response has not arrived by
    /// now; otherwise returns the deadline still pending, if any.
    func expireIfOverdue(now: ClientDeadline) -> ClientDeadline? {
        let (pending, finished) = state.withLock { state -> (ClientDeadline?, (UnsafeContinuation<ExchangeResult, Never>, ExchangeResult)?) in
            guard let connection = state.connection, var exchange = state.exchange.take() else { return (nil, nil) }
            guard exchange.deadline <= now else {
                state.exchange = exchange
                return (exchange.deadline, nil)
            }
            let result: ExchangeResult
            do throws(TransportError) {
                // What has arrived by the deadline still counts.
                if let response = try connection.pump(&exchange.parser) { return (nil, (exchange.continuation, .success(response))) }
                result = .failure(TransportError(.timeout, "\(connection.exchangePhase) with \(remoteAddress) timed out"))
            } catch {
                result = .failure(error)
            }
            closeLocked(&state)
            return (nil, (exchange.continuation, result))
        }
        if let (continuation, result) = finished { continuation.resume(returning: result) }
        return pending
    }

    /// Whether an idle connection may be reused: open, not idle too long, and nothing (not
    /// even a close by the peer) arrived while idle.
    func isReusable(idleTimeout: Duration) -> Bool {
        let idle = ClientDeadline.now.nanoseconds &- idleSince.load(ordering: .relaxed)
        guard Duration.nanoseconds(Int64(clamping: idle)) < idleTimeout else { return false }
        return state.withLock { $0.connection?.isUsableAfterIdle ?? false }
    }

    /// Closes the connection; a request still waiting fails with `.reset`. Safe to call twice.
    func close() {
        let orphan = state.withLock { state -> Exchange? in
            closeLocked(&state)
            return state.exchange.take()
        }
        orphan?.continuation.resume(returning: .failure(TransportError(.reset, "the connection to \(remoteAddress) was closed")))
    }

    /// Stops watching the socket, then closes it.
    private func closeLocked(_ state: inout State) {
        guard let connection = state.connection else { return }
        loop.deregister(token: token, descriptor: descriptor)
        connection.close()
        state.connection = nil
    }
}
