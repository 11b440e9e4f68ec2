import COpenSSL
import Synchronization
import WebhookKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The one thread that waits for every client connection's responses.
///
/// A request is sent from the caller's own thread (a send on a healthy connection never
/// waits); the loop then sleeps in `epoll_wait` until a response arrives and resumes the
/// caller. Sockets are registered once, edge-triggered, so a request costs no system call
/// on the loop's side beyond the read, and no thread is woken just to hand work over.
/// Deadlines are checked when the earliest one falls due: callers lower ``nextCheck``
/// and write the `eventfd` only when their deadline is earlier than every one the loop
/// knows, which under steady load is never.
final class ClientEventLoop: Sendable {
    /// The loop shared by every transport in the process, started on first use.
    static let shared: Result<ClientEventLoop, TransportError> = Result { () throws(TransportError) in
        let loop = try ClientEventLoop()
        try loop.start()
        return loop
    }

    private static let wakeToken: UInt64 = 0
    private static let maximumEvents: Int32 = 256

    private let epollDescriptor: Int32
    private let wakeDescriptor: Int32
    private let connections = Mutex<[UInt64: PooledConnection]>([:])
    private let lastToken = Atomic<UInt64>(0)
    /// When the loop next checks deadlines, in monotonic nanoseconds (`.max`: none pending).
    private let nextCheck = Atomic<UInt64>(.max)

    private init() throws(TransportError) {
        let epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw TransportError(.connect, "epoll_create1 failed: \(errnoText(errno))") }
        let wake = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard wake >= 0 else {
            let code = errno
            close(epoll)
            throw TransportError(.connect, "eventfd failed: \(errnoText(code))")
        }
        epollDescriptor = epoll
        wakeDescriptor = wake
    }

    private func start() throws(TransportError) {
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = Self.wakeToken
        guard epoll_ctl(epollDescriptor, EPOLL_CTL_ADD, wakeDescriptor, &event) == 0 else {
            throw TransportError(.connect, "epoll_ctl failed: \(errnoText(errno))")
        }
        do {
            try LoopThread.spawn { [self] in run() }
        } catch {
            throw TransportError(.connect, "cannot start the client's I/O thread: \(error)")
        }
    }

    /// A token naming a connection in `epoll` events (never the wake-up token).
    func makeToken() -> UInt64 {
        lastToken.add(1, ordering: .relaxed).newValue
    }

    /// Watches `connection`'s socket from now on.
    func register(_ connection: PooledConnection, descriptor: Int32) throws(TransportError) {
        connections.withLock { $0[connection.token] = connection }
        var event = epoll_event()
        event.events = EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue
        event.data.u64 = connection.token
        guard epoll_ctl(epollDescriptor, EPOLL_CTL_ADD, descriptor, &event) == 0 else {
            let code = errno
            connections.withLock { $0[connection.token] = nil }
            throw TransportError(.connect, "epoll_ctl failed: \(errnoText(code))")
        }
    }

    /// Stops watching a socket; called before the socket is closed.
    func deregister(token: UInt64, descriptor: Int32) {
        _ = epoll_ctl(epollDescriptor, EPOLL_CTL_DEL, descriptor, nil)
        _ = connections.withLock { $0.removeValue(forKey: token) }
    }

    /// Makes sure the loop checks `deadline` on time: wakes it only when `deadline` is
    /// earlier than every deadline it already waits for.
    func watch(_ deadline: ClientDeadline) {
        if lowerNextCheck(to: deadline.nanoseconds) {
            var one: UInt64 = 1
            _ = write(wakeDescriptor, &one, 8)
        }
    }

    /// Lowers ``nextCheck`` to `time`; true when it was later. (A compare-exchange loop:
    /// `Atomic<UInt64>.min` compares as signed on this toolchain, so `.max` would win.)
    @discardableResult
    private func lowerNextCheck(to time: UInt64) -> Bool {
        var current = nextCheck.load(ordering: .sequentiallyConsistent)
        while time < current {
            let (exchanged, original) = nextCheck.compareExchange(expected: current, desired: time, ordering: .sequentiallyConsistent)
            if exchanged { return true }
            current = original
        }
        return false
    }

    private func run() {
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: Int(Self.maximumEvents))
        while true {
            let check = nextCheck.load(ordering: .sequentiallyConsistent)
            let now = ClientDeadline.now.nanoseconds
            // Events first, deadlines after: a response that arrived while this thread was
            // not running still counts, as it would for a blocking `poll`.
            let timeout = check <= now ? 0 : check == .max ? -1 : Int32(clamping: (check - now + 999_999) / 1_000_000)
            let count = epoll_wait(epollDescriptor, events, Self.maximumEvents, timeout)
            for index in 0..<Int(max(count, 0)) {
                let token = events[index].data.u64
                if token == Self.wakeToken {
                    var value: UInt64 = 0
                    _ = read(wakeDescriptor, &value, 8)
                    continue
                }
                connections.withLock { $0[token] }?.socketIsReady()
            }
            let after = ClientDeadline.now
            if nextCheck.load(ordering: .sequentiallyConsistent) <= after.nanoseconds {
                checkDeadlines(now: after)
            }
        }
    }

    /// Fails every exchange past its deadline and notes when the next one falls due.
    private func checkDeadlines(now: ClientDeadline) {
        // Reset first: a deadline watched from here on lowers it again (and wakes the loop).
        nextCheck.store(.max, ordering: .sequentiallyConsistent)
        let all = connections.withLock { Array($0.values) }
        for connection in all {
            if let pending = connection.expireIfOverdue(now: now) {
                lowerNextCheck(to: pending.nanoseconds)
            }
        }
    }
}
