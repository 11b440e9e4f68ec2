import Foundation

/// Runs an executable's main body with the exit-status conventions every example shares:
/// `--help` prints help and exits 0; a ``UsageError`` prints `error: <reason>` on one line
/// and exits 2; an ``ExitStatus`` exits with its code; any other error prints
/// `error: <description>` and exits 1.
///
/// ```swift
/// await CommandLineTool.main(spec) { arguments in
///     try await run(arguments)
/// }
/// ```
public enum CommandLineTool {
    /// Parses the process arguments for `spec`, runs `body` and exits.
    public static func main(
        _ spec: CommandSpec,
        arguments: [String] = Array(CommandLine.arguments.dropFirst()),
        _ body: (ParsedArguments) async throws -> Void
    ) async -> Never {
        exit(await run(spec, arguments: arguments, body))
    }

    /// Parses `arguments` for `spec`, runs `body` and returns the exit status.
    public static func run(
        _ spec: CommandSpec,
        arguments: [String],
        _ body: (ParsedArguments) async throws -> Void
    ) async -> Int32 {
        do {
            switch try ArgumentParser.parse(arguments, spec) {
            case .help(let path):
                StandardStreams.writeOutput(path.helpText)
                return 0
            case .run(let parsed):
                try await body(parsed)
                return 0
            }
        } catch let error as UsageError {
            StandardStreams.writeError("error: \(error.message)\n")
            return 2
        } catch let status as ExitStatus {
            return status.code
        } catch {
            let text = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: "; ")
            StandardStreams.writeError("error: \(text)\n")
            return 1
        }
    }
}
