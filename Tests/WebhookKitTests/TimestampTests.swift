import Foundation
import Testing
@testable import WebhookKit

@Suite("Timestamp")
struct TimestampTests {
    @Test("formats RFC 3339 UTC with milliseconds")
    func formats() {
        #expect(Timestamp(millisecondsSince1970: 0).description == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp(millisecondsSince1970: 1_796_412_934_123).description == "2026-12-04T19:35:34.123Z")
        #expect(Timestamp(millisecondsSince1970: -1).description == "1969-12-31T23:59:59.999Z")
    }

    @Test("parses what it formats, over many random instants")
    func roundTrips() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let millis = Int64.random(in: -2_000_000_000_000...8_000_000_000_000, using: &generator)
            let timestamp = Timestamp(millisecondsSince1970: millis)
            #expect(RFC3339.parse(Array(timestamp.description.utf8)) == timestamp)
        }
    }

    @Test("agrees with Foundation's ISO 8601 formatter")
    func matchesFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for millis: Int64 in [0, 951_782_400_000, 1_709_251_199_999, 4_102_444_800_000] {
            let timestamp = Timestamp(millisecondsSince1970: millis)
            #expect(formatter.date(from: timestamp.description) == timestamp.date)
        }
    }

    @Test("parses offsets and refuses malformed input", arguments: [
        ("2026-12-04T20:35:34.5+01:00", Int64(1_796_412_934_500)),
        ("2026-12-04T19:35:34Z", Int64(1_796_412_934_000)),
    ])
    func parsesOffsets(text: String, millis: Int64) {
        #expect(RFC3339.parse(Array(text.utf8))?.millisecondsSince1970 == millis)
    }

    @Test("refuses malformed timestamps", arguments: [
        "", "2026-13-04T19:35:34Z", "2026-02-30T00:00:00Z", "2026-12-04 19:35:34Z",
        "2026-12-04T19:35:34", "2026-12-04T19:35:34.Z", "2026-12-04T25:00:00Z", "2026-12-04T19:35:34Zjunk",
    ])
    func refusesMalformed(text: String) {
        #expect(RFC3339.parse(Array(text.utf8)) == nil)
    }
}
