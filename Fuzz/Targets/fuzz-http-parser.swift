// libFuzzer target for HTTPRequestParser. Built only by Fuzz/run.sh (see Fuzz/README.md).
//
// Input layout: byte 0 seeds how the rest is split into chunks and how events are pulled,
// byte 1 selects the limits, bytes 2… are the bytes received on one connection.
//
// Invariants checked on every input:
//   * events are the same whether the bytes arrive at once, in random-sized chunks, or in
//     chunks with events pulled one at a time in between (pipelining with pauses);
//   * at most one error, and nothing after it; its status is one the server answers;
//   * every request event follows the head event of the same request;
//   * a body is never larger than the configured maximum, and a Content-Length body has
//     exactly that length.
import WebhookKit
import WebhookKitHTTP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size >= 2 else { return 0 }
    let all = UnsafeBufferPointer(start: data, count: size)
    let configuration = limits(selector: all[1])
    let input = Array(all[2...])

    var whole = HTTPRequestParser(configuration: configuration)
    let expected = whole.feed(input)
    checkEvents(expected, configuration: configuration)
    fuzzCheck(whole.next() == nil, "next() after draining returned an event")

    var random = FuzzRandom(seed: UInt64(all[0]))
    let chunked = feedInChunks(input, configuration: configuration, random: &random, pullOneAtATime: false)
    fuzzCheck(chunked == expected, "chunked feeding changed the events:\n  whole:   \(expected)\n  chunked: \(chunked)")
    let paused = feedInChunks(input, configuration: configuration, random: &random, pullOneAtATime: true)
    fuzzCheck(paused == expected, "pulling one event per chunk changed the events:\n  whole:  \(expected)\n  paused: \(paused)")
    return 0
}

/// Limits chosen by the selector byte, so small limits (and their error paths) are reached.
private func limits(selector: UInt8) -> HTTPRequestParser.Configuration {
    let bodies = [16, 256, 4096, 1 << 20]
    let headerBytes = [48, 256, 16 * 1024, 16 * 1024]
    let headerCounts = [2, 8, 100, 100]
    return HTTPRequestParser.Configuration(
        maximumHeaderBytes: headerBytes[Int(selector >> 2 & 3)],
        maximumHeaderCount: headerCounts[Int(selector >> 4 & 3)],
        maximumBodyBytes: bodies[Int(selector & 3)]
    )
}

private func feedInChunks(
    _ input: [UInt8],
    configuration: HTTPRequestParser.Configuration,
    random: inout FuzzRandom,
    pullOneAtATime: Bool
) -> [HTTPRequestParser.Event] {
    var parser = HTTPRequestParser(configuration: configuration)
    var events: [HTTPRequestParser.Event] = []
    var offset = 0
    while offset < input.count {
        let length = min(input.count - offset, 1 + random.next(below: random.next(below: 4) == 0 ? 512 : 16))
        let chunk = input[offset..<(offset + length)]
        if random.next(below: 2) == 0 {
            parser.append(chunk)
        } else {
            chunk.withUnsafeBytes { parser.append($0) }
        }
        offset += length
        if pullOneAtATime {
            if let event = parser.next() { events.append(event) }
        } else {
            while let event = parser.next() { events.append(event) }
        }
    }
    while let event = parser.next() { events.append(event) }
    if case .error = events.last {
        fuzzCheck(parser.hasFailed, "an error was reported but hasFailed is false")
    }
    return events
}

private func checkEvents(_ events: [HTTPRequestParser.Event], configuration: HTTPRequestParser.Configuration) {
    var pendingHead: HTTPRequestHead?
    for (position, event) in events.enumerated() {
        switch event {
        case .head(let head):
            fuzzCheck(pendingHead == nil, "a second head before the request of the first completed")
            fuzzCheck(head.minorVersion == 0 || head.minorVersion == 1, "HTTP/1.\(head.minorVersion) accepted")
            if case .contentLength(let length) = head.framing {
                fuzzCheck(length <= configuration.maximumBodyBytes, "head accepted Content-Length \(length) over the limit")
            }
            pendingHead = head
        case .request(let head, let body):
            fuzzCheck(pendingHead == head, "request event without the matching head event")
            pendingHead = nil
            fuzzCheck(body.count <= configuration.maximumBodyBytes, "body of \(body.count) bytes over the limit \(configuration.maximumBodyBytes)")
            if case .contentLength(let length) = head.framing {
                fuzzCheck(body.count == length, "Content-Length \(length) but body of \(body.count) bytes")
            }
            if case .none = head.framing {
                fuzzCheck(body.isEmpty, "no framing but a body of \(body.count) bytes")
            }
        case .error(let error):
            fuzzCheck(position == events.count - 1, "events after an error")
            fuzzCheck([400, 413, 431, 501, 505].contains(error.status), "unexpected status \(error.status)")
            fuzzCheck(error.offset >= 0, "negative error offset \(error.offset)")
        }
    }
}
