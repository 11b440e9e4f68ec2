/// Writes the Prometheus text exposition format: `# HELP`/`# TYPE` lines and samples
/// with escaped label values.
struct PrometheusWriter {
    private(set) var text = ""

    /// Appends the `# HELP` and `# TYPE` lines of a metric family.
    mutating func header(_ name: String, _ type: String, _ help: String) {
        text += "# HELP \(name) \(Self.escape(help, quotes: false))\n# TYPE \(name) \(type)\n"
    }

    /// Appends one sample line.
    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: some BinaryInteger) {
        sample(name, labels, String(value))
    }

    /// Appends one sample line with a pre-formatted value.
    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: String) {
        text += name
        if !labels.isEmpty {
            text += "{"
            text += labels.map { "\($0.0)=\"\(Self.escape($0.1, quotes: true))\"" }.joined(separator: ",")
            text += "}"
        }
        text += " \(value)\n"
    }

    /// Escapes `\` and newline (and `"` in label values), as the format requires.
    static func escape(_ value: String, quotes: Bool) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\"" where quotes: escaped += "\\\""
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// A float in the format's syntax: integers without a fraction, `+Inf`, `-Inf`, `NaN`.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
