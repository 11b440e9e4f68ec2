import Testing
@testable import WebhookKit

@Suite("Wire format documents that break the schema")
struct WireSchemaErrorTests {
    private let decoder = WireDecoder()
    private static let stamp = "2026-12-04T19:35:34.123Z"
    private static let envelope = #"{"id":"m1","type":"test","timestamp":"2026-12-04T19:35:34.123Z""#

    private func offset(of needle: String, in text: String, occurrence: Int = 1) -> Int {
        wireOffset(of: needle, in: text, occurrence: occurrence)
    }

    private func expectError(
        _ text: String, _ reason: WireDecodingError.Reason, at offset: Int, field: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expectWireError(decoder, text, reason, at: offset, field: field, sourceLocation: sourceLocation)
    }

    @Test("duplicate member names are refused in the envelope, changes, updated, events and values")
    func duplicates() {
        let twiceId = #"{"id":"a","id":"b","type":"test","timestamp":"\#(Self.stamp)"}"#
        expectError(twiceId, .duplicateKey("id"), at: 10, field: "$")
        let escapedId = #"{"id":"a","\u0069d":"b","type":"test","timestamp":"\#(Self.stamp)"}"#
        expectError(escapedId, .duplicateKey("id"), at: 10, field: "$")
        let unknown = Self.envelope + #","extra":1,"extra":2}"#
        expectError(unknown, .duplicateKey("extra"), at: offset(of: #""extra""#, in: unknown, occurrence: 2), field: "$")
        let changes = #"{"id":"m","type":"status","timestamp":"\#(Self.stamp)","changes":{"updated":{},"updated":{}}}"#
        expectError(changes, .duplicateKey("updated"), at: offset(of: #""updated""#, in: changes, occurrence: 2), field: "changes")
        let updated = #"{"id":"m","type":"status","timestamp":"\#(Self.stamp)","changes":{"updated":{"A.B":1,"C":2,"A.B":3}}}"#
        expectError(updated, .duplicateKey("A.B"), at: offset(of: #""A.B""#, in: updated, occurrence: 2), field: "changes.updated")
        let event = #"{"id":"m","type":"events","timestamp":"\#(Self.stamp)","events":[{"key":"A","key":"B"}]}"#
        expectError(event, .duplicateKey("key"), at: offset(of: #""key""#, in: event, occurrence: 2), field: "events[0]")
        let value = Self.envelope + #","x":[{"a":1,"b":{"c":1,"c":2}}]}"#
        expectError(value, .duplicateKey("c"), at: offset(of: #""c""#, in: value, occurrence: 2), field: "x[0].b")
        let members = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let large = "{" + members + #","k3":0}"#
        #expect(throws: WireDecodingError(.duplicateKey("k3"), at: offset(of: #""k3":0"#, in: large), fieldPath: "$")) {
            try decoder.decodeValue(Array(large.utf8))
        }
        let paths = (0..<40).map { "\"P\($0)\":\($0)" }.joined(separator: ",")
        let largeUpdate = #"{"id":"m","type":"status","timestamp":"\#(Self.stamp)","changes":{"updated":{\#(paths),"P39":0}}}"#
        expectError(largeUpdate, .duplicateKey("P39"), at: offset(of: #""P39":0"#, in: largeUpdate), field: "changes.updated")
    }

    @Test("values of the wrong type are refused naming the field")
    func wrongTypes() {
        let base = #"{"id":"m","type":"status","timestamp":"\#(Self.stamp)""#
        let cases: [(String, String, WireDecodingError.Reason, String)] = [
            (#"{"id":5}"#, "5", .wrongType(expected: "a string"), "id"),
            (#"{"id":"m","type":"bogus"}"#, #""bogus""#, .unknownNotificationType, "type"),
            (#"{"id":"m","type":1}"#, "1}", .wrongType(expected: "a string"), "type"),
            (#"{"id":"m","timestamp":"yesterday"}"#, #""yesterday""#, .invalidTimestamp, "timestamp"),
            (#"{"id":"m","timestamp":"2026-02-30T00:00:00Z"}"#, #""2026-02-30"#, .invalidTimestamp, "timestamp"),
            (#"{"id":"m","deviceId":true}"#, "true", .wrongType(expected: "a string or null"), "deviceId"),
            (base + #","changes":[]}"#, "[]", .wrongType(expected: "an object"), "changes"),
            (base + #","events":{}}"#, "{}}", .wrongType(expected: "an array"), "events"),
            (base + #","events":[1]}"#, "1]", .wrongType(expected: "an object"), "events[0]"),
            (base + #","changes":{"removed":["A",1]}}"#, "1]", .wrongType(expected: "a string"), "changes.removed[1]"),
            (base + #","changes":{"updated":[]}}"#, "[]", .wrongType(expected: "an object"), "changes.updated"),
            (base + #","changes":{"isFullSync":"yes"}}"#, #""yes""#, .wrongType(expected: "a boolean"), "changes.isFullSync"),
            (base + #","events":[{"key":"A","value":1,"timestamp":"x"}]}"#, #""x""#, .invalidTimestamp, "events[0].timestamp"),
            ("[]", "[]", .wrongType(expected: "an object"), "$"),
            (#""id""#, #""id""#, .wrongType(expected: "an object"), "$"),
        ]
        for (text, needle, reason, field) in cases {
            expectError(text, reason, at: offset(of: needle, in: text), field: field)
        }
        let batch = #"{"messages":{}}"#
        #expect(throws: WireDecodingError(.wrongType(expected: "an array"), at: 12, fieldPath: "messages")) {
            try decoder.decodeBatch(Array(batch.utf8))
        }
        let second = #"{"messages":[\#(Self.envelope)},{"id":"n","type":"test","timestamp":"late"}]}"#
        #expect(throws: WireDecodingError(.invalidTimestamp, at: offset(of: #""late""#, in: second), fieldPath: "messages[1].timestamp")) {
            try decoder.decodeBatch(Array(second.utf8))
        }
    }

    @Test("missing required members are refused at the closing brace")
    func missingFields() {
        let cases: [(String, String, String)] = [
            ("{}", "id", "$"),
            (#"{"type":"test","timestamp":"\#(Self.stamp)"}"#, "id", "$"),
            (#"{"id":"m","timestamp":"\#(Self.stamp)"}"#, "type", "$"),
            (#"{"id":"m","type":"test"}"#, "timestamp", "$"),
            (#"{"id":"m","type":"status","timestamp":"\#(Self.stamp)"}"#, "changes", "$"),
            (#"{"id":"m","type":"events","timestamp":"\#(Self.stamp)","changes":{}}"#, "events", "$"),
            (#"{"id":"m","type":"events","timestamp":"\#(Self.stamp)","events":[{"value":1,"timestamp":"\#(Self.stamp)"}]}"#, "key", "events[0]"),
            (#"{"id":"m","type":"events","timestamp":"\#(Self.stamp)","events":[{"key":"A","timestamp":"\#(Self.stamp)"}]}"#, "value", "events[0]"),
            (#"{"id":"m","type":"events","timestamp":"\#(Self.stamp)","events":[{"key":"A","value":1}]}"#, "timestamp", "events[0]"),
            (#"{"id":"m","type":"events","timestamp":"\#(Self.stamp)","events":[{}]}"#, "key", "events[0]"),
        ]
        for (text, name, field) in cases {
            let close = field == "$" ? text.utf8.count - 1 : offset(of: "}]", in: text)
            expectError(text, .missingField(name), at: close, field: field)
        }
        #expect(throws: WireDecodingError(.missingField("messages"), at: 6, fieldPath: "$")) {
            try decoder.decodeBatch(Array(#"{"m":1}"#.utf8))
        }
    }

    @Test("status and event paths must be xAPI paths")
    func invalidPaths() {
        let base = #"{"id":"m","type":"status","timestamp":"\#(Self.stamp)","changes":"#
        let updated = base + #"{"updated":{"Room..Analytics":1}}}"#
        expectError(updated, .invalidPath(PathError(.emptySegment, at: 5)), at: offset(of: "Room..", in: updated) + 5,
                    field: "changes.updated.Room..Analytics")
        let removed = base + #"{"removed":["A","a b"]}}"#
        expectError(removed, .invalidPath(PathError(.whitespace, at: 1)), at: offset(of: "a b", in: removed) + 1,
                    field: "changes.removed[1]")
        let event = #"{"id":"m","type":"events","timestamp":"\#(Self.stamp)","events":[{"key":"","value":1,"timestamp":"\#(Self.stamp)"}]}"#
        expectError(event, .invalidPath(PathError(.empty, at: 0)), at: offset(of: #""key":"""#, in: event) + 7, field: "events[0].key")
    }
}
