/// The response header fields that decide how the body is delimited and whether the
/// connection stays open (RFC 9112 sections 6.3 and 9.3), gathered while the head is
/// parsed and judged at its end, so a malformed field is named before a framing conflict.
struct ResponseFramingFields {
    typealias Bytes = HTTPResponseParser.Bytes
    typealias ParseError = HTTPResponseParser.ParseError

    private var contentLength: Int?
    private var hasContentLength = false
    private var transferCodings: [String] = []
    private var hasTransferEncoding = false
    /// The first problem with a Content-Length value.
    private var invalidLength: ParseError?
    private(set) var connectionClose = false
    private(set) var connectionKeepAlive = false

    /// Notes one field.
    mutating func record(name: Bytes, value: Bytes) {
        switch name.count {
        case 14 where HTTPBytes.equalsIgnoringCase(name, "content-length"):
            hasContentLength = true
            HTTPBytes.forEachListElement(value) { recordLength($0) }
        case 17 where HTTPBytes.equalsIgnoringCase(name, "transfer-encoding"):
            hasTransferEncoding = true
            transferCodings += HTTPBytes.lowercasedElements(value)
        case 10 where HTTPBytes.equalsIgnoringCase(name, "connection"):
            let options = HTTPBytes.connectionOptions(value)
            if options.close { connectionClose = true }
            if options.keepAlive { connectionKeepAlive = true }
        default:
            break
        }
    }

    private mutating func recordLength(_ element: Bytes) {
        guard invalidLength == nil else { return }
        guard !element.isEmpty, element.count <= 18, element.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            let text = String(decoding: element.prefix(20), as: UTF8.self)
            invalidLength = ParseError(detail: "Content-Length \"\(text)\" is not a decimal number")
            return
        }
        let value = element.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        if let contentLength, contentLength != value {
            invalidLength = ParseError(detail: "Content-Length values disagree")
            return
        }
        contentLength = value
    }

    /// How the body of a response with `statusCode` is delimited.
    func resolve(statusCode: Int) throws(ParseError) -> HTTPResponseParser.BodyFraming {
        if statusCode == 204 || statusCode == 304 { return .none }
        if hasTransferEncoding {
            guard !hasContentLength else { throw ParseError(detail: "both Transfer-Encoding and Content-Length are present") }
            if let chunked = transferCodings.firstIndex(of: "chunked"), chunked != transferCodings.count - 1 {
                throw ParseError(detail: "Transfer-Encoding has chunked before another coding")
            }
            return transferCodings.last == "chunked" ? .chunked : .untilClose
        }
        if let invalidLength { throw invalidLength }
        guard let contentLength else { return .untilClose }
        return contentLength == 0 ? .none : .length(contentLength)
    }
}
