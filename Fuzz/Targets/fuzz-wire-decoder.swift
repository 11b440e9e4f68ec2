// libFuzzer target for WireDecoder. Built only by Fuzz/run.sh (see Fuzz/README.md).
//
// The whole input is offered to decode, decodeBatch and decodeValue. Invariants:
//   * decoding from a collection and from raw memory give the same result;
//   * round trip: whatever decodes, re-encoded with WireEncoder, decodes to an equal value,
//     and encoding that again gives the same bytes (the encoder's output is stable);
//   * an RFC 3339 timestamp that parses formats to text that parses to the same instant.
@testable import WebhookKit

private let decoder = WireDecoder()
private let encoder = WireEncoder()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWireDecoder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let buffer = UnsafeBufferPointer(start: data, count: size)
    let bytes = Array(buffer)

    let single = Result { () throws(WireDecodingError) in try decoder.decode(bytes) }
    let raw = Result { () throws(WireDecodingError) in try decoder.decode(UnsafeRawBufferPointer(buffer)) }
    fuzzCheck(single == raw, "decode from [UInt8] and from raw memory differ: \(single) vs \(raw)")
    if case .success(let notification) = single {
        let encoded = encoder.encode(notification)
        let again = Result { () throws(WireDecodingError) in try decoder.decode(encoded) }
        fuzzCheck(again == .success(notification), "notification round trip changed it:\n  first:  \(notification)\n  second: \(again)\n  wire:   \(String(decoding: encoded, as: UTF8.self))")
        if case .success(let second) = again {
            fuzzCheck(encoder.encode(second) == encoded, "re-encoding a round-tripped notification changed the bytes")
        }
    }

    if case .success(let batch) = Result(catching: { () throws(WireDecodingError) in try decoder.decodeBatch(bytes) }) {
        let encoded = encoder.encodeBatch(batch)
        let again = Result { () throws(WireDecodingError) in try decoder.decodeBatch(encoded) }
        fuzzCheck(again == .success(batch), "batch round trip changed it: \(String(decoding: encoded, as: UTF8.self))")
    }

    if case .success(let value) = Result(catching: { () throws(WireDecodingError) in try decoder.decodeValue(bytes) }) {
        let encoded = encoder.encode(value)
        let again = Result { () throws(WireDecodingError) in try decoder.decodeValue(encoded) }
        fuzzCheck(again == .success(value), "value round trip changed it:\n  first:  \(value)\n  second: \(again)\n  wire:   \(String(decoding: encoded, as: UTF8.self))")
    }

    if size <= 64, let timestamp = RFC3339.parse(buffer) {
        let text = RFC3339.format(timestamp)
        fuzzCheck(RFC3339.parse(text.utf8) == timestamp, "timestamp \(timestamp.millisecondsSince1970) ms formats as \(text), which reads back differently")
    }
    return 0
}
