import WebhookKit

/// Serializes responses into a connection's output buffer.
///
/// Framing is the server's business: `Content-Length`, `Transfer-Encoding` and
/// `Connection` from the handler are dropped and the right ones written. A handler header
/// whose name is not a token or whose value holds CR, LF or NUL would let a response be
/// split; such a response is replaced by a 500.
enum HTTPResponseEncoder {
    static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Appends the response; returns whether the handler asked to close the connection.
    static func encode(
        _ response: HTTPResponse,
        close: Bool,
        headRequest: Bool,
        date: [UInt8],
        into output: inout [UInt8]
    ) -> Bool {
        guard (100...999).contains(response.status), response.status >= 200, isSafe(response.headers) else {
            return encode(.text("Internal Server Error: invalid response from handler\n", status: 500),
                          close: close, headRequest: headRequest, date: date, into: &output)
        }
        var handlerClose = false
        output.reserveCapacity(output.count + 128 + response.body.count)
        output.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(response.status, to: &output)
        output.append(HTTPBytes.space)
        output.append(contentsOf: HTTPStatusPhrase.phrase(for: response.status).utf8)
        output.append(contentsOf: "\r\n".utf8)
        for field in response.headers {
            switch field.name.utf8.count {
            case 10 where field.name.lowercased() == "connection":
                if field.value.lowercased().contains("close") { handlerClose = true }
                continue
            case 14 where field.name.lowercased() == "content-length":
                continue
            case 17 where field.name.lowercased() == "transfer-encoding":
                continue
            default:
                break
            }
            output.append(contentsOf: field.name.utf8)
            output.append(contentsOf: ": ".utf8)
            output.append(contentsOf: field.value.utf8)
            output.append(contentsOf: "\r\n".utf8)
        }
        let bodyAllowed = response.status != 204 && response.status != 304
        if bodyAllowed {
            output.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(response.body.count, to: &output)
            output.append(contentsOf: "\r\n".utf8)
        }
        output.append(contentsOf: date)
        if close || handlerClose {
            output.append(contentsOf: "Connection: close\r\n".utf8)
        }
        output.append(contentsOf: "\r\n".utf8)
        if bodyAllowed && !headRequest {
            output.append(contentsOf: response.body)
        }
        return handlerClose
    }

    /// A plain-text refusal (400, 408, 413, 431, 501, 505) that closes the connection.
    static func encodeRefusal(status: Int, reason: String, date: [UInt8], into output: inout [UInt8]) {
        let phrase = HTTPStatusPhrase.phrase(for: status)
        _ = encode(.text("\(status) \(phrase): \(reason)\n", status: status), close: true, headRequest: false, date: date, into: &output)
    }

    private static func isSafe(_ headers: HTTPHeaders) -> Bool {
        for field in headers {
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(HTTPBytes.isToken) else { return false }
            for byte in field.value.utf8 where byte == HTTPBytes.cr || byte == HTTPBytes.lf || byte == 0 {
                return false
            }
        }
        return true
    }

    private static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        if value < 10 {
            output.append(UInt8(truncatingIfNeeded: value) + 0x30)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 && count < buffer.count {
                buffer[buffer.count - 1 - count] = UInt8(truncatingIfNeeded: rest % 10) + 0x30
                rest /= 10
                count += 1
            }
            output.append(contentsOf: buffer[(buffer.count - count)...])
        }
    }
}
