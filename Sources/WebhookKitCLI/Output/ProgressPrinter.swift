/// Shows a progress line: redrawn in place on a terminal, printed as plain lines every
/// `plainInterval` otherwise (so logs and pipes get a readable history).
///
/// ```swift
/// var progress = ProgressPrinter()
/// progress.update(DeliveryReport.progressLine(snapshot), now: .now)   // call often
/// progress.finish()
/// ```
public struct ProgressPrinter: Sendable {
    /// Whether the line is redrawn in place.
    public let isTerminal: Bool
    /// How often a plain line is printed when not on a terminal.
    public let plainInterval: Duration
    private var lastPlain: ContinuousClock.Instant?
    private var drewLine = false

    /// Creates a printer for standard output.
    public init(isTerminal: Bool = StandardStreams.outputIsTerminal, plainInterval: Duration = .seconds(5)) {
        self.isTerminal = isTerminal
        self.plainInterval = plainInterval
    }

    /// Shows `line` (on a terminal at once; otherwise when `plainInterval` has passed).
    public mutating func update(_ line: String, now: ContinuousClock.Instant = .now) {
        if isTerminal {
            StandardStreams.writeOutput("\r\u{1B}[K" + line)
            drewLine = true
        } else if lastPlain.map({ now - $0 >= plainInterval }) ?? true {
            StandardStreams.writeOutput(line + "\n")
            lastPlain = now
        }
    }

    /// Ends a redrawn line so later output starts on a fresh one.
    public mutating func finish() {
        if drewLine { StandardStreams.writeOutput("\n") }
        drewLine = false
    }
}
