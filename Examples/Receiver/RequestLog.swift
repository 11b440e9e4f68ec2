import WebhookKit
import WebhookKitCLI

/// The receiver's log: one line per request (time, method, target, device, type, paths,
/// status, latency) and operational lines, on standard output. Never a credential,
/// signature or body.
struct RequestLog: Sendable {
    /// What a request line shows of the notification, when it was accepted.
    struct Summary: Sendable {
        var device = "-"
        var type = "-"
        var paths = "-"
    }

    /// Writes an operational line.
    func info(_ message: String) {
        StandardStreams.writeOutput("\(Timestamp.now) \(message)\n")
    }

    /// Writes the line of one request.
    func request(method: String, target: String, summary: Summary, status: Int, latency: Duration) {
        let safeTarget = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
        info("\(method) \(Self.printable(safeTarget)) device=\(summary.device) type=\(summary.type) paths=\(summary.paths) status=\(status) latency=\(Self.milliseconds(latency))")
    }

    /// What an accepted body carries: device, type and paths of its (first) notification,
    /// and how many more a batch holds.
    static func summary(of body: [UInt8], maximumSize: Int) -> Summary {
        let decoder = WireDecoder(configuration: .init(maximumInputSize: maximumSize))
        let notifications: [DeviceNotification]
        if let batch = try? decoder.decodeBatch(body) {
            notifications = batch
        } else if let single = try? decoder.decode(body) {
            notifications = [single]
        } else {
            return Summary()
        }
        guard let first = notifications.first else { return Summary(type: "batch(0)") }
        let paths: [String] = switch first.body {
        case .status(let change): change.paths.map(\.rawValue)
        case .events(let events): events.map(\.key.rawValue)
        case .healthCheck, .test: []
        }
        var summary = Summary(
            device: printable(first.deviceId?.rawValue ?? "-"),
            type: first.kind.rawValue,
            paths: paths.isEmpty ? "-" : printable(paths.prefix(8).joined(separator: ",") + (paths.count > 8 ? ",…" : ""))
        )
        if notifications.count > 1 { summary.type += "+\(notifications.count - 1)" }
        return summary
    }

    /// `1.2ms`.
    static func milliseconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) * 1e-15
        return String(Double(Int((value * 10).rounded())) / 10) + "ms"
    }

    /// The text with control characters and spaces replaced, so a line stays one line.
    static func printable(_ text: String) -> String {
        String(text.prefix(200).unicodeScalars.map { $0.properties.generalCategory == .control || $0 == " " ? "_" : Character($0) })
    }
}
