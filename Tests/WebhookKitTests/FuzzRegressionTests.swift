import Testing
@testable import WebhookKit

/// Inputs found by the fuzz targets in `Fuzz/` (wire decoder, paths), kept so the bugs they
/// exposed stay fixed. Each test names the invariant that failed.
@Suite("Fuzz regressions: wire format and paths")
struct FuzzRegressionTests {
    private let decoder = WireDecoder()
    private let encoder = WireEncoder()

    /// fuzz-wire-decoder, round trip: a timestamp whose offset carried it past 9999-12-31
    /// (or before 0000-01-01) UTC decoded, but was encoded with a wrong four-digit year
    /// (`9999-12-31T23:59:59-01:00` came back as `0000-01-01T00:59:59.000Z`).
    @Test("timestamps whose UTC instant falls outside years 0000–9999 are refused", arguments: [
        "9999-12-31T23:59:59-01:00", "9999-12-31T23:00:00-01:00", "9999-12-31T23:59:59.999-00:01",
        "0000-01-01T00:00:00+00:01", "0000-01-01T00:59:59.999+01:00",
    ])
    func timestampOutsideWritableYears(text: String) {
        let message = #"{"id":"t","type":"test","timestamp":"\#(text)"}"#
        expectWireError(decoder, message, .invalidTimestamp, at: wireOffset(of: "\"\(text)", in: message), field: "timestamp")
        #expect(RFC3339.parse(Array(text.utf8)) == nil)
    }

    @Test("timestamps at the edges of years 0000–9999 decode and round-trip", arguments: [
        ("9999-12-31T23:59:59.999Z", RFC3339.latestMilliseconds),
        ("9999-12-31T23:59:59.999+00:01", RFC3339.latestMilliseconds - 60_000),
        ("0000-01-01T00:00:00Z", RFC3339.earliestMilliseconds),
        ("0000-01-01T00:00:00-00:01", RFC3339.earliestMilliseconds + 60_000),
    ])
    func timestampAtEdges(text: String, millis: Int64) throws {
        let message = Array(#"{"id":"t","type":"test","timestamp":"\#(text)"}"#.utf8)
        let notification = try decoder.decode(message)
        #expect(notification.timestamp.millisecondsSince1970 == millis)
        #expect(try decoder.decode(encoder.encode(notification)) == notification)
    }
}
