import Foundation

/// Runs Python with the `standardwebhooks` package, installing it from PyPI when missing.
enum PythonStandardWebhooks {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Imports the package, `pip install`s it if that fails, and throws (failing the test)
    /// if it still cannot be imported.
    static func ensureInstalled() throws {
        if try run(script: "import standardwebhooks", arguments: []).status == 0 { return }
        let install = try execute(["python3", "-m", "pip", "install", "--quiet", "standardwebhooks"], input: [])
        guard install.status == 0, try run(script: "import standardwebhooks", arguments: []).status == 0 else {
            throw Failure(description: "could not install the standardwebhooks package: \(install.stderr)")
        }
    }

    static func run(script: String, arguments: [String], input: [UInt8] = []) throws -> Output {
        try execute(["python3", "-c", script] + arguments, input: input)
    }

    private static func execute(_ command: [String], input: [UInt8]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let errors = stderr.fileHandleForReading
        let errorData = LockedData()
        let reader = Thread { errorData.set(errors.readDataToEndOfFile()) }
        reader.start()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1_000) }
        return Output(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: errorData.value, as: UTF8.self))
    }
}

/// Data handed from the stderr reader thread; the lock makes it safe to share.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.withLock { data = value } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}
