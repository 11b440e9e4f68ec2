extension CommandPath {
    /// The `--help` text of the chosen command: summary, usage, commands, arguments,
    /// options (its own and inherited), discussion and exit codes.
    public var helpText: String {
        let command = self.command
        var lines = [command.summary, ""]
        let usageLines = command.usage.isEmpty ? [derivedUsage] : command.usage
        for (index, usage) in usageLines.enumerated() {
            lines.append((index == 0 ? "Usage: " : "       ") + "\(name) \(usage)")
        }
        if !command.subcommands.isEmpty {
            lines += ["", "Commands:"]
            lines += Self.columns(command.subcommands.map { ($0.name, $0.summary) })
        }
        if !command.positionals.isEmpty {
            lines += ["", "Arguments:"]
            lines += Self.columns(command.positionals.map { ($0.name, $0.help) })
        }
        let options = self.options + [.flag("help", "Shows this help.")]
        lines += ["", "Options:"]
        lines += Self.columns(options.map { ($0.synopsis, $0.help + ($0.repeatable ? " (repeatable)" : "")) })
        if !command.discussion.isEmpty {
            lines += ["", command.discussion]
        }
        lines += ["", "Exit status: 0 success, 1 runtime failure, 2 usage error."]
        return lines.joined(separator: "\n") + "\n"
    }

    private var derivedUsage: String {
        var parts: [String] = []
        if !command.subcommands.isEmpty { parts.append("COMMAND") }
        parts.append(contentsOf: command.positionals.map { $0.optional ? "[\($0.name)]" : $0.name })
        if !options.isEmpty { parts.append("[options]") }
        return parts.joined(separator: " ")
    }

    private static func columns(_ rows: [(String, String)]) -> [String] {
        let width = min(36, rows.map(\.0.count).max() ?? 0)
        return rows.map { left, right in
            if left.count > width { return "  \(left)\n  \(String(repeating: " ", count: width))  \(right)" }
            return "  \(left)\(String(repeating: " ", count: width - left.count))  \(right)"
        }
    }
}
