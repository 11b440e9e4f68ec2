import Foundation

/// Runs a command line with `/bin/sh -c`, feeding it bytes on standard input, with extra
/// environment variables and a time limit after which it is terminated (then killed).
///
/// Output is collected line by line (standard error merged in) and capped, so a chatty
/// command cannot exhaust memory.
///
/// ```swift
/// let result = await ShellCommand(command: "jq .deviceId", environment: ["VALUE": "3"])
///     .run(input: body, timeout: .seconds(30))
/// ```
public struct ShellCommand: Sendable {
    /// How a run ended.
    public struct Result: Sendable, Hashable {
        /// The exit status, or the signal number when ``timedOut`` or killed.
        public var status: Int32
        /// Whether the time limit ended it.
        public var timedOut: Bool
        /// Output lines (standard output and standard error), at most ``ShellCommand/maximumOutputLines``.
        public var outputLines: [String]

        /// Whether the command exited with status 0 in time.
        public var succeeded: Bool { status == 0 && !timedOut }
    }

    /// The most output lines kept per run.
    public static let maximumOutputLines = 200

    /// The command line given to `/bin/sh -c`.
    public let command: String
    /// Variables added to (or replacing in) the inherited environment.
    public let environment: [String: String]

    /// Creates a command.
    public init(command: String, environment: [String: String] = [:]) {
        self.command = command
        self.environment = environment
    }

    /// Runs the command to its end or until `timeout`; a launch failure throws.
    public func run(input: [UInt8], timeout: Duration) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let inputPipe = Pipe()
        let outputPipe = Pipe()
        process.standardInput = inputPipe
        process.standardOutput = outputPipe
        process.standardError = outputPipe
        let exited = ProcessExit()
        process.terminationHandler = { finished in exited.signal(finished.terminationStatus) }
        try process.run()
        let reader = Task.detached { Self.readLines(outputPipe.fileHandleForReading) }
        let writer = Task.detached {
            try? inputPipe.fileHandleForWriting.write(contentsOf: Data(input))
            try? inputPipe.fileHandleForWriting.close()
        }
        let timedOut = await exited.wait(timeout: timeout) == nil
        if timedOut {
            process.terminate()
            if await exited.wait(timeout: .seconds(2)) == nil {
                kill(process.processIdentifier, SIGKILL)
            }
        }
        let status = await exited.wait(timeout: .seconds(5)) ?? SIGKILL
        await writer.value
        let lines = await reader.value
        return Result(status: status, timedOut: timedOut, outputLines: lines)
    }

    /// Reads until end of file, keeping the first lines.
    private static func readLines(_ handle: FileHandle) -> [String] {
        var lines: [String] = []
        var pending = Data()
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: 0x0A) {
                if lines.count < maximumOutputLines {
                    lines.append(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                }
                pending.removeSubrange(pending.startIndex...newline)
            }
        }
        if !pending.isEmpty, lines.count < maximumOutputLines {
            lines.append(String(decoding: pending, as: UTF8.self))
        }
        return lines
    }
}
