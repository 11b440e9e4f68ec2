/// The header fields that decide how a request is framed and whether the connection
/// stays open, gathered while the header section is parsed and judged at its end.
struct FramingFields {
    typealias Slice = UnsafeBufferPointer<UInt8>.SubSequence

    var contentLength: Int?
    var contentLengthOffset = 0
    var transferCodings: [String] = []
    var transferEncodingOffset: Int?
    var connectionClose = false
    var connectionKeepAlive = false
    var expectsContinue = false
    var hostCount = 0

    /// Lengths above this are refused as too large whatever the configured maximum,
    /// which also keeps the arithmetic far from overflow.
    static let largestLength = 1 << 53

    /// Notes one field; returns an error when the field alone already condemns the request.
    mutating func record(name: Slice, value: Slice, lineOffset: Int) -> HTTPParserError? {
        switch name.count {
        case 14 where HTTPBytes.equalsIgnoringCase(name, "content-length"):
            return recordContentLength(value, lineOffset: lineOffset)
        case 17 where HTTPBytes.equalsIgnoringCase(name, "transfer-encoding"):
            transferEncodingOffset = transferEncodingOffset ?? lineOffset
            transferCodings += HTTPBytes.lowercasedElements(value)
        case 10 where HTTPBytes.equalsIgnoringCase(name, "connection"):
            let options = HTTPBytes.connectionOptions(value)
            if options.close { connectionClose = true }
            if options.keepAlive { connectionKeepAlive = true }
        case 6 where HTTPBytes.equalsIgnoringCase(name, "expect"):
            if HTTPBytes.equalsIgnoringCase(value, "100-continue") { expectsContinue = true }
        case 4 where HTTPBytes.equalsIgnoringCase(name, "host"):
            hostCount += 1
        default:
            break
        }
        return nil
    }

    private mutating func recordContentLength(_ value: Slice, lineOffset: Int) -> HTTPParserError? {
        var error: HTTPParserError?
        HTTPBytes.forEachListElement(value) { element in
            guard error == nil else { return }
            guard !element.isEmpty, element.allSatisfy({ (0x30...0x39).contains($0) }) else {
                error = HTTPParserError(.invalidContentLength, offset: lineOffset, detail: "Content-Length must be a decimal number")
                return
            }
            var length = 0
            for digit in element {
                length = length * 10 + Int(digit - 0x30)
                if length > Self.largestLength { length = Self.largestLength; break }
            }
            if let previous = contentLength, previous != length {
                error = HTTPParserError(.conflictingContentLength, offset: lineOffset, detail: "Content-Length values differ")
                return
            }
            contentLength = length
            contentLengthOffset = lineOffset
        }
        return error
    }

    /// Decides framing, keep-alive and expectation; returns the error that refuses the request.
    func resolve(head: inout HTTPRequestHead, maximumBody: Int) -> HTTPParserError? {
        if head.minorVersion == 1 && hostCount != 1 {
            return HTTPParserError(.invalidHost, offset: 0, detail: hostCount == 0 ? "HTTP/1.1 request without Host" : "\(hostCount) Host fields")
        }
        if let transferOffset = transferEncodingOffset {
            if contentLength != nil {
                return HTTPParserError(.contentLengthWithTransferEncoding, offset: max(transferOffset, contentLengthOffset),
                                       detail: "both Content-Length and Transfer-Encoding")
            }
            guard transferCodings == ["chunked"] else {
                return HTTPParserError(.unsupportedTransferEncoding, offset: transferOffset,
                                       detail: "only \"chunked\" is supported, got \"\(transferCodings.joined(separator: ", "))\"")
            }
            head.framing = .chunked
        } else if let length = contentLength {
            if length > maximumBody {
                return HTTPParserError(.bodyTooLarge, offset: contentLengthOffset, detail: "Content-Length exceeds the limit of \(maximumBody) bytes")
            }
            head.framing = .contentLength(length)
        }
        head.keepAlive = head.minorVersion == 1 ? !connectionClose : (connectionKeepAlive && !connectionClose)
        head.expectsContinue = expectsContinue && head.minorVersion == 1
        return nil
    }
}
