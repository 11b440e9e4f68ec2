/// The options and positionals of a parsed command line, with typed accessors that
/// throw a ``UsageError`` naming the option when a value does not fit.
public struct ParsedArguments: Sendable {
    /// One `--name [value]` as it appeared, in order.
    public struct Occurrence: Sendable, Hashable {
        /// The option name without dashes.
        public let name: String
        /// The value; `nil` for flags.
        public let value: String?
    }

    /// The commands chosen.
    public let path: CommandPath
    /// Every option in command-line order (order matters for pairs like `--on … --exec …`).
    public let occurrences: [Occurrence]
    /// Positional arguments in order.
    public let positionals: [String]

    /// Creates parsed arguments (the parser does this).
    public init(path: CommandPath, occurrences: [Occurrence], positionals: [String]) {
        self.path = path
        self.occurrences = occurrences
        self.positionals = positionals
    }

    /// Whether the flag or option was given.
    public func has(_ name: String) -> Bool {
        occurrences.contains { $0.name == name }
    }

    /// The value of an option given once, or `nil`.
    public func string(_ name: String) -> String? {
        occurrences.last { $0.name == name }?.value
    }

    /// Every value of a repeatable option, in order.
    public func strings(_ name: String) -> [String] {
        occurrences.compactMap { $0.name == name ? $0.value : nil }
    }

    /// The value of a required option.
    public func required(_ name: String) throws(UsageError) -> String {
        guard let value = string(name) else { throw UsageError("--\(name) is required") }
        return value
    }

    /// An integer option within `range`.
    public func integer(_ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(UsageError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text) else { throw UsageError("--\(name): \"\(text)\" is not a whole number") }
        guard range.contains(value) else {
            throw UsageError("--\(name): \(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// A duration option such as `30s`, `2m`, `1h` or `250ms`.
    public func duration(_ name: String) throws(UsageError) -> Duration? {
        guard let text = string(name) else { return nil }
        guard let value = DurationText.parse(text) else {
            throw UsageError("--\(name): \"\(text)\" is not a duration (use e.g. 250ms, 30s, 2m, 1h)")
        }
        return value
    }

    /// A comma-separated list option; empty items are dropped.
    public func list(_ name: String) -> [String]? {
        string(name).map { $0.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty } }
    }

    /// The positional argument at `index`, if given.
    public func positional(_ index: Int) -> String? {
        positionals.indices.contains(index) ? positionals[index] : nil
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmed: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
