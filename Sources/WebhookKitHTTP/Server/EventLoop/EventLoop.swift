import COpenSSL
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The thread-safe face of one event loop: what other threads may hand it.
///
/// The loop's own state (connections, buffers, timers) lives in ``EventLoopRunner`` on the
/// loop thread and is never touched from elsewhere. Other threads only reach this object:
/// they enqueue task jobs (the loop is a `TaskExecutor`, so handlers can run on it),
/// finished responses, and the shutdown request. A write to an `eventfd` wakes the loop, but
/// only when it is actually asleep in `epoll_wait` — while it is busy, items are picked up
/// on its next turn without a system call.
final class EventLoop: TaskExecutor, Sendable {
    /// A handler's response, on its way back to the connection that asked.
    struct Completion: Sendable {
        let connectionID: UInt64
        let response: HTTPResponse
    }

    /// An accepted socket handed over by the loop that accepted it.
    struct Adoption: Sendable {
        let fileDescriptor: Int32
        let remoteAddress: String
    }

    struct Inbox: ~Copyable {
        var jobs: [UnownedJob] = []
        var adoptions: [Adoption] = []
        var completions: [Completion] = []
        var shutdownDeadline: UInt64?
        var sleeping = false
        var stopped = false
    }

    let index: Int
    let epollDescriptor: Int32
    let wakeDescriptor: Int32
    private let inbox = Mutex(Inbox())

    init(index: Int) throws(HTTPServerError) {
        self.index = index
        let epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw Listener.systemError("epoll_create1") }
        let wake = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard wake >= 0 else {
            let error = Listener.systemError("eventfd")
            close(epoll)
            throw error
        }
        epollDescriptor = epoll
        wakeDescriptor = wake
    }

    // MARK: TaskExecutor

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let accepted = push { inbox in
            inbox.jobs.append(unowned)
        }
        // A task that outlives the loop (a handler still running after a forced shutdown)
        // continues on the global executor instead of never running again.
        if !accepted {
            globalConcurrentExecutor.enqueue(unowned)
        }
    }

    // MARK: Hand-over

    /// Hands a finished response to the loop; dropped if the loop has stopped.
    func complete(_ completion: Completion) {
        _ = push { $0.completions.append(completion) }
    }

    /// Hands an accepted socket to this loop; false if the loop has stopped (the caller
    /// then closes the socket).
    func adopt(_ adoption: Adoption) -> Bool {
        push { $0.adoptions.append(adoption) }
    }

    /// Asks the loop to stop accepting and wind down by `deadline` (monotonic nanoseconds).
    func requestShutdown(deadline: UInt64) {
        _ = push { $0.shutdownDeadline = deadline }
    }

    /// Appends under the lock and wakes the loop if it sleeps; false if the loop stopped.
    private func push(_ change: (inout Inbox) -> Void) -> Bool {
        let (accepted, wake) = inbox.withLock { inbox -> (Bool, Bool) in
            guard !inbox.stopped else { return (false, false) }
            change(&inbox)
            let wake = inbox.sleeping
            inbox.sleeping = false
            return (true, wake)
        }
        if wake {
            var one: UInt64 = 1
            _ = write(wakeDescriptor, &one, 8)
        }
        return accepted
    }

    // MARK: Loop side

    /// Takes everything queued. Called on the loop thread only.
    func takeInbox(jobs: inout [UnownedJob], completions: inout [Completion], adoptions: inout [Adoption]) -> UInt64? {
        inbox.withLock { inbox in
            inbox.sleeping = false
            swap(&jobs, &inbox.jobs)
            swap(&completions, &inbox.completions)
            swap(&adoptions, &inbox.adoptions)
            return inbox.shutdownDeadline
        }
    }

    /// Marks the loop as about to sleep unless work is waiting; returns whether it may sleep.
    func prepareToSleep() -> Bool {
        inbox.withLock { inbox in
            guard inbox.jobs.isEmpty && inbox.completions.isEmpty && inbox.adoptions.isEmpty else { return false }
            inbox.sleeping = true
            return true
        }
    }

    /// Marks the loop stopped (later jobs go to the global executor) and returns the jobs
    /// that were still queued, for the caller to forward.
    func stop() -> [UnownedJob] {
        let (jobs, adoptions) = inbox.withLock { inbox in
            inbox.stopped = true
            defer {
                inbox.jobs = []
                inbox.adoptions = []
            }
            return (inbox.jobs, inbox.adoptions)
        }
        for adoption in adoptions { close(adoption.fileDescriptor) }
        return jobs
    }

    deinit {
        close(epollDescriptor)
        close(wakeDescriptor)
    }
}
