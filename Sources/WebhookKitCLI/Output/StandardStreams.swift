import Foundation

/// Unbuffered writes to standard output and standard error, safe from any thread, so
/// lines from concurrent tasks never interleave mid-line and nothing is lost on exit.
public enum StandardStreams {
    /// Writes `text` to standard output at once.
    public static func writeOutput(_ text: String) {
        write(text, to: FileHandle.standardOutput)
    }

    /// Writes `text` to standard error at once.
    public static func writeError(_ text: String) {
        write(text, to: FileHandle.standardError)
    }

    /// Whether standard output is a terminal (progress lines redraw only then).
    public static var outputIsTerminal: Bool {
        isatty(STDOUT_FILENO) == 1
    }

    private static func write(_ text: String, to handle: FileHandle) {
        try? handle.write(contentsOf: Data(text.utf8))
    }
}
