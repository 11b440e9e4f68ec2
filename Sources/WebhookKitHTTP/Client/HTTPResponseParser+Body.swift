import WebhookKit

extension HTTPResponseParser {
    /// Reads body bytes; returns the response once the body ended or the limit was passed.
    mutating func consumeBody(_ input: inout Substream, framing: BodyFraming, chunk: ChunkState) throws(ParseError) -> Response? {
        switch framing {
        case .none:
            return makeResponse(reusable: true)
        case .length(let remaining):
            let bytes = input.take(remaining)
            guard acceptBody(bytes) else { return makeResponse(reusable: false) }
            let left = remaining - bytes.count
            if left == 0 { return makeResponse(reusable: true) }
            state = .body(.length(left), chunk)
            return nil
        case .untilClose:
            guard acceptBody(input.take(input.remaining)) else { return makeResponse(reusable: false) }
            return nil
        case .chunked:
            return try consumeChunked(&input, chunk: chunk)
        }
    }

    private mutating func consumeChunked(_ input: inout Substream, chunk: ChunkState) throws(ParseError) -> Response? {
        var chunk = chunk
        defer { if case .body = state { state = .body(.chunked, chunk) } }
        while !input.isEmpty {
            switch chunk {
            case .sizeLine:
                guard let line = try readLine(&input, limit: 4096, what: "chunk size line") else { return nil }
                let size = try Self.chunkSize(line)
                chunk = size == 0 ? .trailers : .data(size)
            case .data(let remaining):
                let bytes = input.take(remaining)
                guard acceptBody(bytes) else { return makeResponse(reusable: false) }
                chunk = remaining == bytes.count ? .dataEnd(2) : .data(remaining - bytes.count)
            case .dataEnd(let expected):
                let byte = input.take(1)[0]
                let wanted: UInt8 = expected == 2 ? 0x0D : 0x0A
                guard byte == wanted else { throw ParseError(detail: "chunk data is not followed by CRLF") }
                chunk = expected == 2 ? .dataEnd(1) : .sizeLine
            case .trailers:
                guard let line = try readLine(&input, limit: configuration.maxHeaderBytes, what: "trailer field") else { return nil }
                if line.isEmpty { return makeResponse(reusable: true) }
                trailerFields += 1
                guard trailerFields + headers.count <= configuration.maxHeaderFields else {
                    throw ParseError(detail: "more than \(configuration.maxHeaderFields) header and trailer fields")
                }
                let number = headers.count + trailerFields
                _ = try line.withUnsafeBufferPointer { (bytes) throws(ParseError) in try Self.splitField(bytes[...], number: number) }
            }
        }
        return nil
    }

    /// Collects one CRLF-terminated line into `pending`; `nil` until it is complete.
    private mutating func readLine(_ input: inout Substream, limit: Int, what: String) throws(ParseError) -> [UInt8]? {
        while !input.isEmpty {
            let byte = input.take(1)[0]
            if byte == 0x0A {
                guard pending.last == 0x0D else { throw ParseError(detail: "\(what) ends in a bare LF") }
                let line = Array(pending.dropLast())
                pending.removeAll(keepingCapacity: true)
                return line
            }
            pending.append(byte)
            if pending.count > limit { throw ParseError(detail: "\(what) exceeds \(limit) bytes") }
        }
        return nil
    }

    /// The hex size before any `;extension`.
    static func chunkSize(_ line: [UInt8]) throws(ParseError) -> Int {
        var size = 0
        var digits = 0
        for byte in line {
            let value: Int
            switch byte {
            case 0x30...0x39: value = Int(byte - 0x30)
            case 0x41...0x46: value = Int(byte - 0x41 + 10)
            case 0x61...0x66: value = Int(byte - 0x61 + 10)
            case UInt8(ascii: ";"), 0x20, 0x09:
                guard digits > 0 else { throw ParseError(detail: "chunk size line has no size") }
                return size
            default:
                throw ParseError(detail: "chunk size line contains a non-hex byte")
            }
            digits += 1
            guard digits <= 15 else { throw ParseError(detail: "chunk size has more than 15 hex digits") }
            size = size * 16 + value
        }
        guard digits > 0 else { throw ParseError(detail: "chunk size line has no size") }
        return size
    }
}
