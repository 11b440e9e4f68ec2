import Testing
import WebhookKit

@Suite("CircuitBreaker")
struct CircuitBreakerTests {
    let start = Timestamp(millisecondsSince1970: 1_800_000_000_000)

    func opened(at now: Timestamp) -> CircuitBreaker {
        var breaker = CircuitBreaker()
        for _ in 0..<5 { breaker.recordFailure(now: now) }
        return breaker
    }

    @Test("a closed breaker allows requests and opens after 5 consecutive failures")
    func opensAtThreshold() {
        var breaker = CircuitBreaker()
        for count in 1...4 {
            breaker.recordFailure(now: start)
            #expect(breaker.state == .closed(consecutiveFailures: count))
            #expect(breaker.requestPermission(now: start) == .allowed)
        }
        breaker.recordFailure(now: start)
        #expect(breaker.state == .open(until: start.advanced(by: .seconds(30))))
        #expect(breaker.state.label == "open")
        #expect(breaker.isOpen)
    }

    @Test("a success resets the count of consecutive failures")
    func successResets() {
        var breaker = CircuitBreaker()
        for _ in 0..<4 { breaker.recordFailure(now: start) }
        breaker.recordSuccess()
        for _ in 0..<4 { breaker.recordFailure(now: start) }
        #expect(breaker.state == .closed(consecutiveFailures: 4))
        #expect(breaker.requestPermission(now: start) == .allowed)
    }

    @Test("an open breaker denies requests until the cool-down has passed")
    func deniesDuringCoolDown() {
        var breaker = opened(at: start)
        let until = start.advanced(by: .seconds(30))
        #expect(breaker.requestPermission(now: start) == .denied(until: until))
        #expect(breaker.requestPermission(now: until.advanced(by: .milliseconds(-1))) == .denied(until: until))
        #expect(breaker.state == .open(until: until))
    }

    @Test("after the cool-down exactly one probe passes")
    func singleProbe() {
        var breaker = opened(at: start)
        let later = start.advanced(by: .seconds(30))
        #expect(breaker.requestPermission(now: later) == .allowedAsProbe)
        #expect(breaker.state == .halfOpen(probeInFlight: true))
        #expect(breaker.state.label == "half_open")
        for offset in [0, 1, 60] {
            guard case .denied(let until) = breaker.requestPermission(now: later.advanced(by: .seconds(offset))) else {
                Issue.record("a second request while the probe is in flight must be denied")
                continue
            }
            #expect(until > later.advanced(by: .seconds(offset)))
        }
    }

    @Test("a successful probe closes the breaker")
    func probeSuccessCloses() {
        var breaker = opened(at: start)
        let later = start.advanced(by: .seconds(31))
        #expect(breaker.requestPermission(now: later) == .allowedAsProbe)
        breaker.recordSuccess()
        #expect(breaker.state == .closed(consecutiveFailures: 0))
        #expect(breaker.state.label == "closed")
        #expect(breaker.requestPermission(now: later) == .allowed)
        #expect(breaker.requestPermission(now: later) == .allowed)
    }

    @Test("a failed probe opens the breaker for another cool-down from the failure")
    func probeFailureReopens() {
        var breaker = opened(at: start)
        let probeAt = start.advanced(by: .seconds(30))
        let failedAt = probeAt.advanced(by: .seconds(2))
        #expect(breaker.requestPermission(now: probeAt) == .allowedAsProbe)
        breaker.recordFailure(now: failedAt)
        let until = failedAt.advanced(by: .seconds(30))
        #expect(breaker.state == .open(until: until))
        #expect(breaker.requestPermission(now: failedAt.advanced(by: .seconds(29))) == .denied(until: until))
        #expect(breaker.requestPermission(now: until) == .allowedAsProbe)
    }

    @Test("an unused probe can be released so another caller probes")
    func releaseProbe() {
        var breaker = opened(at: start)
        let later = start.advanced(by: .seconds(30))
        #expect(breaker.requestPermission(now: later) == .allowedAsProbe)
        breaker.releaseProbe()
        #expect(breaker.state == .halfOpen(probeInFlight: false))
        #expect(breaker.requestPermission(now: later) == .allowedAsProbe)
        #expect(breaker.requestPermission(now: later) != .allowedAsProbe)
    }

    @Test("a late failure while open does not extend the cool-down; a late success closes")
    func lateAnswers() {
        var breaker = opened(at: start)
        breaker.recordFailure(now: start.advanced(by: .seconds(10)))
        #expect(breaker.state == .open(until: start.advanced(by: .seconds(30))))
        breaker.recordSuccess()
        #expect(breaker.requestPermission(now: start.advanced(by: .seconds(11))) == .allowed)
    }

    @Test("the configuration sets threshold and cool-down; thresholds below 1 mean 1")
    func configuration() throws {
        var breaker = CircuitBreaker(configuration: .init(failureThreshold: 2, coolDown: .seconds(5)))
        breaker.recordFailure(now: start)
        #expect(breaker.requestPermission(now: start) == .allowed)
        breaker.recordFailure(now: start)
        #expect(breaker.requestPermission(now: start) == .denied(until: start.advanced(by: .seconds(5))))

        var eager = CircuitBreaker(configuration: .init(failureThreshold: 0))
        eager.recordFailure(now: start)
        #expect(eager.isOpen)
        #expect(CircuitBreaker.State.allLabels == ["closed", "open", "half_open"])
    }
}
