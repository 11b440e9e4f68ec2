/// Parses command-line arguments against a ``CommandSpec``.
///
/// Accepts `--name value`, `--name=value`, flags, positionals, `--` (everything after it
/// is positional) and `-h`/`--help` anywhere. Subcommands are chosen by the first
/// positional word; options of every command on the path are accepted.
///
/// ```swift
/// switch try ArgumentParser.parse(["webhooks", "show", "abc"], root) {
/// case .help(let path): print(path.helpText)
/// case .command(let arguments): try run(arguments)
/// }
/// ```
public enum ArgumentParser {
    /// What the command line asks for.
    public enum Outcome: Sendable {
        /// Run the command at the end of the path with these arguments.
        case run(ParsedArguments)
        /// Print the help of this command path and exit 0.
        case help(CommandPath)
    }

    /// Parses `arguments` (without the executable name) for `root`.
    public static func parse(_ arguments: [String], _ root: CommandSpec) throws(UsageError) -> Outcome {
        var path = CommandPath(commands: [root])
        var occurrences: [ParsedArguments.Occurrence] = []
        var positionals: [String] = []
        // `--help` anywhere (before `--`) wins over every other mistake on the line.
        var wantsHelp = arguments.prefix { $0 != "--" }.contains { $0 == "-h" || $0 == "--help" }
        var onlyPositionals = false
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                if positionals.isEmpty, !path.command.subcommands.isEmpty, !onlyPositionals {
                    guard let next = path.command.subcommand(named: argument) else {
                        if wantsHelp { break }
                        throw UsageError("unknown command \"\(argument)\" for \(path.name) (see \(path.name) --help)")
                    }
                    path.commands.append(next)
                    continue
                }
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            if argument == "-h" || argument == "--help" {
                wantsHelp = true
                continue
            }
            guard argument.hasPrefix("--") else {
                throw UsageError("unknown option \(argument) (see \(path.name) --help)")
            }
            let body = argument.dropFirst(2)
            let name: String
            var inlineValue: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                inlineValue = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
            }
            guard let spec = path.option(named: name) else {
                if wantsHelp { continue }
                throw UsageError("unknown option --\(name) for \(path.name) (see \(path.name) --help)")
            }
            let value: String?
            if spec.takesValue {
                if let inlineValue {
                    value = inlineValue
                } else if index < arguments.count {
                    value = arguments[index]
                    index += 1
                } else {
                    if wantsHelp { continue }
                    throw UsageError("--\(name) needs a value")
                }
            } else {
                guard inlineValue == nil else { throw UsageError("--\(name) takes no value") }
                value = nil
            }
            if !spec.repeatable, occurrences.contains(where: { $0.name == name }) {
                throw UsageError("--\(name) given more than once")
            }
            occurrences.append(.init(name: name, value: value))
        }
        if wantsHelp { return .help(path) }
        if !path.command.subcommands.isEmpty {
            let names = path.command.subcommands.map(\.name).joined(separator: ", ")
            throw UsageError("\(path.name) needs a command: \(names) (see \(path.name) --help)")
        }
        let required = path.command.positionals.filter { !$0.optional }
        if positionals.count < required.count {
            throw UsageError("\(path.name) needs \(required[positionals.count].name) (see \(path.name) --help)")
        }
        if positionals.count > path.command.positionals.count {
            throw UsageError("unexpected argument \"\(positionals[path.command.positionals.count])\" for \(path.name)")
        }
        return .run(ParsedArguments(path: path, occurrences: occurrences, positionals: positionals))
    }
}

/// The chain of commands chosen on a command line, root first.
public struct CommandPath: Sendable {
    /// Root command, then each chosen subcommand.
    public var commands: [CommandSpec]

    /// The command that runs.
    public var command: CommandSpec { commands[commands.count - 1] }

    /// The full command name, e.g. `webhook-dispatcher webhooks add`.
    public var name: String { commands.map(\.name).joined(separator: " ") }

    /// The names of the subcommands after the root, e.g. `["webhooks", "add"]`.
    public var subcommandNames: [String] { commands.dropFirst().map(\.name) }

    /// Every option accepted on this path.
    public var options: [OptionSpec] { commands.flatMap(\.options) }

    /// The option spec called `name`, searching the innermost command first.
    public func option(named name: String) -> OptionSpec? {
        for command in commands.reversed() {
            if let spec = command.options.first(where: { $0.name == name }) { return spec }
        }
        return nil
    }
}
