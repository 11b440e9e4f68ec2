/// Why a request was refused by ``HTTPRequestParser``, with the HTTP status to answer.
///
/// ``description`` names the problem, the offset from the start of the request and, for
/// header problems, the field name — never a field value, which may be a credential.
public struct HTTPParserError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem; each maps to one response status.
    public enum Kind: Sendable, Hashable {
        /// The request line is not `METHOD SP target SP HTTP/x.y`. → 400
        case malformedRequestLine
        /// A well-formed version other than HTTP/1.0 or HTTP/1.1. → 505
        case unsupportedVersion
        /// A header line without a colon, with an empty or invalid name, or with bytes not
        /// allowed in a value. → 400
        case malformedHeader
        /// A header line starting with whitespace (obsolete line folding). → 400
        case obsoleteLineFolding
        /// A bare CR, bare LF or NUL byte in the head. → 400
        case invalidCharacter
        /// Request line and headers together exceed the limit. → 431
        case headersTooLarge
        /// More header fields than the limit. → 431
        case tooManyHeaders
        /// No `Host` field in an HTTP/1.1 request, or more than one. → 400
        case invalidHost
        /// `Content-Length` that is not a decimal number. → 400
        case invalidContentLength
        /// Several `Content-Length` values that differ. → 400
        case conflictingContentLength
        /// Both `Content-Length` and `Transfer-Encoding`. → 400
        case contentLengthWithTransferEncoding
        /// A `Transfer-Encoding` other than exactly `chunked`. → 501
        case unsupportedTransferEncoding
        /// A malformed chunk-size line or missing CRLF after chunk data. → 400
        case invalidChunk
        /// The body is larger than the configured maximum. → 413
        case bodyTooLarge
    }

    /// The kind of problem.
    public let kind: Kind
    /// Offset of the offending byte (or of the start of the offending line) from the first
    /// byte of the request.
    public let offset: Int
    /// Specifics: the header name, the limit exceeded, the character found.
    public let detail: String

    /// Creates an error.
    public init(_ kind: Kind, offset: Int, detail: String = "") {
        self.kind = kind
        self.offset = offset
        self.detail = detail
    }

    /// The response status for this error.
    public var status: Int {
        switch kind {
        case .headersTooLarge, .tooManyHeaders: 431
        case .bodyTooLarge: 413
        case .unsupportedTransferEncoding: 501
        case .unsupportedVersion: 505
        default: 400
        }
    }

    /// `"<kind> at offset <n>: <detail>"`.
    public var description: String {
        detail.isEmpty ? "\(kind) at offset \(offset)" : "\(kind) at offset \(offset): \(detail)"
    }
}
