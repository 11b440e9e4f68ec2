/// Runs `body` with a started server and shuts the server down afterwards, also when
/// `body` throws — the scoped lifetime tests and short-lived tools want.
///
/// ```swift
/// try await withHTTPServer(configuration: .init(tls: nil), handler: handler) { server in
///     let port = server.port!
///     …
/// }
/// ```
public func withHTTPServer<Result: Sendable>(
    configuration: HTTPServer.Configuration,
    handler: some HTTPHandler,
    shutdownDeadline: Duration = .seconds(5),
    _ body: (HTTPServer) async throws -> Result
) async throws -> Result {
    let server = try HTTPServer(configuration: configuration, handler: handler)
    try server.start()
    do {
        let result = try await body(server)
        await server.shutdown(deadline: shutdownDeadline)
        return result
    } catch {
        await server.shutdown(deadline: shutdownDeadline)
        throw error
    }
}
