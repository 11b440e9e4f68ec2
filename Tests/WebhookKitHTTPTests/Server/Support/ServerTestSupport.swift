import Foundation
import WebhookKit
import WebhookKitHTTP
import WebhookKitTesting

/// Helpers for server tests: processes and raw sockets run off the cooperative pool, so
/// blocking I/O never starves other suites running in parallel.
enum ServerTestSupport {
    /// A result of running a command.
    struct ProcessResult: Sendable {
        let status: Int32
        let output: String
        let errorOutput: String
    }

    /// Runs `body` on a dispatch thread and awaits its result.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try body() })
            }
        }
    }

    /// Runs a command with optional standard input, collecting its output.
    static func run(_ arguments: [String], input: [UInt8]? = nil) async throws -> ProcessResult {
        try await blocking {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            let output = Pipe()
            let errors = Pipe()
            let inputPipe = Pipe()
            process.standardOutput = output
            process.standardError = errors
            process.standardInput = inputPipe
            try process.run()
            if let input {
                inputPipe.fileHandleForWriting.write(Data(input))
            }
            try inputPipe.fileHandleForWriting.close()
            let errorData = DispatchQueue.global().sync { () -> Data in Data() }
            _ = errorData
            let group = DispatchGroup()
            nonisolated(unsafe) var errorBytes = Data()
            group.enter()
            DispatchQueue.global().async {
                errorBytes = errors.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
            let outputBytes = output.fileHandleForReading.readDataToEndOfFile()
            group.wait()
            process.waitUntilExit()
            return ProcessResult(
                status: process.terminationStatus,
                output: String(decoding: outputBytes, as: UTF8.self),
                errorOutput: String(decoding: errorBytes, as: UTF8.self))
        }
    }

    /// A fresh directory under the temporary directory.
    static func temporaryDirectory(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "webhookkit-server-\(name)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A dev CA and a server certificate for localhost, 127.0.0.1 and ::1.
    static func certificates(_ name: String) throws -> (ca: DevCertificateAuthority, server: DevCertificateAuthority.IssuedCertificate) {
        let ca = try DevCertificateAuthority(directory: temporaryDirectory(name))
        return (ca, try ca.issue(name: "server"))
    }

    /// A TLS configuration for `server`.
    static func tls(_ server: DevCertificateAuthority.IssuedCertificate) -> TLSServerConfiguration {
        TLSServerConfiguration(certificateChainPath: server.certificatePath, privateKeyPath: server.privateKeyPath)
    }

    /// A handler echoing method, target, body length and body.
    static let echo = HTTPClosureHandler { request in
        var headers = HTTPHeaders()
        headers.add(name: "X-Method", value: request.method)
        headers.add(name: "X-Target", value: request.target)
        headers.add(name: "X-Body-Length", value: String(request.body.count))
        return HTTPResponse(status: 200, headers: headers, body: request.body)
    }
}
