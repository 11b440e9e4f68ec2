/// One `--name` a command accepts: a flag, or an option taking a value.
///
/// Specs are plain data, so a command's whole interface reads as one list and the help
/// text is generated from the same list that drives parsing.
///
/// ```swift
/// let listen = OptionSpec.value("listen", "HOST:PORT", "Address to serve on.")
/// let verbose = OptionSpec.flag("verbose", "Log every request.")
/// ```
public struct OptionSpec: Sendable, Hashable {
    /// Whether the option takes a value.
    public enum Kind: Sendable, Hashable {
        /// Present or absent; takes no value.
        case flag
        /// Takes one value, shown in help as `placeholder`.
        case value(placeholder: String)
    }

    /// The long name without dashes (`listen` for `--listen`).
    public let name: String
    /// Flag or value.
    public let kind: Kind
    /// One sentence for `--help`.
    public let help: String
    /// Whether the option may be given more than once (otherwise a repeat is an error).
    public let repeatable: Bool

    /// Creates a spec; prefer ``flag(_:_:)`` and ``value(_:_:_:repeatable:)``.
    public init(name: String, kind: Kind, help: String, repeatable: Bool = false) {
        self.name = name
        self.kind = kind
        self.help = help
        self.repeatable = repeatable
    }

    /// A flag: `--name`.
    public static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .flag, help: help)
    }

    /// An option with a value: `--name VALUE` or `--name=VALUE`.
    public static func value(_ name: String, _ placeholder: String, _ help: String, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, kind: .value(placeholder: placeholder), help: help, repeatable: repeatable)
    }

    /// Whether the option takes a value.
    public var takesValue: Bool {
        if case .value = kind { return true }
        return false
    }

    /// `--name` or `--name PLACEHOLDER`, as shown in help.
    public var synopsis: String {
        switch kind {
        case .flag: "--\(name)"
        case .value(let placeholder): "--\(name) \(placeholder)"
        }
    }
}

/// A positional argument a command takes, such as the `ID` of `webhooks show ID`.
public struct PositionalSpec: Sendable, Hashable {
    /// The name shown in usage and errors, e.g. `ID`.
    public let name: String
    /// One sentence for `--help`.
    public let help: String
    /// Whether it may be left out.
    public let optional: Bool

    /// Creates a positional argument.
    public init(_ name: String, _ help: String, optional: Bool = false) {
        self.name = name
        self.help = help
        self.optional = optional
    }
}
