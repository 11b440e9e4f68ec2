#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import WebhookKit

extension HTTPRequestParser {
    /// Where the scan for the end of the header section stopped.
    enum HeadScan {
        case incomplete(scannedTo: Int)
        case bareLineFeed(at: Int)
        case complete(end: Int)
    }

    mutating func parseHeadStep() -> Step {
        // RFC 9112 §2.2: ignore empty lines before a request line.
        while buffer.count - start >= 2 && buffer[start] == HTTPBytes.cr && buffer[start + 1] == HTTPBytes.lf {
            start += 2
            requestOffset = bufferOffset + start
        }
        guard start < buffer.count else { return .needMore }
        let limit = min(buffer.count, start + configuration.maximumHeaderBytes)
        let scan = buffer.withUnsafeBufferPointer { bytes in
            Self.scanForEmptyLine(bytes, from: max(scanIndex, start), start: start, limit: limit)
        }
        switch scan {
        case .incomplete(let scannedTo):
            scanIndex = scannedTo
            if buffer.count - start >= configuration.maximumHeaderBytes {
                return .fail(HTTPParserError(.headersTooLarge, offset: requestRelative(limit), detail: "limit \(configuration.maximumHeaderBytes) bytes"))
            }
            return .needMore
        case .bareLineFeed(let index):
            return .fail(HTTPParserError(.invalidCharacter, offset: requestRelative(index), detail: "line feed without carriage return"))
        case .complete(let end):
            let result = buffer.withUnsafeBufferPointer { bytes in
                HeadParser(bytes: bytes, start: start, configuration: configuration).parse(end: end)
            }
            switch result {
            case .failure(let error):
                return .fail(error)
            case .success(let head):
                start = end
                currentHead = head
                switch head.framing {
                case .none:
                    state = .body(remaining: 0)
                case .contentLength(let length):
                    body.reserveCapacity(length)
                    state = .body(remaining: length)
                case .chunked:
                    state = .chunkSize
                }
                return .emit(.head(head))
            }
        }
    }

    /// Looks for CRLF CRLF in `bytes[from..<limit]`, checking that every LF follows a CR.
    static func scanForEmptyLine(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, start: Int, limit: Int) -> HeadScan {
        guard let base = bytes.baseAddress else { return .incomplete(scannedTo: from) }
        var index = from
        while index < limit {
            guard let found = memchr(base + index, Int32(HTTPBytes.lf), limit - index) else { break }
            let lineFeed = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if lineFeed == start || bytes[lineFeed - 1] != HTTPBytes.cr {
                return .bareLineFeed(at: lineFeed)
            }
            if lineFeed - 2 >= start && bytes[lineFeed - 2] == HTTPBytes.lf {
                return .complete(end: lineFeed + 1)
            }
            index = lineFeed + 1
        }
        return .incomplete(scannedTo: limit)
    }
}

/// Parses and checks one complete header section (`bytes[start..<end]`, ending CRLF CRLF).
struct HeadParser {
    typealias Slice = UnsafeBufferPointer<UInt8>.SubSequence

    let bytes: UnsafeBufferPointer<UInt8>
    let start: Int
    let configuration: HTTPRequestParser.Configuration

    private func fail(_ kind: HTTPParserError.Kind, at index: Int, _ detail: String = "") -> Result<HTTPRequestHead, HTTPParserError> {
        .failure(HTTPParserError(kind, offset: index - start, detail: detail))
    }

    func parse(end: Int) -> Result<HTTPRequestHead, HTTPParserError> {
        // Every LF is known to follow a CR (checked by the scan), so lines end at LF - 1.
        var lineEnd = start
        while bytes[lineEnd] != HTTPBytes.lf { lineEnd += 1 }
        lineEnd -= 1
        var head: HTTPRequestHead
        switch parseRequestLine(bytes[start..<lineEnd]) {
        case .success(let parsed): head = parsed
        case .failure(let error): return .failure(error)
        }
        var framing = FramingFields()
        var headers = HTTPHeaders()
        var count = 0
        var lineStart = lineEnd + 2
        while lineStart < end - 2 {
            lineEnd = lineStart
            while bytes[lineEnd] != HTTPBytes.lf { lineEnd += 1 }
            lineEnd -= 1
            count += 1
            if count > configuration.maximumHeaderCount {
                return fail(.tooManyHeaders, at: lineStart, "limit \(configuration.maximumHeaderCount) fields")
            }
            switch parseField(bytes[lineStart..<lineEnd]) {
            case .failure(let error):
                return .failure(error)
            case .success(let (name, value)):
                if let error = framing.record(name: name, value: value, lineOffset: lineStart - start) {
                    return .failure(error)
                }
                headers.add(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
            }
            lineStart = lineEnd + 2
        }
        head.headers = headers
        switch framing.resolve(head: &head, maximumBody: configuration.maximumBodyBytes) {
        case .some(let error): return .failure(error)
        case .none: return .success(head)
        }
    }

    private func parseRequestLine(_ line: Slice) -> Result<HTTPRequestHead, HTTPParserError> {
        var index = line.startIndex
        while index < line.endIndex && HTTPBytes.isToken(line[index]) { index += 1 }
        guard index > line.startIndex, index < line.endIndex, line[index] == HTTPBytes.space else {
            return fail(.malformedRequestLine, at: index, "expected a method token followed by one space")
        }
        let method = line[line.startIndex..<index]
        index += 1
        let targetStart = index
        while index < line.endIndex && line[index] != HTTPBytes.space {
            let byte = line[index]
            if byte == HTTPBytes.cr || byte == 0 {
                return fail(.invalidCharacter, at: index, byte == 0 ? "NUL in request target" : "bare carriage return in request target")
            }
            guard byte > 0x20 && byte < 0x7F else {
                return fail(.malformedRequestLine, at: index, "byte 0x\(String(byte, radix: 16)) in request target")
            }
            index += 1
        }
        guard index > targetStart, index < line.endIndex else {
            return fail(.malformedRequestLine, at: index, "expected a request target followed by one space")
        }
        let target = line[targetStart..<index]
        index += 1
        let version = line[index..<line.endIndex]
        guard version.count == 8, version.prefix(5).elementsEqual("HTTP/".utf8),
              version[index + 6] == UInt8(ascii: "."),
              case let major = version[index + 5], case let minor = version[index + 7],
              (0x30...0x39).contains(major), (0x30...0x39).contains(minor)
        else {
            return fail(.malformedRequestLine, at: index, "expected HTTP/1.1 or HTTP/1.0")
        }
        guard major == UInt8(ascii: "1"), minor <= UInt8(ascii: "1") else {
            return fail(.unsupportedVersion, at: index, "only HTTP/1.0 and HTTP/1.1 are served")
        }
        let minorVersion = Int(minor - 0x30)
        return .success(HTTPRequestHead(
            method: String(decoding: method, as: UTF8.self),
            target: String(decoding: target, as: UTF8.self),
            minorVersion: minorVersion,
            keepAlive: minorVersion == 1
        ))
    }

    private func parseField(_ line: Slice) -> Result<(Slice, Slice), HTTPParserError> {
        guard let first = line.first else {
            return .failure(HTTPParserError(.malformedHeader, offset: line.startIndex - start, detail: "empty header line"))
        }
        if HTTPBytes.isWhitespace(first) {
            return .failure(HTTPParserError(.obsoleteLineFolding, offset: line.startIndex - start, detail: "header line starts with whitespace"))
        }
        var index = line.startIndex
        while index < line.endIndex && HTTPBytes.isToken(line[index]) { index += 1 }
        guard index > line.startIndex, index < line.endIndex, line[index] == HTTPBytes.colon else {
            if index == line.endIndex {
                return .failure(HTTPParserError(.malformedHeader, offset: line.startIndex - start, detail: "header line without a colon"))
            }
            let byte = line[index]
            if byte == 0 || byte == HTTPBytes.cr {
                return .failure(HTTPParserError(.invalidCharacter, offset: index - start, detail: byte == 0 ? "NUL in field name" : "bare carriage return in field name"))
            }
            return .failure(HTTPParserError(.malformedHeader, offset: index - start, detail: "field name must be a token followed directly by a colon"))
        }
        let name = line[line.startIndex..<index]
        let value = HTTPBytes.trimmed(line[(index + 1)..<line.endIndex])
        for position in value.startIndex..<value.endIndex {
            let byte = value[position]
            if byte >= 0x20 && byte != 0x7F || byte == HTTPBytes.tab { continue }
            let fieldName = String(decoding: name, as: UTF8.self)
            let detail = switch byte {
            case 0: "NUL in the value of \(fieldName)"
            case HTTPBytes.cr: "bare carriage return in the value of \(fieldName)"
            default: "control byte 0x\(String(byte, radix: 16)) in the value of \(fieldName)"
            }
            let kind: HTTPParserError.Kind = (byte == 0 || byte == HTTPBytes.cr) ? .invalidCharacter : .malformedHeader
            return .failure(HTTPParserError(kind, offset: position - start, detail: detail))
        }
        return .success((name, value))
    }
}
