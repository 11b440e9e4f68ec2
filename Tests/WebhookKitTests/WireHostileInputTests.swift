import Foundation
import Testing
@testable import WebhookKit

@Suite("Wire format hostile input")
struct WireHostileInputTests {
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

    @Test("every truncation of valid messages is refused as an unexpected end at that length")
    func truncation() throws {
        var generator = WireSampleGenerator(seed: 0x7A0C)
        var messages = [
            #"{"id":"m","type":"events","timestamp":"\#(Self.stamp)","events":[{"key":"A.B[1]","value":{"s":"é\u00e9\uD83D\uDE00😀\n","n":[-1.5e-3,12,true,false,null]},"timestamp":"\#(Self.stamp)"}]}"#,
        ]
        messages += (0..<20).map { _ in String(decoding: WireEncoder().encode(generator.notification()), as: UTF8.self) }
        for message in messages {
            let bytes = Array(message.utf8)
            _ = try decoder.decode(bytes)
            for length in 0..<bytes.count {
                do {
                    _ = try decoder.decode(bytes[0..<length])
                    Issue.record("accepted a truncation to \(length) bytes")
                } catch {
                    #expect(error.reason == .unexpectedEnd && error.offset == length, "\(error) at length \(length)")
                }
            }
        }
    }

    @Test("invalid UTF-8 is refused at the offending byte, in values and in member names",
          arguments: [[0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
                      [0xF0, 0x80, 0x80, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x80], [0xBF],
                      [0xFF], [0xFE], [0xC3, 0x28], [0xE2, 0x82, 0x28], [0xF0, 0x9F, 0x98, 0x28]] as [[UInt8]])
    func invalidUTF8(sequence: [UInt8]) {
        let prefix = Array((Self.envelope + #","note":"ok"#).utf8)
        let value = prefix + sequence + Array(#""}"#.utf8)
        #expect(throws: WireDecodingError(.invalidUTF8, at: prefix.count, fieldPath: "note")) { try decoder.decode(value) }
        let keyPrefix = Array((Self.envelope + #",""#).utf8)
        let key = keyPrefix + sequence + Array(#"":1}"#.utf8)
        #expect(throws: WireDecodingError(.invalidUTF8, at: keyPrefix.count, fieldPath: "$")) { try decoder.decode(key) }
        let escaped = Array(#"["\n"#.utf8) + sequence + Array(#""]"#.utf8)
        #expect(throws: WireDecodingError(.invalidUTF8, at: 4, fieldPath: "$[0]")) { try decoder.decodeValue(escaped) }
    }

    @Test("100,000 nested brackets are refused at the 65th, as a value and inside an unknown member")
    func deepNesting() {
        let brackets = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        #expect(throws: WireDecodingError(.tooDeep, at: 64, fieldPath: "$" + String(repeating: "[0]", count: 64))) {
            try decoder.decodeValue(brackets)
        }
        let prefix = Array(#"{"id":"m1","x":"#.utf8)
        #expect(throws: WireDecodingError(.tooDeep, at: prefix.count + 63, fieldPath: "x" + String(repeating: "[0]", count: 63))) {
            try decoder.decode(prefix + brackets)
        }
        let objects = String(repeating: #"{"a":"#, count: 100_000)
        #expect(throws: WireDecodingError(.tooDeep, at: 5 * 64, fieldPath: Array(repeating: "a", count: 64).joined(separator: "."))) {
            try decoder.decodeValue(Array(objects.utf8))
        }
    }

    @Test("the depth limit is configurable and counts the envelope as the first level")
    func configuredDepth() throws {
        let shallow = WireDecoder(configuration: .init(maximumDepth: 3))
        _ = try shallow.decode(Array((Self.envelope + #","x":[[1]]}"#).utf8))
        let text = Self.envelope + #","x":[[[1]]]}"#
        #expect(throws: WireDecodingError(.tooDeep, at: offset(of: "[[[", in: text) + 2, fieldPath: "x[0][0]")) {
            try shallow.decode(Array(text.utf8))
        }
        let status = #"{"id":"m","type":"status","timestamp":"\#(Self.stamp)","changes":{"updated":{"A":[1]}}}"#
        #expect(throws: WireDecodingError(.tooDeep, at: offset(of: "[1]", in: status), fieldPath: "changes.updated.A")) {
            try shallow.decode(Array(status.utf8))
        }
    }

    @Test("the depth ceiling holds on a concurrency thread's stack, and higher limits are lowered to it")
    func depthCeiling() async {
        let ceiling = WireDecoder.Configuration.depthCeiling
        let decoder = WireDecoder(configuration: .init(maximumDepth: 1_000_000))
        let deepest = String(repeating: "[", count: ceiling) + String(repeating: "]", count: ceiling)
        let tooDeep = "[" + deepest + "]"
        let outcome = await Task.detached { () -> (JSONValue?, WireDecodingError?) in
            let accepted = try? decoder.decodeValue(Array(deepest.utf8))
            do throws(WireDecodingError) {
                _ = try decoder.decodeValue(Array(tooDeep.utf8))
                return (accepted, nil)
            } catch {
                return (accepted, error)
            }
        }.value
        #expect(outcome.0 != nil)
        #expect(outcome.1?.reason == .tooDeep)
        #expect(outcome.1?.offset == ceiling)
    }

    @Test("numbers out of range are refused, never rounded",
          arguments: ["9223372036854775808", "-9223372036854775809", "18446744073709551616", "123456789012345678901234567890",
                      "1e400", "-1e400", "1.7976931348623159e308", "2e308", "1e99999999999999999999"])
    func outOfRange(number: String) {
        #expect(throws: WireDecodingError(.numberOutOfRange, at: 1, fieldPath: "$[0]")) {
            try decoder.decodeValue(Array("[\(number)]".utf8))
        }
        let text = #"{"id":"m","type":"status","timestamp":"\#(Self.stamp)","changes":{"updated":{"A.B":\#(number)}}}"#
        expectError(text, .numberOutOfRange, at: offset(of: number, in: text), field: "changes.updated.A.B")
    }

    @Test("malformed numbers are refused")
    func malformedNumbers() {
        let cases: [(String, WireDecodingError)] = [
            ("01", .init(.invalidNumber, at: 0)), ("-01", .init(.invalidNumber, at: 0)), ("1.e5", .init(.invalidNumber, at: 0)),
            ("-a", .init(.invalidNumber, at: 0)), ("1ea", .init(.invalidNumber, at: 0)), ("1.", .init(.unexpectedEnd, at: 2)),
            ("-", .init(.unexpectedEnd, at: 1)), ("1e", .init(.unexpectedEnd, at: 2)), ("1e+", .init(.unexpectedEnd, at: 3)),
            ("+1", .init(.unexpectedCharacter(expected: "a value"), at: 0)), (".5", .init(.unexpectedCharacter(expected: "a value"), at: 0)),
            ("0x10", .init(.trailingData, at: 1)), ("NaN", .init(.unexpectedCharacter(expected: "a value"), at: 0)),
            ("Infinity", .init(.unexpectedCharacter(expected: "a value"), at: 0)), ("1 2", .init(.trailingData, at: 2)),
        ]
        for (text, error) in cases {
            #expect(throws: error, "\(text)") { try decoder.decodeValue(Array(text.utf8)) }
        }
    }

    @Test("oversize input is refused before it is read")
    func oversize() {
        let text = Self.envelope + "}"
        let small = WireDecoder(configuration: .init(maximumInputSize: text.utf8.count - 1))
        #expect(throws: WireDecodingError(.tooLarge, at: text.utf8.count - 1, fieldPath: "$")) { try small.decode(Array(text.utf8)) }
        let huge = [UInt8](repeating: UInt8(ascii: " "), count: (1 << 20) + 1)
        #expect(throws: WireDecodingError(.tooLarge, at: 1 << 20, fieldPath: "$")) { try decoder.decode(huge) }
        #expect(throws: WireDecodingError(.tooLarge, at: 1 << 20, fieldPath: "$")) { try decoder.decodeValue(huge) }
        #expect(throws: WireDecodingError(.tooLarge, at: 1 << 20, fieldPath: "$")) { try decoder.decodeBatch(huge) }
    }

    @Test("bad strings: raw control characters, bad escapes, lone surrogates")
    func badStrings() {
        let cases: [(String, WireDecodingError.Reason, Int)] = [
            ("[\"a\u{01}\"]", .controlCharacter, 3), ("[\"a\n\"]", .controlCharacter, 3), ("[\"\\x\"]", .invalidEscape, 2),
            (#"["\uD83D"]"#, .invalidEscape, 2), (#"["\uDE00"]"#, .invalidEscape, 2), (#"["\uD83D\u0041"]"#, .invalidEscape, 2),
            (#"["\uD83Dx"]"#, .invalidEscape, 2), (#"["\u12G4"]"#, .invalidEscape, 2), (#"["ab\uD83D\uD83D"]"#, .invalidEscape, 4),
            ("[\"a\\b\u{1F}\"]", .controlCharacter, 5),
        ]
        for (text, reason, offset) in cases {
            #expect(throws: WireDecodingError(reason, at: offset, fieldPath: "$[0]"), "\(text)") { try decoder.decodeValue(Array(text.utf8)) }
        }
    }

    @Test("structural errors: trailing data, empty input, bad separators, bad literals")
    func structure() {
        let valid = Self.envelope + "}"
        expectError(valid + " x", .trailingData, at: valid.utf8.count + 1, field: "$")
        expectError(valid + "}", .trailingData, at: valid.utf8.count, field: "$")
        expectError("", .unexpectedEnd, at: 0, field: "$")
        expectError(" \n\t", .unexpectedEnd, at: 3, field: "$")
        expectError(#"{"id" "m"}"#, .unexpectedCharacter(expected: "':'"), at: 6, field: "$")
        expectError(#"{"id":"m" "type":"test"}"#, .unexpectedCharacter(expected: "',' or '}'"), at: 10, field: "$")
        expectError(#"{"id":"m",}"#, .unexpectedCharacter(expected: "a member name"), at: 10, field: "$")
        expectError(#"{id:"m"}"#, .unexpectedCharacter(expected: "a member name"), at: 1, field: "$")
        expectError(Self.envelope + #","x":[1,]}"#, .unexpectedCharacter(expected: "a value"), at: offset(of: "]}", in: Self.envelope + #","x":[1,]}"#), field: "x[1]")
        expectError(Self.envelope + #","x":[1 2]}"#, .unexpectedCharacter(expected: "',' or ']'"), at: offset(of: "2]", in: Self.envelope + #","x":[1 2]}"#), field: "x")
        expectError(Self.envelope + #","x":tru}"#, .unexpectedCharacter(expected: "a value"), at: offset(of: "tru", in: Self.envelope + #","x":tru}"#), field: "x")
        expectError(Self.envelope + #","x":nul"#, .unexpectedEnd, at: (Self.envelope + #","x":nul"#).utf8.count, field: "x")
        let bom = [0xEF, 0xBB, 0xBF] + Array(valid.utf8)
        #expect(throws: WireDecodingError(.wrongType(expected: "an object"), at: 0, fieldPath: "$")) { try decoder.decode(bom) }
    }

    @Test("error descriptions name offset, field and reason, and never the offending value")
    func descriptions() {
        #expect(WireDecodingError(.invalidTimestamp, at: 57, fieldPath: "events[0].timestamp").description
            == "at byte 57, field events[0].timestamp: not an RFC 3339 timestamp")
        #expect(WireDecodingError(.duplicateKey("id"), at: 10).description == #"at byte 10, field $: duplicate key "id""#)
        let secret = "hunter2-s3cret"
        let inputs = [
            #"{"id":"m","type":"test","timestamp":"\#(secret)"}"#,
            #"{"id":"m","type":"\#(secret)"}"#,
            #"{"id":"m","type":"status","timestamp":"\#(Self.stamp)","changes":{"removed":["\#(secret) x"]}}"#,
            #"{"id":"m","deviceId":"\#(secret)\u{01}"}"#,
            #"{"id":"\#(secret)\uD800"}"#,
            #"{"id":"m","orgId":"\#(secret)"#,
            #"{"id":"m","orgId":"\#(secret)"} trailing"#,
        ]
        for input in inputs {
            do {
                _ = try decoder.decode(Array(input.utf8))
                Issue.record("accepted \(input)")
            } catch {
                #expect(!error.description.contains("hunter2"), "\(error)")
                #expect(!error.fieldPath.contains("hunter2"))
            }
        }
    }
}

/// The byte offset of the `occurrence`-th `needle` in `text`, or -1.
func wireOffset(of needle: String, in text: String, occurrence: Int = 1) -> Int {
    let haystack = Array(text.utf8)
    let pattern = Array(needle.utf8)
    var found = 0
    for start in 0...(haystack.count - pattern.count) where Array(haystack[start..<(start + pattern.count)]) == pattern {
        found += 1
        if found == occurrence { return start }
    }
    return -1
}

/// Expects `decoder` to refuse `text` as a notification with exactly this error.
func expectWireError(
    _ decoder: WireDecoder, _ text: String, _ reason: WireDecodingError.Reason, at offset: Int, field: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(throws: WireDecodingError(reason, at: offset, fieldPath: field), sourceLocation: sourceLocation) {
        try decoder.decode(Array(text.utf8))
    }
}
