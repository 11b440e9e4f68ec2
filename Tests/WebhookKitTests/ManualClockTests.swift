import Synchronization
import Testing
import WebhookKit
import WebhookKitTesting

@Suite("ManualClock", .timeLimit(.minutes(1)))
struct ManualClockTests {
    @Test("time moves only when advanced, and never backwards")
    func advancing() {
        let clock = ManualClock()
        let start = clock.now()
        #expect(start == ManualClock.defaultStart)
        #expect(clock.now() == start)
        clock.advance(by: .seconds(5))
        #expect(clock.now() == start.advanced(by: .seconds(5)))
        clock.advance(to: start)
        #expect(clock.now() == start.advanced(by: .seconds(5)))
        clock.advance(to: start.advanced(by: .seconds(60)))
        #expect(clock.now() == start.advanced(by: .seconds(60)))
    }

    @Test("sleeping until a deadline already reached returns at once")
    func pastDeadline() async throws {
        let clock = ManualClock()
        try await clock.sleep(until: clock.now())
        try await clock.sleep(until: clock.now().advanced(by: .seconds(-1)))
        #expect(clock.sleeperCount == 0)
    }

    @Test("a sleeper stays parked until time reaches its deadline")
    func wakesAtDeadline() async throws {
        let clock = ManualClock()
        let deadline = clock.now().advanced(by: .seconds(10))
        let sleeper = Task {
            try await clock.sleep(until: deadline)
            return clock.now()
        }
        await clock.waitForSleepers(count: 1)
        #expect(clock.pendingDeadlines == [deadline])
        clock.advance(by: .seconds(9))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(1))
        #expect(clock.sleeperCount == 0)
        #expect(try await sleeper.value == deadline)
    }

    @Test("advanceToNextDeadline wakes sleepers one deadline at a time, earliest first")
    func stepsInDeadlineOrder() async throws {
        let clock = ManualClock()
        let start = clock.now()
        let offsets = [3, 1, 2]
        var sleepers: [Int: Task<Timestamp, any Error>] = [:]
        for offset in offsets {
            sleepers[offset] = Task {
                try await clock.sleep(until: start.advanced(by: .seconds(offset)))
                return clock.now()
            }
        }
        await clock.waitForSleepers(count: 3)
        #expect(clock.pendingDeadlines == [1, 2, 3].map { start.advanced(by: .seconds($0)) })
        for offset in [1, 2, 3] {
            #expect(clock.advanceToNextDeadline() == start.advanced(by: .seconds(offset)))
            #expect(try await sleepers[offset]?.value == start.advanced(by: .seconds(offset)))
            #expect(clock.sleeperCount == 3 - offset)
        }
        #expect(clock.advanceToNextDeadline() == nil)
        #expect(clock.now() == start.advanced(by: .seconds(3)))
    }

    @Test("one advance wakes every sleeper that is due and leaves the rest")
    func wakesAllDue() async throws {
        let clock = ManualClock()
        let start = clock.now()
        let tasks = (1...40).map { second in
            Task { try await clock.sleep(until: start.advanced(by: .seconds(second))) }
        }
        await clock.waitForSleepers(count: 40)
        clock.advance(by: .seconds(25))
        for task in tasks.prefix(25) { try await task.value }
        #expect(clock.sleeperCount == 15)
        #expect(clock.pendingDeadlines.first == start.advanced(by: .seconds(26)))
        clock.advance(by: .seconds(3600))
        for task in tasks { try await task.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test("cancelling a sleeper throws CancellationError and removes it")
    func cancellation() async {
        let clock = ManualClock()
        let sleeper = Task { try await clock.sleep(until: clock.now().advanced(by: .seconds(60))) }
        await clock.waitForSleepers(count: 1)
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test("a task cancelled before sleeping throws at once")
    func cancelledBeforeSleeping() async {
        let clock = ManualClock()
        let sleeper = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await clock.sleep(until: clock.now().advanced(by: .seconds(60)))
        }
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test("waitForSleepers returns at once when enough sleep, and when cancelled")
    func waitForSleepers() async throws {
        let clock = ManualClock()
        await clock.waitForSleepers(count: 0)
        let sleeper = Task { try await clock.sleep(until: clock.now().advanced(by: .seconds(1))) }
        await clock.waitForSleepers(count: 1)
        await clock.waitForSleepers(count: 1)
        let waiter = Task { await clock.waitForSleepers(count: 5) }
        waiter.cancel()
        await waiter.value
        clock.advance(by: .seconds(1))
        try await sleeper.value
    }
}

/// Runs jobs only when told, first in first out, so the order in which the clock resumes
/// sleepers becomes the order in which they run.
private final class QueueExecutor: TaskExecutor {
    private let jobs = Mutex<[UnownedJob]>([])

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLock { $0.append(job) }
    }

    /// Runs queued jobs, and any they enqueue, until none is left.
    func runAll() {
        while let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// The names of woken sleepers, in the order they ran.
private final class NameLog: Sendable {
    private let storage = Mutex<[String]>([])

    func append(_ name: String) { storage.withLock { $0.append(name) } }

    var names: [String] { storage.withLock { $0 } }
}

@Suite("ManualClock resume order")
struct ManualClockOrderTests {
    @Test("sleepers due at one advance resume in deadline order, ties in sleep order")
    func resumeOrder() async throws {
        let clock = ManualClock()
        let start = clock.now()
        let executor = QueueExecutor()
        let log = NameLog()
        let sleepers: [(String, Int)] = [("c", 30), ("a", 10), ("b1", 20), ("d", 99), ("b2", 20)]
        var tasks: [Task<Void, any Error>] = []
        for (name, seconds) in sleepers {
            tasks.append(Task(executorPreference: executor) {
                try await clock.sleep(until: start.advanced(by: .seconds(seconds)))
                log.append(name)
            })
            executor.runAll()   // runs the task up to its sleep, so sleep order is list order
        }
        #expect(clock.sleeperCount == 5)
        clock.advance(by: .seconds(50))
        executor.runAll()
        #expect(log.names == ["a", "b1", "b2", "c"])
        clock.advance(by: .seconds(50))
        executor.runAll()
        #expect(log.names == ["a", "b1", "b2", "c", "d"])
        for task in tasks { try await task.value }
    }
}
