/// A command-line mistake in a benchmark's options, printed as the message.
struct BenchmarkUsageError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
