import Foundation

/// `--name value` options of a benchmark command line, with typed lookups.
struct BenchmarkOptions {
    private var values: [String: String] = [:]
    private(set) var flags: Set<String> = []

    /// Parses `--name value` pairs; names in `flagNames` take no value.
    init(_ arguments: [String], flagNames: Set<String> = []) throws {
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            guard name.hasPrefix("--") else { throw BenchmarkUsageError(message: "unexpected argument \(name)") }
            if flagNames.contains(name) {
                flags.insert(name)
                index += 1
            } else {
                guard index + 1 < arguments.count else { throw BenchmarkUsageError(message: "missing value after \(name)") }
                values[name] = arguments[index + 1]
                index += 2
            }
        }
    }

    func string(_ name: String) -> String? { values[name] }

    func int(_ name: String, default value: Int) throws -> Int {
        guard let text = values[name] else { return value }
        guard let number = Int(text.replacingOccurrences(of: "_", with: "")) else {
            throw BenchmarkUsageError(message: "\(name) takes a whole number")
        }
        return number
    }
}
