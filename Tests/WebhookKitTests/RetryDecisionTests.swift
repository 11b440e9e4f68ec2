import Testing
import WebhookKit
import WebhookKitTesting

@Suite("RetryPolicy decisions")
struct RetryDecisionTests {
    let policy = RetryPolicy()
    let now = Timestamp(millisecondsSince1970: 1_800_000_000_000)

    func decide(_ outcome: DeliveryOutcome, attempt: Int = 1, firstAttemptAt: Timestamp? = nil,
                successPolicy: DeliverySuccessPolicy = .only200, seed: UInt64 = 3) -> DeliveryDecision {
        var rng = SeededRandomNumberGenerator(seed: seed)
        return policy.decide(outcome: outcome, attempt: attempt, firstAttemptAt: firstAttemptAt ?? now,
                             now: now, successPolicy: successPolicy, using: &rng)
    }

    /// The retry time, failing the test when the decision is not a retry for `reason`.
    func retryTime(_ decision: DeliveryDecision, reason: FailureClass,
                   sourceLocation: SourceLocation = #_sourceLocation) -> Timestamp? {
        guard case .retry(let at, let actual) = decision, actual == reason else {
            Issue.record("expected a retry for \(reason), got \(decision)", sourceLocation: sourceLocation)
            return nil
        }
        return at
    }

    @Test("200 is delivered; other 2xx only when the webhook opts in")
    func successPolicy() {
        #expect(decide(.response(statusCode: 200, retryAfter: nil)) == .delivered)
        #expect(decide(.response(statusCode: 200, retryAfter: nil), successPolicy: .any2xx) == .delivered)
        for code in [201, 202, 204, 299] {
            #expect(decide(.response(statusCode: code, retryAfter: nil), successPolicy: .any2xx) == .delivered)
            _ = retryTime(decide(.response(statusCode: code, retryAfter: nil)), reason: .status(code))
        }
        _ = retryTime(decide(.response(statusCode: 300, retryAfter: nil), successPolicy: .any2xx), reason: .status(300))
    }

    @Test("failed statuses retry within the back-off ceiling of their attempt", arguments: [301, 400, 401, 404, 429, 500, 502, 503])
    func statusRetries(code: Int) throws {
        for attempt in 1...5 {
            let at = try #require(retryTime(decide(.response(statusCode: code, retryAfter: nil), attempt: attempt),
                                            reason: .status(code)))
            #expect(at >= now && at <= now.advanced(by: policy.backoffCeiling(attempt: attempt)))
        }
    }

    @Test("transport errors retry with their kind as the reason", arguments: TransportError.Kind.allCases)
    func transportRetries(kind: TransportError.Kind) throws {
        let at = try #require(retryTime(decide(.transportError(TransportError(kind, "x"))), reason: .transport(kind)))
        #expect(at >= now && at <= now.advanced(by: .seconds(5)))
    }

    @Test("410 Gone disables the webhook at once")
    func gone() {
        guard case .disableWebhook(let reason) = decide(.response(statusCode: 410, retryAfter: "10")) else {
            Issue.record("410 must disable the webhook")
            return
        }
        #expect(reason.contains("410"))
        #expect(DeliveryDecision.disableWebhook(reason: reason).failureClass == .status(410))
    }

    @Test("429 and 503 retry exactly at Retry-After seconds", arguments: [429, 503])
    func retryAfterSeconds(code: Int) {
        let decision = decide(.response(statusCode: code, retryAfter: "120"), attempt: 4)
        #expect(decision == .retry(at: now.advanced(by: .seconds(120)), reason: .status(code)))
    }

    @Test("429 and 503 retry exactly at a Retry-After HTTP date", arguments: [429, 503])
    func retryAfterDate(code: Int) {
        // now is 2027-01-15T08:00:00Z; ask for 08:10:00.
        let decision = decide(.response(statusCode: code, retryAfter: "Fri, 15 Jan 2027 08:10:00 GMT"))
        #expect(decision == .retry(at: now.advanced(by: .seconds(600)), reason: .status(code)))
    }

    @Test("Retry-After is clamped to the cap, and a past date means now")
    func retryAfterClamped() {
        #expect(decide(.response(statusCode: 503, retryAfter: "86400")) ==
                .retry(at: now.advanced(by: .seconds(3600)), reason: .status(503)))
        #expect(decide(.response(statusCode: 429, retryAfter: "Sun, 06 Nov 1994 08:49:37 GMT")) ==
                .retry(at: now, reason: .status(429)))
        #expect(decide(.response(statusCode: 429, retryAfter: "0")) == .retry(at: now, reason: .status(429)))
    }

    @Test("Retry-After is ignored on other statuses and when unparseable")
    func retryAfterIgnored() throws {
        for (code, header) in [(500, "3000"), (502, "3000"), (400, "3000"), (429, "soon"), (503, "-5"), (503, "")] {
            let at = try #require(retryTime(decide(.response(statusCode: code, retryAfter: header)), reason: .status(code)))
            #expect(at <= now.advanced(by: .seconds(5)), "status \(code) with Retry-After \(header)")
        }
    }

    @Test("a retry that would pass the give-up time dead-letters the message")
    func givesUp() {
        let expired = now.advanced(by: .seconds(-72 * 3600)).advanced(by: .milliseconds(-1))
        #expect(decide(.response(statusCode: 500, retryAfter: nil), attempt: 40, firstAttemptAt: expired) ==
                .deadLetter(reason: .status(500)))
        #expect(decide(.transportError(TransportError(.timeout, "x")), firstAttemptAt: expired) ==
                .deadLetter(reason: .transport(.timeout)))
        // A Retry-After beyond the deadline dead-letters although a back-off would fit.
        let almost = now.advanced(by: .seconds(-72 * 3600 + 60))
        #expect(decide(.response(statusCode: 503, retryAfter: "120"), firstAttemptAt: almost) ==
                .deadLetter(reason: .status(503)))
        #expect(decide(.response(statusCode: 503, retryAfter: "30"), firstAttemptAt: almost) ==
                .retry(at: now.advanced(by: .seconds(30)), reason: .status(503)))
    }

    @Test("a message that always fails retries until 72 h have passed, then is dead-lettered")
    func fullRetryLifetime() throws {
        var rng = SeededRandomNumberGenerator(seed: 11)
        let first = now
        var clock = now
        var attempt = 1
        var retries = 0
        while true {
            let decision = policy.decide(outcome: .response(statusCode: 500, retryAfter: nil), attempt: attempt,
                                         firstAttemptAt: first, now: clock, using: &rng)
            guard case .retry(let at, _) = decision else {
                #expect(decision == .deadLetter(reason: .status(500)))
                break
            }
            #expect(at <= first.advanced(by: .seconds(72 * 3600)))
            clock = at
            attempt += 1
            retries += 1
            try #require(retries < 10_000, "never gave up")
        }
        // With a 1 h ceiling the average wait is 30 min, so 72 h take well over 100 retries,
        // and giving up happens within one ceiling of the deadline.
        #expect(retries > 100)
        #expect(first.duration(to: clock) > .seconds(71 * 3600))
    }

    @Test("the outcome of a transport call maps to the decision's input")
    func outcomeFromResult() {
        let response = WebhookResponse(statusCode: 429, headers: ["retry-after": "7"])
        #expect(DeliveryOutcome(.success(response)) == .response(statusCode: 429, retryAfter: "7"))
        let error = TransportError(.reset, "peer closed")
        #expect(DeliveryOutcome(.failure(error)) == .transportError(error))
        #expect(DeliveryOutcome.response(statusCode: 200, retryAfter: nil).failureClass(successPolicy: .only200) == nil)
    }
}
