import Foundation
import WebhookKit
import WebhookKitHTTP

/// `webhookkit-bench receiver --cert PEM --key PEM [--port N] [--loops N] [--user U --password P] [--plain]`
///
/// Serves the receiver workload of `Benchmarks/receiver.sh`: every POST is checked for
/// Basic authentication in constant time, its JSON body decoded, and answered 200 with an
/// empty body. Prints `port=N` once listening, then runs until killed. The script runs the
/// Node.js and nginx peers with the same certificate and load, and prints the table.
enum ReceiverBenchmark {
    struct Handler: HTTPHandler {
        let expectedAuthorization: [UInt8]
        let decoder = WireDecoder()

        func handle(_ request: HTTPRequest) async -> HTTPResponse {
            guard let authorization = request.headers["authorization"],
                  ConstantTime.equals(Array(authorization.utf8), expectedAuthorization)
            else {
                return HTTPResponse(status: 401, headers: ["WWW-Authenticate": "Basic realm=\"webhooks\""])
            }
            guard (try? decoder.decode(request.body)) != nil else {
                return HTTPResponse(status: 400)
            }
            return HTTPResponse(status: 200)
        }
    }

    static func run(_ arguments: [String]) async throws {
        var options: [String: String] = [:]
        var flags: Set<String> = []
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            if name == "--plain" {
                flags.insert(name)
                index += 1
            } else if index + 1 < arguments.count {
                options[name] = arguments[index + 1]
                index += 2
            } else {
                throw BenchmarkUsageError(message: "missing value after \(name)")
            }
        }
        let user = options["--user"] ?? "webhook"
        let password = options["--password"] ?? "secret"
        let credentials = Data("\(user):\(password)".utf8).base64EncodedString()
        var tls: TLSServerConfiguration?
        if !flags.contains("--plain") {
            guard let cert = options["--cert"], let key = options["--key"] else {
                throw BenchmarkUsageError(message: "--cert and --key are required (or --plain)")
            }
            tls = TLSServerConfiguration(certificateChainPath: cert, privateKeyPath: key)
        }
        let configuration = HTTPServer.Configuration(
            host: "127.0.0.1",
            port: Int(options["--port"] ?? "0") ?? 0,
            tls: tls,
            eventLoopCount: Int(options["--loops"] ?? "") ?? HTTPServer.Configuration.onlineCores)
        let server = try HTTPServer(
            configuration: configuration,
            handler: Handler(expectedAuthorization: Array("Basic \(credentials)".utf8)))
        let port = try server.start()
        // Written unbuffered so the script sees it while the server runs.
        FileHandle.standardOutput.write(Data("port=\(port)\n".utf8))
        try await server.run()
    }
}
