import Foundation
import Testing
@testable import WebhookKit


@Suite("Wire format decoding")
struct WireDecoderTests {
    private let decoder = WireDecoder()

    private func decode(_ text: String) throws(WireDecodingError) -> DeviceNotification {
        try decoder.decode(Array(text.utf8))
    }

    @Test("reads members in any order, with whitespace, nulls for optional fields and unknown members")
    func lenientEnvelope() throws {
        let notification = try decode("""
             \r\n{ "changes" : { "removed" : [ "A.B" ] , "future" : {"x":[1,{"y":null}]}, "updated" : { "C" : 1 } } ,
              "timestamp" : "2026-12-04T20:35:34.123+01:00", "orgId": null, "deviceId": "desk-1",
              "type" : "status", "extra": [true, false, -1.5e3, "s"], "id" : "m1" }\t\n
            """)
        #expect(notification.id == "m1")
        #expect(notification.orgId == nil)
        #expect(notification.workspaceId == nil)
        #expect(notification.deviceId == "desk-1")
        #expect(notification.timestamp == Timestamp(millisecondsSince1970: 1_796_412_934_123))
        guard case .status(let change) = notification.body else {
            Issue.record("not a status change")
            return
        }
        #expect(change.updated == [.init(path: try XAPIPath("C"), value: 1)])
        #expect(change.removed == [try XAPIPath("A.B")])
        #expect(!change.isFullSync)
    }

    @Test("isFullSync may be true, false, null or absent; updated and removed may be absent")
    func fullSyncFlag() throws {
        let envelope = #"{"id":"m","type":"status","timestamp":"2026-12-04T19:35:34.123Z","changes":"#
        for (changes, expected) in [(#"{"isFullSync":true}"#, true), (#"{"isFullSync":false}"#, false),
                                    (#"{"isFullSync":null}"#, false), ("{}", false)] {
            let notification = try decode(envelope + changes + "}")
            #expect(notification.body == .status(StatusChange(isFullSync: expected)))
        }
    }

    @Test("a path removed twice counts once, and a path both updated and removed counts as updated")
    func removalSemantics() throws {
        let notification = try decode("""
            {"id":"m","type":"status","timestamp":"2026-12-04T19:35:34.123Z",\
            "changes":{"updated":{"A":1},"removed":["B","A","B","C"]}}
            """)
        let expected = StatusChange(updated: [.init(path: try XAPIPath("A"), value: 1)], removed: [try XAPIPath("B"), try XAPIPath("C")])
        #expect(notification.body == .status(expected))
    }

    @Test("escapes decode, including surrogate pairs, in values and in member names")
    func escapes() throws {
        let value = try decoder.decodeValue(Array(#"{"\u0069d":"\u00e9\uD83D\uDE00\/\"\\\b\f\n\r\t\u0000"}"#.utf8))
        #expect(value == ["id": "é😀/\"\\\u{08}\u{0C}\n\r\t\u{00}"])
        let notification = try decode(#"{"\u0069d":"m\u0031","typ\u0065":"t\u0065st","timestamp":"2026-12-04T19:35:34.123Z"}"#)
        #expect(notification.id == "m1")
        #expect(notification.kind == .test)
    }

    @Test("numbers: integers exactly to the Int64 limits, everything else as the nearest double")
    func numbers() throws {
        let cases: [(String, JSONValue)] = [
            ("9223372036854775807", .integer(.max)), ("-9223372036854775808", .integer(.min)), ("0", 0), ("-0", 0),
            ("9007199254740993", .integer(9_007_199_254_740_993)), ("1E2", .double(100)), ("1e+2", .double(100)),
            ("1.5", 1.5), ("-1.25e-3", -0.00125), ("1e-400", .double(0)), ("4.9e-324", .double(.leastNonzeroMagnitude)),
            ("1.7976931348623157e308", .double(.greatestFiniteMagnitude)), ("0.1", 0.1),
            ("123456789012345678901234567890.5", .double(123456789012345678901234567890.5)),
            ("0.30000000000000004", .double(0.1 + 0.2)),
        ]
        for (text, expected) in cases {
            #expect(try decoder.decodeValue(Array(text.utf8)) == expected, "\(text)")
        }
        guard case .double(let negativeZero) = try decoder.decodeValue(Array("-0.0".utf8)) else {
            Issue.record("-0.0 is not a double")
            return
        }
        #expect(negativeZero.sign == .minus && negativeZero == 0)
    }

    @Test("batches and values share the limits; decoding works from any collection and raw memory")
    func entryPoints() throws {
        let text = #"{"id":"m","type":"test","timestamp":"2026-12-04T19:35:34.123Z"}"#
        let expected = try decode(text)
        #expect(try decoder.decode(Data(text.utf8)) == expected)
        #expect(try decoder.decode(text.utf8) == expected)
        #expect(try decoder.decode(ArraySlice(Array(("xx" + text).utf8)).dropFirst(2)) == expected)
        let raw = try Array(text.utf8).withUnsafeBytes { buffer throws(WireDecodingError) in try decoder.decode(buffer) }
        #expect(raw == expected)
        #expect(try decoder.decodeBatch(Array(#"{"x":1,"messages":[\#(text),\#(text)]}"#.utf8)) == [expected, expected])
    }

    @Test("an input of exactly the maximum size is accepted")
    func sizeLimitInclusive() throws {
        let text = #"{"id":"m","type":"test","timestamp":"2026-12-04T19:35:34.123Z"}"#
        let decoder = WireDecoder(configuration: .init(maximumInputSize: text.utf8.count))
        #expect(try decoder.decode(Array(text.utf8)).id == "m")
    }

    @Test("large objects and status changes decode in linear time (20,000 members each)")
    func largeInputs() throws {
        let paths = (0..<20_000).map { "Room.Device[\($0)].T" }
        let updated = paths.map { "\"\($0)\":\($0.count)" }.joined(separator: ",")
        let removed = (0..<20_000).map { "\"Removed[\($0)]\"" }.joined(separator: ",")
        let text = #"{"id":"m","type":"status","timestamp":"2026-12-04T19:35:34.123Z","changes":{"updated":{\#(updated)},"removed":[\#(removed)]}}"#
        let notification = try decode(text)
        guard case .status(let change) = notification.body else {
            Issue.record("not a status change")
            return
        }
        #expect(change.updated.count == 20_000)
        #expect(change.removed.count == 20_000)
        let object = "{" + (0..<20_000).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}"
        guard case .object(let members) = try decoder.decodeValue(Array(object.utf8)) else {
            Issue.record("not an object")
            return
        }
        #expect(members.count == 20_000)
        #expect(members["k19999"] == 19_999)
    }
}
