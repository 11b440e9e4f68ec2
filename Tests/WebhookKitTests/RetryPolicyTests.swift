import Foundation
import Testing
import WebhookKit
import WebhookKitTesting

@Suite("RetryPolicy back-off")
struct RetryPolicyTests {
    let policy = RetryPolicy()

    @Test("the ceiling doubles from 5 s and stops at 1 h")
    func ceilings() {
        let expected: [(Int, Duration)] = [
            (1, .seconds(5)), (2, .seconds(10)), (3, .seconds(20)), (4, .seconds(40)),
            (10, .seconds(2560)), (11, .seconds(3600)), (12, .seconds(3600)),
        ]
        for (attempt, ceiling) in expected {
            #expect(policy.backoffCeiling(attempt: attempt) == ceiling, "attempt \(attempt)")
        }
    }

    @Test("huge attempt numbers and multipliers neither overflow nor pass the cap")
    func noOverflow() {
        var rng = SeededRandomNumberGenerator(seed: 1)
        for attempt in [64, 1_000, 1 << 40, Int.max] {
            #expect(policy.backoffCeiling(attempt: attempt) == .seconds(3600))
            #expect(policy.backoff(attempt: attempt, using: &rng) <= .seconds(3600))
        }
        let steep = RetryPolicy(multiplier: 1e300)
        #expect(steep.backoffCeiling(attempt: 3) == .seconds(3600))
    }

    @Test("attempt numbers below 1 count as the first attempt")
    func lowAttempts() {
        #expect(policy.backoffCeiling(attempt: 0) == .seconds(5))
        #expect(policy.backoffCeiling(attempt: -7) == .seconds(5))
    }

    @Test("every jittered delay lies in 0...ceiling, at every attempt", arguments: 1...14)
    func bounds(attempt: Int) {
        var rng = SeededRandomNumberGenerator(seed: UInt64(attempt))
        let ceiling = policy.backoffCeiling(attempt: attempt)
        for _ in 0..<500 {
            let delay = policy.backoff(attempt: attempt, using: &rng)
            #expect(delay >= .zero && delay <= ceiling)
        }
    }

    @Test("full jitter spreads over the whole range")
    func jitterCoversRange() {
        var rng = SeededRandomNumberGenerator(seed: 7)
        let ceiling = policy.backoffCeiling(attempt: 3).wholeMilliseconds   // 20 s
        var deciles = [Int](repeating: 0, count: 10)
        var smallest = Int64.max
        var largest = Int64.min
        for _ in 0..<5_000 {
            let millis = policy.backoff(attempt: 3, using: &rng).wholeMilliseconds
            deciles[Int(min(9, millis * 10 / ceiling))] += 1
            smallest = min(smallest, millis)
            largest = max(largest, millis)
        }
        // 500 expected per decile; a uniform draw does not fall below 350 with this seed
        // or any sane one, while a non-jittered or half-jittered delay leaves deciles empty.
        #expect(deciles.allSatisfy { $0 > 350 }, "\(deciles)")
        #expect(smallest < ceiling / 100)
        #expect(largest > ceiling - ceiling / 100)
    }

    @Test("the same seed gives the same delays")
    func deterministic() {
        var first = SeededRandomNumberGenerator(seed: 99)
        var second = SeededRandomNumberGenerator(seed: 99)
        let a = (1...20).map { policy.backoff(attempt: $0, using: &first) }
        let b = (1...20).map { policy.backoff(attempt: $0, using: &second) }
        #expect(a == b)
    }

    @Test("a multiplier of 1 keeps the ceiling constant; 3 triples it")
    func otherMultipliers() {
        let constant = RetryPolicy(baseDelay: .seconds(2), multiplier: 1)
        #expect((1...50).allSatisfy { constant.backoffCeiling(attempt: $0) == .seconds(2) })
        let triple = RetryPolicy(baseDelay: .seconds(1), multiplier: 3, maximumDelay: .seconds(100))
        #expect((1...6).map { triple.backoffCeiling(attempt: $0) } ==
                [.seconds(1), .seconds(3), .seconds(9), .seconds(27), .seconds(81), .seconds(100)])
    }

    @Test("validation accepts the defaults and lists every problem of a bad policy")
    func validation() throws {
        try RetryPolicy().validate()
        try RetryPolicy(multiplier: 1).validate()
        let bad = RetryPolicy(baseDelay: .zero, multiplier: 0.5, maximumDelay: .seconds(-1),
                              giveUpAfter: .zero, retryAfterCap: .seconds(-1))
        let error = #expect(throws: RetryPolicy.ValidationError.self) { try bad.validate() }
        #expect(error?.problems.map(\.field) == ["baseDelay", "multiplier", "maximumDelay", "giveUpAfter", "retryAfterCap"])
        #expect(error?.description.contains("multiplier: must be a finite number of at least 1") == true)
    }

    @Test("JSON uses seconds, round-trips, and fills absent fields with defaults")
    func codable() throws {
        let policy = RetryPolicy(baseDelay: .milliseconds(1500), multiplier: 3, maximumDelay: .seconds(600),
                                 giveUpAfter: .seconds(86_400), retryAfterCap: .seconds(120))
        let data = try JSONEncoder().encode(policy)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["baseDelaySeconds"] as? Double == 1.5)
        #expect(try JSONDecoder().decode(RetryPolicy.self, from: data) == policy)
        let partial = try JSONDecoder().decode(RetryPolicy.self, from: Data(#"{"maximumDelaySeconds":60}"#.utf8))
        #expect(partial == RetryPolicy(maximumDelay: .seconds(60)))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(RetryPolicy.self, from: Data(#"{"baseDelaySeconds":-1}"#.utf8))
        }
    }
}
