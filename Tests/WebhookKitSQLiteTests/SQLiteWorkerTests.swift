import Testing
@testable import WebhookKitSQLite

@Suite("SQLite worker group commit")
struct SQLiteWorkerTests {
    private func makeWorker(_ directory: TestDirectory, groupCommit: Bool) throws -> SQLiteWorker {
        let schema = SQLiteSchema(applicationID: 42, migrations: ["CREATE TABLE item (job INTEGER NOT NULL, part INTEGER NOT NULL)"])
        let database = try SQLiteFile.open(path: directory.path("worker.sqlite"), schema: schema, options: SQLiteFileOptions(groupCommit: groupCommit))
        return SQLiteWorker(database: database, groupCommit: groupCommit, label: "test")
    }

    struct Refused: Error {}

    @Test("a failing job is rolled back alone; the jobs sharing its transaction commit", arguments: [true, false])
    func failureIsolation(groupCommit: Bool) async throws {
        try await TestDirectory.with { directory in
            let worker = try makeWorker(directory, groupCommit: groupCommit)
            let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
                for job in 0..<60 {
                    group.addTask {
                        let result: Void? = try? await worker.perform(.write) { database in
                            let insert = try database.statement("INSERT INTO item (job, part) VALUES (?, ?)", operation: "test insert")
                            for part in 0..<3 {
                                insert.reset()
                                try insert.bind(1, job)
                                try insert.bind(2, part)
                                try insert.run()
                                if job % 5 == 0, part == 1 { throw Refused() }
                            }
                        }
                        return (job, result != nil)
                    }
                }
                var outcomes: [Int: Bool] = [:]
                for await (job, succeeded) in group { outcomes[job] = succeeded }
                return outcomes
            }
            #expect(outcomes.filter { $0.value }.keys.sorted() == (0..<60).filter { $0 % 5 != 0 })
            let stored = try await worker.perform(.read) { database in
                try database.strings("SELECT job FROM item GROUP BY job HAVING count(*) = 3 ORDER BY job", operation: "test read").compactMap { Int($0) }
            }
            #expect(stored == (0..<60).filter { $0 % 5 != 0 })
            let partial = try await worker.perform(.read) { database in
                try database.integer("SELECT count(*) FROM item WHERE job % 5 = 0", operation: "test read")
            }
            #expect(partial == 0)
            if !groupCommit {
                #expect(worker.statistics.transactions == worker.statistics.jobs)
            }
            _ = try await worker.perform(.direct) { $0.close() }
        }
    }

    @Test("with group commit, calls waiting behind a transaction share the next one")
    func sharing() async throws {
        try await TestDirectory.with { directory in
            let worker = try makeWorker(directory, groupCommit: true)
            let gate = AsyncGate()
            // The first job holds the queue until every other call is waiting.
            async let blocker: Void = worker.perform(.write) { _ in gate.waitBlocking() }
            while !gate.isEntered { await Task.yield() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for job in 0..<20 {
                    group.addTask {
                        try await worker.perform(.write) { database in
                            let insert = try database.statement("INSERT INTO item (job, part) VALUES (?, 0)", operation: "test insert")
                            try insert.bind(1, job)
                            try insert.run()
                        }
                    }
                }
                while worker.pendingJobCount < 20 { await Task.yield() }
                gate.open()
                try await group.waitForAll()
            }
            try await blocker
            #expect(worker.statistics.jobs == 21)
            #expect(worker.statistics.transactions == 2)
            _ = try await worker.perform(.direct) { $0.close() }
        }
    }
}

import Synchronization

/// A gate a worker-queue job blocks on until a test opens it.
final class AsyncGate: Sendable {
    private let state = Mutex((entered: false, open: false))

    func open() { state.withLock { $0.open = true } }

    /// Whether a job is waiting at the gate.
    var isEntered: Bool { state.withLock { $0.entered } }

    /// Spins (yielding the thread) until opened; only for jobs on the worker's own queue.
    func waitBlocking() {
        state.withLock { $0.entered = true }
        while !state.withLock({ $0.open }) { sched_yield() }
    }
}

#if canImport(Glibc)
import Glibc
#endif
