/// The application side of ``HTTPServer``: one complete request in, one response out.
///
/// Framework-neutral on purpose: method, target, headers and body in; status, headers and
/// body out — so the same receive pipeline can sit behind this server or any other.
///
/// Implementation requirements:
/// - Never block the calling thread (no `sleep`, no synchronous file or network I/O): by
///   default handlers start on the connection's event-loop thread (see
///   ``HTTPServer/Configuration/HandlerExecution``), and blocking it stalls every connection
///   on that loop. `await` freely — suspension does not block the loop.
/// - Always return; a response is owed for every request. There is no handler timeout.
public protocol HTTPHandler: Sendable {
    /// Answers one request.
    func handle(_ request: HTTPRequest) async -> HTTPResponse
}

/// An ``HTTPHandler`` made from a closure.
///
/// ```swift
/// let handler = HTTPClosureHandler { request in .text("hello \(request.path)") }
/// ```
public struct HTTPClosureHandler: HTTPHandler {
    private let closure: @Sendable (HTTPRequest) async -> HTTPResponse

    /// Wraps `closure`.
    public init(_ closure: @escaping @Sendable (HTTPRequest) async -> HTTPResponse) {
        self.closure = closure
    }

    /// Calls the closure.
    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        await closure(request)
    }
}
