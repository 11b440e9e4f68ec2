import Foundation
import Synchronization

/// A spawned long-running executable (the receiver) whose output is collected as it
/// comes, so a test can wait for a line (e.g. the bound port) and stop it with SIGTERM.
final class RunningProcess: Sendable {
    struct TimeoutError: Error, CustomStringConvertible {
        let description: String
    }

    private final class Buffer: Sendable {
        let text = Mutex("")
    }

    private let process: Process
    private let output = Buffer()

    init(_ name: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Executables.path(name))
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        self.process = process
        let output = self.output
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
            } else {
                output.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
            }
        }
        try process.run()
    }

    /// Everything written so far (standard output and error).
    var text: String { output.text.withLock { $0 } }

    /// Waits (up to 15 s) until the output contains `needle`.
    func waitFor(_ needle: String) async throws {
        let end = ContinuousClock.now + .seconds(15)
        while !text.contains(needle) {
            guard ContinuousClock.now < end, process.isRunning else {
                throw TimeoutError(description: "no \"\(needle)\" in output:\n\(text)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The port of the `listening on https://HOST:PORT` line.
    func listeningPort() async throws -> Int {
        try await waitFor("listening on https://")
        let line = text.split(separator: "\n").first { $0.contains("listening on https://") } ?? ""
        let afterScheme = line.split(separator: "https://").last ?? ""
        let authority = afterScheme.split(separator: " ").first ?? ""
        guard let port = authority.split(separator: ":").last.flatMap({ Int($0) }) else {
            throw TimeoutError(description: "no port in \(line)")
        }
        return port
    }

    /// Sends SIGTERM and waits for the exit status.
    func terminate() async throws -> Int32 {
        process.terminate()
        let process = self.process
        return try await Executables.blocking {
            process.waitUntilExit()
            return process.terminationStatus
        }
    }
}
