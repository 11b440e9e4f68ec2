/// Durations on the command line: a number and a unit, `250ms`, `30s`, `2m`, `1h`,
/// `1.5s`, or several joined (`1m30s`). A bare `0` is zero.
public enum DurationText {
    /// The duration `text` spells, or `nil` when it is not one.
    public static func parse(_ text: String) -> Duration? {
        if text == "0" { return .zero }
        var total: Duration = .zero
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isASCII && $0.isLetter }
            rest = rest.dropFirst(unit.count)
            guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
            let milliseconds: Double
            switch unit {
            case "ms": milliseconds = value
            case "s": milliseconds = value * 1000
            case "m": milliseconds = value * 60_000
            case "h": milliseconds = value * 3_600_000
            default: return nil
            }
            guard milliseconds < 1e15 else { return nil }
            total += .milliseconds(Int64(milliseconds.rounded()))
        }
        return total
    }

    /// A short text for a duration: `250ms`, `30s`, `2m`, `1h30m`.
    public static func format(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if milliseconds == 0 { return "0s" }
        if milliseconds % 1000 != 0 { return "\(milliseconds)ms" }
        var seconds = milliseconds / 1000
        var text = ""
        if seconds >= 3600 { text += "\(seconds / 3600)h"; seconds %= 3600 }
        if seconds >= 60 { text += "\(seconds / 60)m"; seconds %= 60 }
        if seconds > 0 { text += "\(seconds)s" }
        return text
    }
}
