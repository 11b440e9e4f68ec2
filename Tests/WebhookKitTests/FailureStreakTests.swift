import Foundation
import Testing
import WebhookKit

@Suite("FailureStreak")
struct FailureStreakTests {
    let start = Timestamp(millisecondsSince1970: 1_800_000_000_000)

    func at(hours: Double) -> Timestamp {
        start.advanced(by: .milliseconds(Int64(hours * 3_600_000)))
    }

    @Test("no action before half the period, one warning at half, disable at the full period")
    func warnsThenDisables() {
        var streak = FailureStreak()
        #expect(streak.recordFailure(now: start) == .none)
        #expect(streak.failingSince == start)
        #expect(streak.recordFailure(now: at(hours: 35.99)) == .none)
        #expect(streak.recordFailure(now: at(hours: 36)) == .warn(since: start))
        #expect(streak.hasWarned)
        #expect(streak.recordFailure(now: at(hours: 36.5)) == .none)
        #expect(streak.recordFailure(now: at(hours: 71.99)) == .none)
        guard case .disable(let reason) = streak.recordFailure(now: at(hours: 72)) else {
            Issue.record("72 h of failures must disable")
            return
        }
        #expect(reason.contains("72h"))
        #expect(reason.contains(start.description))
    }

    @Test("after the period every further failure asks to disable again")
    func disableRepeats() {
        var streak = FailureStreak()
        _ = streak.recordFailure(now: start)
        let first = streak.recordFailure(now: at(hours: 80))
        let second = streak.recordFailure(now: at(hours: 81))
        guard case .disable = first else {
            Issue.record("expected disable, got \(first)")
            return
        }
        #expect(second == first)
    }

    @Test("a success ends the streak; the next streak starts fresh and warns again")
    func successResets() {
        var streak = FailureStreak()
        _ = streak.recordFailure(now: start)
        #expect(streak.recordFailure(now: at(hours: 40)) == .warn(since: start))
        streak.recordSuccess()
        #expect(streak.failingSince == nil)
        #expect(!streak.hasWarned)
        #expect(streak.recordFailure(now: at(hours: 50)) == .none)
        #expect(streak.recordFailure(now: at(hours: 80)) == .none)   // 30 h into the new streak
        #expect(streak.recordFailure(now: at(hours: 86)) == .warn(since: at(hours: 50)))
    }

    @Test("the period is configurable")
    func configurable() {
        var streak = FailureStreak(configuration: .init(disableAfter: .seconds(600)))
        _ = streak.recordFailure(now: start)
        #expect(streak.recordFailure(now: start.advanced(by: .seconds(300))) == .warn(since: start))
        guard case .disable(let reason) = streak.recordFailure(now: start.advanced(by: .seconds(600))) else {
            Issue.record("10 minutes of failures must disable")
            return
        }
        #expect(reason.contains("10m"))
    }

    @Test("the streak survives encoding, so a durable store can keep it across restarts")
    func codable() throws {
        var streak = FailureStreak(configuration: .init(disableAfter: .seconds(3600)))
        _ = streak.recordFailure(now: start)
        _ = streak.recordFailure(now: start.advanced(by: .seconds(1800)))
        let data = try JSONEncoder().encode(streak)
        var restored = try JSONDecoder().decode(FailureStreak.self, from: data)
        #expect(restored == streak)
        #expect(restored.recordFailure(now: start.advanced(by: .seconds(1900))) == .none)   // already warned
    }
}
