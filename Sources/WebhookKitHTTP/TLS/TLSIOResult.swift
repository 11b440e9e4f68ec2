/// The outcome of one non-blocking TLS step (handshake, read, write or shutdown).
///
/// `wantRead`/`wantWrite` mean "call again when the socket is readable/writable" — they
/// are not errors. A TLS read may need the socket writable and a write may need it
/// readable, so callers must honour whichever is asked for.
public enum TLSIOResult: Sendable, Equatable {
    /// The step finished; for reads and writes, the number of bytes moved (never 0).
    case complete(Int)
    /// Wait until the socket is readable, then retry the same call.
    case wantRead
    /// Wait until the socket is writable, then retry the same call.
    case wantWrite
    /// The peer closed the TLS session cleanly (close_notify) or the TCP stream ended.
    case closed
    /// A protocol or socket error; the connection cannot be used any more.
    case failed(OpenSSLError)
}
