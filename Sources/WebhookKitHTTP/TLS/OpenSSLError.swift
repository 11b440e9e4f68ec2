import COpenSSL

/// The reasons OpenSSL gave for a failed call, taken from its thread-local error queue.
///
/// OpenSSL reports failures by pushing entries onto a per-thread queue. Every failing call
/// site should turn that queue into an `OpenSSLError` at once (``drain(operation:)``), so
/// that a stale entry never leaks into an unrelated later call on the same thread.
/// Both the server and the client side use this type.
public struct OpenSSLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The OpenSSL function or step that failed, e.g. `"SSL_CTX_use_PrivateKey_file"`.
    public let operation: String
    /// OpenSSL's own messages, oldest first (`error:0A00010B:SSL routines::wrong version number`).
    public let messages: [String]
    /// The packed code of the oldest queue entry (0 if the queue was empty).
    public let code: UInt

    /// Creates an error with explicit messages, for failures OpenSSL does not queue.
    public init(operation: String, messages: [String], code: UInt = 0) {
        self.operation = operation
        self.messages = messages
        self.code = code
    }

    /// Empties the calling thread's OpenSSL error queue into an error for `operation`.
    public static func drain(operation: String) -> OpenSSLError {
        var messages: [String] = []
        var first: UInt = 0
        var buffer = [CChar](repeating: 0, count: 256)
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            if first == 0 { first = code }
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return OpenSSLError(operation: operation, messages: messages, code: first)
    }

    /// Discards whatever is on the calling thread's error queue.
    ///
    /// Call it before an operation whose failure is judged with `SSL_get_error`, which
    /// reads the queue and would otherwise be misled by an earlier entry.
    public static func clearQueue() {
        ERR_clear_error()
    }

    /// The OpenSSL reason code of the oldest entry (`ERR_GET_REASON`), 0 if none.
    public var reason: Int32 {
        Int32(truncatingIfNeeded: code & 0x7F_FFFF)
    }

    /// `"<operation> failed: <messages>"`.
    public var description: String {
        messages.isEmpty
            ? "\(operation) failed"
            : "\(operation) failed: \(messages.joined(separator: "; "))"
    }
}
