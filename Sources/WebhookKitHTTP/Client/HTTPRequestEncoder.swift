import WebhookKit

/// Serializes a webhook POST as HTTP/1.1 bytes, refusing header fields that could split
/// the request (CR, LF or NUL in a value, a non-token name).
enum HTTPRequestEncoder {
    /// Fields the encoder writes itself; the caller's copies are ignored.
    private static let managed: [[UInt8]] = ["host", "content-length", "transfer-encoding", "connection"].map { Array($0.utf8) }

    /// Whether `name` is one of ``managed``, ASCII case-insensitively.
    private static func isManaged(_ name: String) -> Bool {
        let bytes = name.utf8
        return managed.contains { candidate in
            candidate.count == bytes.count && zip(candidate, bytes).allSatisfy { $0 == ($1 | 0x20) }
        }
    }

    static func encode(_ request: WebhookRequest) throws(TransportError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + request.body.count + request.headers.count * 48)
        bytes += "POST ".utf8
        guard request.endpoint.target.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw TransportError(.protocolViolation, "request target contains a space or control character")
        }
        bytes += request.endpoint.target.utf8
        bytes += " HTTP/1.1\r\nHost: ".utf8
        bytes += request.endpoint.hostHeader.utf8
        bytes += "\r\nContent-Length: ".utf8
        bytes += String(request.body.count).utf8
        bytes += "\r\n".utf8
        for (index, field) in request.headers.enumerated() {
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(HTTPBytes.isToken) else {
                throw TransportError(.protocolViolation, "request header field \(index + 1) has an invalid name")
            }
            guard !field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw TransportError(.protocolViolation, "request header \(field.name) contains CR, LF or NUL")
            }
            if isManaged(field.name) { continue }
            bytes += field.name.utf8
            bytes += ": ".utf8
            bytes += field.value.utf8
            bytes += "\r\n".utf8
        }
        bytes += "\r\n".utf8
        bytes += request.body
        return bytes
    }
}
