import WebhookKit

extension HTTPResponseParser {
    /// Collects the head; returns `true` once it is parsed and the state has moved on.
    mutating func consumeHead(_ input: inout Substream) throws(ParseError) -> Bool {
        let start = input.offset
        let chunk = input.take(input.remaining)
        pending.append(contentsOf: chunk)
        let searchFrom = max(0, headScanned - 3)
        guard let end = Self.findHeadEnd(pending, from: searchFrom) else {
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
        let head = pending[0..<(end - 4)]
        try parseHead(head)
        pending.removeAll(keepingCapacity: true)
        headScanned = 0
        return true
    }

    /// The index just past the first CRLFCRLF at or after `from`.
    static func findHeadEnd(_ bytes: [UInt8], from: Int) -> Int? {
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

    private mutating func parseHead(_ head: ArraySlice<UInt8>) throws(ParseError) {
        var lines = Self.splitLines(head)
        guard !lines.isEmpty else { throw ParseError(detail: "empty status line") }
        let statusLine = lines.removeFirst()
        let isHTTP10 = try parseStatusLine(statusLine)
        var fields = HTTPHeaders()
        for (index, line) in lines.enumerated() {
            guard fields.count < configuration.maxHeaderFields else {
                throw ParseError(detail: "more than \(configuration.maxHeaderFields) header fields")
            }
            let field = try Self.parseField(line, number: index + 1)
            fields.add(name: field.name, value: field.value)
        }
        if (100..<200).contains(statusCode) {
            if statusCode == 101 { throw ParseError(detail: "status 101 switching protocols was not asked for") }
            statusCode = 0 // interim response: parse the next head
            return
        }
        headers = fields
        keepAlive = !isHTTP10
        for value in fields.values(name: "connection") {
            for token in value.split(separator: ",") {
                let option = token.trimmingSpaces.lowercased()
                if option == "close" { keepAlive = false }
                if option == "keep-alive" && isHTTP10 { keepAlive = true }
            }
        }
        let framing = try Self.framing(statusCode: statusCode, fields: fields)
        if framing == .untilClose { keepAlive = false }
        state = .body(framing, .sizeLine)
    }

    /// Checks `HTTP/1.x NNN reason`; returns whether the version is 1.0.
    private mutating func parseStatusLine(_ line: ArraySlice<UInt8>) throws(ParseError) -> Bool {
        let bytes = Array(line)
        let prefix = Array("HTTP/1.".utf8)
        guard bytes.count >= 12, bytes.starts(with: prefix), bytes[7] == 0x30 || bytes[7] == 0x31, bytes[8] == 0x20
        else { throw ParseError(detail: "status line does not start with \"HTTP/1.0 \" or \"HTTP/1.1 \"") }
        var code = 0
        for byte in bytes[9..<12] {
            guard byte >= 0x30, byte <= 0x39 else { throw ParseError(detail: "status code is not three digits") }
            code = code * 10 + Int(byte - 0x30)
        }
        guard code >= 100 else { throw ParseError(detail: "status code \(code) is below 100") }
        guard bytes.count == 12 || bytes[12] == 0x20 else { throw ParseError(detail: "status code is not followed by a space") }
        guard !bytes.contains(where: { $0 < 0x20 && $0 != 0x09 }) else { throw ParseError(detail: "status line contains a control character") }
        statusCode = code
        return bytes[7] == 0x30
    }

    /// Splits on CRLF, refusing a bare CR or LF.
    static func splitLines(_ head: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = head.startIndex
        var index = head.startIndex
        while index < head.endIndex {
            if head[index] == 0x0D, index + 1 < head.endIndex, head[index + 1] == 0x0A {
                lines.append(head[lineStart..<index])
                index += 2
                lineStart = index
            } else {
                index += 1
            }
        }
        lines.append(head[lineStart..<head.endIndex])
        return lines
    }

    /// Parses `name: value`, refusing folded lines, bad names and control characters.
    static func parseField(_ line: ArraySlice<UInt8>, number: Int) throws(ParseError) -> HTTPHeaders.Field {
        guard let first = line.first else { throw ParseError(detail: "header field \(number) is empty") }
        if first == 0x20 || first == 0x09 { throw ParseError(detail: "header field \(number) is an obsolete folded line") }
        guard let colon = line.firstIndex(of: 0x3A) else { throw ParseError(detail: "header field \(number) has no colon") }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else {
            throw ParseError(detail: "header field \(number) has an invalid name")
        }
        var value = line[(colon + 1)...]
        while let byte = value.first, byte == 0x20 || byte == 0x09 { value = value.dropFirst() }
        while let byte = value.last, byte == 0x20 || byte == 0x09 { value = value.dropLast() }
        guard !value.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) else {
            throw ParseError(detail: "header field \(number) (\(String(decoding: name, as: UTF8.self))) contains a control character")
        }
        return HTTPHeaders.Field(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }

    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"): true
        default: false
        }
    }

    /// How the body is delimited (RFC 9112 section 6.3).
    static func framing(statusCode: Int, fields: HTTPHeaders) throws(ParseError) -> BodyFraming {
        if statusCode == 204 || statusCode == 304 { return .none }
        let encodings = fields.values(name: "transfer-encoding")
        let lengths = fields.values(name: "content-length")
        if !encodings.isEmpty {
            guard lengths.isEmpty else { throw ParseError(detail: "both Transfer-Encoding and Content-Length are present") }
            let codings = encodings.flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces.lowercased() }
            if let chunked = codings.firstIndex(of: "chunked"), chunked != codings.count - 1 {
                throw ParseError(detail: "Transfer-Encoding has chunked before another coding")
            }
            return codings.last == "chunked" ? .chunked : .untilClose
        }
        guard !lengths.isEmpty else { return .untilClose }
        var length: Int?
        for item in lengths.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let text = item.trimmingSpaces
            guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(text)
            else { throw ParseError(detail: "Content-Length \"\(text.prefix(20))\" is not a decimal number") }
            if let length, length != value { throw ParseError(detail: "Content-Length values disagree") }
            length = value
        }
        guard let length else { return .untilClose }
        return length == 0 ? .none : .length(length)
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
