import WebhookKit

extension HTTPResponseParser {
    typealias Bytes = UnsafeBufferPointer<UInt8>.SubSequence

    /// Collects the head; returns `true` once it is parsed and the state has moved on.
    ///
    /// A head that arrives whole in one read (the usual case) is parsed where it lies;
    /// only a head split across reads is gathered in `pending` first.
    mutating func consumeHead(_ input: inout Substream) throws(ParseError) -> Bool {
        if pending.isEmpty {
            // The connection reads into a `[UInt8]`, so the memory is bound to `UInt8`.
            let unread = UnsafeBufferPointer(rebasing: input.bytes.assumingMemoryBound(to: UInt8.self)[input.offset...])
            if let end = Self.findHeadEnd(unread, from: 0) {
                guard end <= configuration.maxHeaderBytes else {
                    throw ParseError(detail: "response head exceeds \(configuration.maxHeaderBytes) bytes")
                }
                try parseHead(unread[unread.startIndex..<(unread.startIndex + end - 4)])
                input.offset += end
                return true
            }
        }
        let start = input.offset
        let chunk = input.take(input.remaining)
        pending.append(contentsOf: chunk)
        let searchFrom = max(0, headScanned - 3)
        guard let end = pending.withUnsafeBufferPointer({ Self.findHeadEnd($0, from: searchFrom) }) else {
            headScanned = pending.count
            if pending.count > configuration.maxHeaderBytes {
                throw ParseError(detail: "response head exceeds \(configuration.maxHeaderBytes) bytes")
            }
            return false
        }
        guard end <= configuration.maxHeaderBytes else {
            throw ParseError(detail: "response head exceeds \(configuration.maxHeaderBytes) bytes")
        }
        // Give back the bytes after the head: they belong to the body.
        let surplus = pending.count - end
        input.offset = start + chunk.count - surplus
        let gathered = pending
        try gathered.withUnsafeBufferPointer { (bytes) throws(ParseError) in try parseHead(bytes[0..<(end - 4)]) }
        pending.removeAll(keepingCapacity: true)
        headScanned = 0
        return true
    }

    /// The index just past the first CRLFCRLF at or after `from`.
    static func findHeadEnd(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var index = from
        while index + 3 < bytes.count {
            if bytes[index + 3] == 0x0A {
                if bytes[index] == 0x0D, bytes[index + 1] == 0x0A, bytes[index + 2] == 0x0D { return index + 4 }
                index += 1
            } else if bytes[index + 3] == 0x0D || bytes[index + 3] == 0x0A {
                index += 1
            } else {
                index += 4
            }
        }
        return nil
    }

    /// Parses the status line and the fields (the head without its final CRLFCRLF),
    /// judging framing and keep-alive on the way without building intermediate strings.
    private mutating func parseHead(_ head: Bytes) throws(ParseError) {
        var lines = CRLFLines(head)
        guard let statusLine = lines.next(), !statusLine.isEmpty else { throw ParseError(detail: "empty status line") }
        let isHTTP10 = try parseStatusLine(statusLine)
        var fields = HTTPHeaders()
        var framing = ResponseFramingFields()
        var number = 0
        while let line = lines.next() {
            number += 1
            guard number <= configuration.maxHeaderFields else {
                throw ParseError(detail: "more than \(configuration.maxHeaderFields) header fields")
            }
            let (name, value) = try Self.splitField(line, number: number)
            framing.record(name: name, value: value)
            fields.add(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
        }
        if (100..<200).contains(statusCode) {
            if statusCode == 101 { throw ParseError(detail: "status 101 switching protocols was not asked for") }
            statusCode = 0 // interim response: parse the next head
            return
        }
        headers = fields
        keepAlive = isHTTP10 ? framing.connectionKeepAlive && !framing.connectionClose : !framing.connectionClose
        let bodyFraming = try framing.resolve(statusCode: statusCode)
        if bodyFraming == .untilClose { keepAlive = false }
        state = .body(bodyFraming, .sizeLine)
    }

    /// Checks `HTTP/1.x NNN reason`; returns whether the version is 1.0.
    private mutating func parseStatusLine(_ line: Bytes) throws(ParseError) -> Bool {
        let base = line.startIndex
        guard line.count >= 12, line[base..<(base + 7)].elementsEqual("HTTP/1.".utf8),
              line[base + 7] == 0x30 || line[base + 7] == 0x31, line[base + 8] == 0x20
        else { throw ParseError(detail: "status line does not start with \"HTTP/1.0 \" or \"HTTP/1.1 \"") }
        var code = 0
        for byte in line[(base + 9)..<(base + 12)] {
            guard byte >= 0x30, byte <= 0x39 else { throw ParseError(detail: "status code is not three digits") }
            code = code * 10 + Int(byte - 0x30)
        }
        guard code >= 100 else { throw ParseError(detail: "status code \(code) is below 100") }
        guard line.count == 12 || line[base + 12] == 0x20 else { throw ParseError(detail: "status code is not followed by a space") }
        guard !line.contains(where: { $0 < 0x20 && $0 != 0x09 }) else { throw ParseError(detail: "status line contains a control character") }
        statusCode = code
        return line[base + 7] == 0x30
    }

    /// Splits `name: value`, refusing folded lines, bad names and control characters;
    /// the value comes without surrounding spaces and tabs.
    static func splitField(_ line: Bytes, number: Int) throws(ParseError) -> (name: Bytes, value: Bytes) {
        guard let first = line.first else { throw ParseError(detail: "header field \(number) is empty") }
        if first == 0x20 || first == 0x09 { throw ParseError(detail: "header field \(number) is an obsolete folded line") }
        guard let colon = line.firstIndex(of: 0x3A) else { throw ParseError(detail: "header field \(number) has no colon") }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(HTTPBytes.isToken) else {
            throw ParseError(detail: "header field \(number) has an invalid name")
        }
        let value = HTTPBytes.trimmed(line[(colon + 1)...])
        guard !value.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) else {
            throw ParseError(detail: "header field \(number) (\(String(decoding: name, as: UTF8.self))) contains a control character")
        }
        return (name, value)
    }
}
