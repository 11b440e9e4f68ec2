import Foundation
import Testing
import WebhookKit

@Suite("Retry-After parsing")
struct RetryAfterTests {
    let now = Timestamp(millisecondsSince1970: 1_800_000_000_000)   // 2027-01-15T08:00:00Z
    let rfcExample = Timestamp(millisecondsSince1970: 784_111_777_000) // 1994-11-06T08:49:37Z

    @Test("delta-seconds, with optional whitespace", arguments: [
        ("0", 0), ("120", 120), ("  120\t", 120), ("007", 7), ("86400", 86_400),
    ])
    func deltaSeconds(text: String, seconds: Int) {
        #expect(RetryAfter(headerValue: text, now: now) == .delay(.seconds(seconds)))
    }

    @Test("absurdly large delta-seconds saturate instead of overflowing")
    func saturates() {
        let value = RetryAfter(headerValue: String(repeating: "9", count: 40), now: now)
        #expect(value == .delay(.seconds(RetryAfter.maximumDelaySeconds)))
    }

    @Test("all three HTTP-date forms name the same instant", arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT",     // IMF-fixdate
        "Sunday, 06-Nov-94 08:49:37 GMT",    // obsolete RFC 850
        "Sun Nov  6 08:49:37 1994",          // obsolete asctime
        " Sun, 06 Nov 1994 08:49:37 GMT ",
    ])
    func httpDates(text: String) {
        #expect(RetryAfter(headerValue: text, now: now) == .date(rfcExample))
    }

    @Test("IMF-fixdate agrees with Foundation for many instants")
    func agreesWithFoundation() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        var seconds: Int64 = 0
        while seconds < 4_102_444_800 {   // 1970 to 2100, in steps of about 47 days
            let text = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            #expect(RetryAfter(headerValue: text, now: now) == .date(Timestamp(millisecondsSince1970: seconds * 1000)), "\(text)")
            seconds += 4_073_917
        }
    }

    @Test("an RFC 850 two-digit year more than 50 years ahead is in the past century")
    func twoDigitYears() {
        #expect(RetryAfter(headerValue: "Friday, 15-Jan-27 08:10:00 GMT", now: now) ==
                .date(now.advanced(by: .seconds(600))))
        // 2077 would be 50 years ahead (allowed); 2078 is more than 50, so 1978.
        guard case .date(let late)? = RetryAfter(headerValue: "Sunday, 15-Jan-78 00:00:00 GMT", now: now) else {
            Issue.record("must parse")
            return
        }
        #expect(late.description.hasPrefix("1978-01-15"))
    }

    @Test("malformed values are refused", arguments: [
        "", "   ", "soon", "-5", "1.5", "12 s", "1e3", "+10",
        "Sun, 31 Feb 2026 08:49:37 GMT",      // no such day
        "Sun, 06 Nov 1994 24:00:00 GMT",      // hour 24
        "Sun, 06 Nov 1994 08:49:37 UTC",      // zone must be GMT
        "sun, 06 Nov 1994 08:49:37 GMT",      // names are case-sensitive
        "Sun, 6 Nov 1994 08:49:37 GMT",       // fixdate needs two-digit days
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT junk",
        "Sun, 06 November 1994 08:49:37 GMT",
        "Sunday, 06 Nov 1994 08:49:37 GMT",
        "Sun Nov 6 08:49:37 1994",
        "2026-12-04T19:35:34Z",
    ])
    func refusesMalformed(text: String) {
        #expect(RetryAfter(headerValue: text, now: now) == nil)
    }

    @Test("a delay resolves relative to the response's arrival, a date absolutely")
    func resolves() {
        #expect(RetryAfter.delay(.seconds(30)).resolved(now: now) == now.advanced(by: .seconds(30)))
        #expect(RetryAfter.date(rfcExample).resolved(now: now) == rfcExample)
    }
}

@Suite("FailureClass")
struct FailureClassTests {
    @Test("labels, status classes and metric classes")
    func labels() {
        #expect(FailureClass.status(500).label == "http_500")
        #expect(FailureClass.status(404).statusClass == "4xx")
        #expect(FailureClass.status(503).metricClass == "http_5xx")
        #expect(FailureClass.status(204).metricClass == "http_other")
        #expect(FailureClass.status(302).statusClass == "other")
        #expect(FailureClass.transport(.tlsUntrusted).label == "tlsUntrusted")
        #expect(FailureClass.transport(.tlsUntrusted).statusClass == nil)
        #expect(FailureClass.transport(.timeout).metricClass == "timeout")
        #expect(Set(FailureClass.allMetricClasses).count == 3 + TransportError.Kind.allCases.count)
    }

    @Test("encodes as its label and decodes back; unknown labels are refused")
    func codable() throws {
        let classes: [FailureClass] = [.status(503), .status(410)] + TransportError.Kind.allCases.map { .transport($0) }
        let data = try JSONEncoder().encode(classes)
        #expect(String(decoding: data, as: UTF8.self).hasPrefix(#"["http_503","http_410","dns""#))
        #expect(try JSONDecoder().decode([FailureClass].self, from: data) == classes)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([FailureClass].self, from: Data(#"["bogus"]"#.utf8)) }
        #expect(FailureClass(label: "http_abc") == nil)
    }
}
