#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension HTTPRequestParser {
    /// Longest chunk-size line accepted, extensions included.
    static let maximumChunkLineBytes = 4096

    mutating func bodyStep(remaining: Int) -> Step {
        if remaining == 0 { return completeRequest() }
        let available = buffer.count - start
        guard available > 0 else { return .needMore }
        let taken = min(available, remaining)
        body.append(contentsOf: buffer[start..<(start + taken)])
        start += taken
        if taken == remaining { return completeRequest() }
        state = .body(remaining: remaining - taken)
        return .needMore
    }

    mutating func chunkSizeStep() -> Step {
        let limit = min(buffer.count, start + Self.maximumChunkLineBytes)
        guard let lineFeed = buffer[start..<limit].firstIndex(of: HTTPBytes.lf) else {
            if limit - start >= Self.maximumChunkLineBytes {
                return .fail(HTTPParserError(.invalidChunk, offset: requestRelative(start), detail: "chunk-size line longer than \(Self.maximumChunkLineBytes) bytes"))
            }
            return .needMore
        }
        guard lineFeed > start, buffer[lineFeed - 1] == HTTPBytes.cr else {
            return .fail(HTTPParserError(.invalidChunk, offset: requestRelative(lineFeed), detail: "chunk-size line must end with CRLF"))
        }
        var index = start
        var size = 0
        while index < lineFeed - 1, let digit = Self.hexValue(buffer[index]) {
            size = size * 16 + digit
            if size > FramingFields.largestLength { size = FramingFields.largestLength }
            index += 1
        }
        guard index > start else {
            return .fail(HTTPParserError(.invalidChunk, offset: requestRelative(index), detail: "chunk size must start with a hexadecimal digit"))
        }
        // Extensions (`;name=value`, after optional whitespace) are allowed and ignored.
        if index < lineFeed - 1 {
            var rest = index
            while rest < lineFeed - 1 && HTTPBytes.isWhitespace(buffer[rest]) { rest += 1 }
            guard rest < lineFeed - 1, buffer[rest] == HTTPBytes.semicolon else {
                return .fail(HTTPParserError(.invalidChunk, offset: requestRelative(rest), detail: "unexpected byte after chunk size"))
            }
            for position in rest..<(lineFeed - 1) where buffer[position] < 0x20 && buffer[position] != HTTPBytes.tab || buffer[position] == 0x7F {
                return .fail(HTTPParserError(.invalidChunk, offset: requestRelative(position), detail: "control byte in chunk extension"))
            }
        }
        start = lineFeed + 1
        if size == 0 {
            state = .trailers
            scanIndex = start
            trailerBytes = 0
            return .continue
        }
        if body.count + size > configuration.maximumBodyBytes {
            return .fail(HTTPParserError(.bodyTooLarge, offset: requestRelative(start), detail: "chunked body exceeds the limit of \(configuration.maximumBodyBytes) bytes"))
        }
        state = .chunkData(remaining: size)
        return .continue
    }

    mutating func chunkDataStep(remaining: Int) -> Step {
        let available = buffer.count - start
        guard available > 0 else { return .needMore }
        let taken = min(available, remaining)
        body.append(contentsOf: buffer[start..<(start + taken)])
        start += taken
        state = taken == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - taken)
        return taken == remaining ? .continue : .needMore
    }

    mutating func chunkDataEndStep() -> Step {
        guard buffer.count - start >= 2 else {
            if buffer.count - start == 1 && buffer[start] != HTTPBytes.cr {
                return .fail(HTTPParserError(.invalidChunk, offset: requestRelative(start), detail: "chunk data must be followed by CRLF"))
            }
            return .needMore
        }
        guard buffer[start] == HTTPBytes.cr, buffer[start + 1] == HTTPBytes.lf else {
            return .fail(HTTPParserError(.invalidChunk, offset: requestRelative(start), detail: "chunk data must be followed by CRLF"))
        }
        start += 2
        state = .chunkSize
        return .continue
    }

    /// Reads and discards the trailer section, applying the header limits and checks to it.
    mutating func trailersStep() -> Step {
        while true {
            let limit = min(buffer.count, start + configuration.maximumHeaderBytes - trailerBytes)
            guard let lineFeed = buffer[max(scanIndex, start)..<limit].firstIndex(of: HTTPBytes.lf) else {
                scanIndex = limit
                if trailerBytes + (buffer.count - start) >= configuration.maximumHeaderBytes {
                    return .fail(HTTPParserError(.headersTooLarge, offset: requestRelative(limit), detail: "trailer section over \(configuration.maximumHeaderBytes) bytes"))
                }
                return .needMore
            }
            guard lineFeed > start, buffer[lineFeed - 1] == HTTPBytes.cr else {
                return .fail(HTTPParserError(.invalidCharacter, offset: requestRelative(lineFeed), detail: "line feed without carriage return in trailers"))
            }
            if lineFeed == start + 1 {
                start = lineFeed + 1
                return completeRequest()
            }
            if HTTPBytes.isWhitespace(buffer[start]) {
                return .fail(HTTPParserError(.obsoleteLineFolding, offset: requestRelative(start), detail: "trailer line starts with whitespace"))
            }
            for position in start..<(lineFeed - 1) {
                let byte = buffer[position]
                if byte == 0 || byte == HTTPBytes.cr {
                    return .fail(HTTPParserError(.invalidCharacter, offset: requestRelative(position), detail: byte == 0 ? "NUL in trailers" : "bare carriage return in trailers"))
                }
            }
            trailerBytes += lineFeed + 1 - start
            start = lineFeed + 1
            scanIndex = start
        }
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }
}
