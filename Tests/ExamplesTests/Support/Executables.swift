import Foundation
import Synchronization
import WebhookKitTesting

/// Finds and runs the built example executables; blocking process I/O runs on dispatch
/// threads so the cooperative pool stays free for suites running in parallel.
enum Executables {
    struct Result: Sendable {
        let status: Int32
        let output: String
        let errorOutput: String
    }

    /// The directory holding the built products (next to the test bundle).
    static let productsDirectory: String = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().path,
            Bundle.main.bundleURL.deletingLastPathComponent().path,
            Bundle.main.bundlePath,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0 + "/webhook-receiver") } ?? candidates[0]
    }()

    static func path(_ name: String) -> String {
        productsDirectory + "/" + name
    }

    /// Runs `name` with `arguments` and optional standard input to its end.
    static func run(_ name: String, _ arguments: [String], input: String? = nil, environment: [String: String]? = nil) async throws -> Result {
        try await blocking {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: name.hasPrefix("/") ? name : path(name))
            process.arguments = arguments
            if let environment { process.environment = environment }
            let output = Pipe()
            let errors = Pipe()
            let inputPipe = Pipe()
            process.standardOutput = output
            process.standardError = errors
            process.standardInput = inputPipe
            try process.run()
            let errorBytes = Mutex(Data())
            let group = DispatchGroup()
            group.enter()
            DispatchQueue.global().async {
                let data = errors.fileHandleForReading.readDataToEndOfFile()
                errorBytes.withLock { $0 = data }
                group.leave()
            }
            if let input { try? inputPipe.fileHandleForWriting.write(contentsOf: Data(input.utf8)) }
            try? inputPipe.fileHandleForWriting.close()
            let outputBytes = output.fileHandleForReading.readDataToEndOfFile()
            group.wait()
            process.waitUntilExit()
            return Result(
                status: process.terminationStatus,
                output: String(decoding: outputBytes, as: UTF8.self),
                errorOutput: String(decoding: errorBytes.withLock { $0 }, as: UTF8.self)
            )
        }
    }

    /// Runs `body` on a dispatch thread and awaits its result.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Swift.Result { try body() }) }
        }
    }

    /// A fresh directory under the temporary directory.
    static func temporaryDirectory(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "webhookkit-examples-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
