import Dispatch
import Synchronization

/// Runs every use of one connection on a serial queue, off Swift's cooperative threads
/// (SQLite calls block on file I/O).
///
/// Jobs queue up while a transaction runs; the next turn takes all of them and, with
/// group commit on, runs them in one transaction, each inside its own savepoint, so one
/// commit (and with `synchronous=FULL` one `fsync`) serves many callers. A job that
/// fails is rolled back alone; if SQLite abandons the whole transaction (a full disk, an
/// I/O error), every job in it fails. Callers are resumed only after the commit, so a
/// returned call is durable and a failed one changed nothing.
final class SQLiteWorker: @unchecked Sendable {
    // Safe to share: `database` is used only on `queue` (every access goes through a
    // job that `drain()` runs there); the job list and hooks are behind mutexes.

    /// How a job uses the connection.
    enum Kind: Sendable {
        /// Reads only; runs in a deferred transaction of its group.
        case read
        /// Writes; runs in an immediate transaction of its group.
        case write
        /// Runs outside any transaction (pragmas that forbid one, closing).
        case direct
    }

    /// What a ran job reports: its own error, if it failed, and how to resume its caller
    /// once the fate of its transaction is known (`nil`: committed).
    private typealias Outcome = (error: (any Error)?, finish: @Sendable ((any Error)?) -> Void)

    private struct Job: Sendable {
        let kind: Kind
        let run: @Sendable (SQLiteDatabase) -> Outcome
        /// Resumes the caller with `error` without running the job.
        let fail: @Sendable (any Error) -> Void
    }

    private struct Queue: Sendable {
        var jobs: [Job] = []
        var scheduled = false
    }

    /// Counts of transactions and jobs, to see how well commits are shared.
    struct Statistics: Sendable, Hashable {
        var transactions = 0
        var jobs = 0
    }

    private let queue: DispatchQueue
    private let database: SQLiteDatabase
    private let groupCommit: Bool
    private let maximumGroupSize = 4096
    private let waiting = Mutex(Queue())
    private let counters = Mutex(Statistics())
    private let commitHook = Mutex<(@Sendable () -> Void)?>(nil)

    init(database: SQLiteDatabase, groupCommit: Bool, label: String) {
        self.database = database
        self.groupCommit = groupCommit
        queue = DispatchQueue(label: label)
    }

    var statistics: Statistics { counters.withLock { $0 } }

    /// Jobs submitted and not yet taken by the queue.
    var pendingJobCount: Int { waiting.withLock { $0.jobs.count } }

    /// Runs `hook` on the worker's queue just before each commit (tests take crash
    /// images there); `nil` removes it.
    func setBeforeCommitHook(_ hook: (@Sendable () -> Void)?) {
        commitHook.withLock { $0 = hook }
    }

    /// Runs `body` with the connection and returns its result once committed; `committed`
    /// runs on the queue right after the commit, before the caller resumes (to publish
    /// state derived from the committed rows).
    func perform<T: Sendable>(
        _ kind: Kind, _ body: @escaping @Sendable (SQLiteDatabase) throws -> T, committed: (@Sendable (T) -> Void)? = nil
    ) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let run: @Sendable (SQLiteDatabase) -> Outcome = { database in
                do {
                    let value = try body(database)
                    return (nil, { failure in
                        if let failure {
                            continuation.resume(throwing: failure)
                        } else {
                            committed?(value)
                            continuation.resume(returning: value)
                        }
                    })
                } catch {
                    return (error, { failure in continuation.resume(throwing: failure ?? error) })
                }
            }
            submit(Job(kind: kind, run: run, fail: { continuation.resume(throwing: $0) }))
        }
    }

    private func submit(_ job: Job) {
        let schedule = waiting.withLock { state -> Bool in
            state.jobs.append(job)
            if state.scheduled { return false }
            state.scheduled = true
            return true
        }
        if schedule { queue.async { self.drain() } }
    }

    /// Takes every waiting job and runs it: `direct` jobs alone, the rest in groups.
    private func drain() {
        let batch = waiting.withLock { state -> [Job] in
            defer { state.jobs = []; state.scheduled = false }
            return state.jobs
        }
        var index = 0
        while index < batch.count {
            if case .direct = batch[index].kind {
                let outcome = batch[index].run(database)
                if outcome.error != nil { database.rollbacks += 1 }
                outcome.finish(outcome.error)
                index += 1
                continue
            }
            var end = index + 1
            if groupCommit {
                while end < batch.count, end - index < maximumGroupSize {
                    if case .direct = batch[end].kind { break }
                    end += 1
                }
            }
            runTransaction(batch[index..<end])
            index = end
        }
    }

    private func runTransaction(_ jobs: ArraySlice<Job>) {
        let writes = jobs.contains { if case .write = $0.kind { true } else { false } }
        let begin = writes ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED"
        // Jobs whose effects are in the open transaction, and jobs already decided.
        var inTransaction: [Outcome] = []
        var resolved: [(finish: @Sendable ((any Error)?) -> Void, failure: (any Error)?)] = []
        var beginFailure: (any Error)?
        do {
            try database.statement(begin, operation: "begin transaction").run()
        } catch {
            beginFailure = error
        }
        for job in jobs {
            if let beginFailure {
                job.fail(beginFailure)
                continue
            }
            try? database.statement("SAVEPOINT job", operation: "savepoint").run()
            let outcome = job.run(database)
            guard let failure = outcome.error else {
                try? database.statement("RELEASE job", operation: "release savepoint").run()
                inTransaction.append(outcome)
                continue
            }
            resolved.append((outcome.finish, failure))
            database.rollbacks += 1
            if database.isAutocommit {
                // SQLite rolled back the whole transaction: earlier jobs are lost too.
                resolved += inTransaction.map { ($0.finish, failure) }
                inTransaction = []
                do {
                    try database.statement(begin, operation: "begin transaction").run()
                } catch {
                    beginFailure = error
                }
            } else {
                try? database.statement("ROLLBACK TO job", operation: "roll back savepoint").run()
                try? database.statement("RELEASE job", operation: "release savepoint").run()
            }
        }
        if beginFailure == nil {
            if let hook = commitHook.withLock({ $0 }) { hook() }
            do {
                try database.statement("COMMIT", operation: "commit").run()
                resolved += inTransaction.map { ($0.finish, nil) }
            } catch {
                database.rollbacks += 1
                if !database.isAutocommit { try? database.execute("ROLLBACK", operation: "roll back") }
                resolved += inTransaction.map { ($0.finish, error) }
            }
        }
        counters.withLock {
            $0.transactions += 1
            $0.jobs += jobs.count
        }
        for (finish, failure) in resolved { finish(failure) }
    }
}
