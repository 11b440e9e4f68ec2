/// A mistake on the command line: an unknown option, a missing or malformed value.
///
/// Printed as one line, `error: <message>`, and the process exits with status 2.
/// Messages name the option and the reason and never repeat a secret value.
public struct UsageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The one-line reason, e.g. `--threads: "x" is not a whole number`.
    public let message: String

    /// Creates an error with a one-line reason (newlines are replaced by spaces).
    public init(_ message: String) {
        self.message = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// The reason.
    public var description: String { message }
}

/// Ends a command with a given exit status once it has printed its own messages
/// (e.g. every validation problem of a webhook, then status 2).
public struct ExitStatus: Error, Sendable, Hashable {
    /// The process exit status.
    public let code: Int32

    /// Creates an exit request.
    public init(_ code: Int32) {
        self.code = code
    }

    /// Success.
    public static let success = ExitStatus(0)
    /// A runtime failure.
    public static let failure = ExitStatus(1)
    /// A usage error.
    public static let usage = ExitStatus(2)
}
