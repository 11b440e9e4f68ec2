/// A command's interface: its options, positional arguments and subcommands, from which
/// ``ArgumentParser`` parses and ``CommandSpec/helpText(parents:)`` writes `--help`.
///
/// Options of a command are accepted by all its subcommands too, so a shared option such
/// as `--store` is declared once on the root.
///
/// ```swift
/// let show = CommandSpec(name: "show", summary: "Shows one webhook.",
///                        positionals: [PositionalSpec("ID", "The webhook id.")])
/// let root = CommandSpec(name: "webhook-dispatcher", summary: "…",
///                        options: [.value("store", "PATH", "The SQLite file.")],
///                        subcommands: [show])
/// ```
public struct CommandSpec: Sendable, Hashable {
    /// The word that selects this command (the executable name for the root).
    public var name: String
    /// One sentence shown in the parent's command list and at the top of `--help`.
    public var summary: String
    /// Usage lines after the command path, e.g. `--listen HOST:PORT --cert FILE …`;
    /// empty derives one from the options and positionals.
    public var usage: [String]
    /// Options this command adds to those of its parents.
    public var options: [OptionSpec]
    /// Positional arguments, in order.
    public var positionals: [PositionalSpec]
    /// Subcommands; when present, one must be chosen.
    public var subcommands: [CommandSpec]
    /// Extra paragraphs at the end of `--help` (examples, exit codes).
    public var discussion: String

    /// Creates a command spec.
    public init(
        name: String,
        summary: String,
        usage: [String] = [],
        options: [OptionSpec] = [],
        positionals: [PositionalSpec] = [],
        subcommands: [CommandSpec] = [],
        discussion: String = ""
    ) {
        self.name = name
        self.summary = summary
        self.usage = usage
        self.options = options
        self.positionals = positionals
        self.subcommands = subcommands
        self.discussion = discussion
    }

    /// The subcommand called `name`, if any.
    public func subcommand(named name: String) -> CommandSpec? {
        subcommands.first { $0.name == name }
    }
}
