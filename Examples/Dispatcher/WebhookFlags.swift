import WebhookKit
import WebhookKitCLI

/// The flags of `webhooks add` and `webhooks update`, turned into a configuration.
///
/// Problems a flag's text already shows (an unreadable duration, `--basic` without a
/// colon, both `--devices` and `--workspaces`) are collected as validation problems, so
/// together with the dispatcher's own validation every problem is listed at once.
enum WebhookFlags {
    static let options: [OptionSpec] = [
        .value("name", "NAME", "A name for people."),
        .value("url", "URL", "The receiver's https URL."),
        .value("basic", "USER:PASSWORD", "Authenticate with HTTP Basic."),
        .value("token", "TOKEN", "Send TOKEN verbatim as the Authorization header."),
        .value("devices", "all|ID,ID…", "Which devices feed the webhook (default all)."),
        .value("workspaces", "ID,ID…", "Feed the webhook from the devices of these workspaces."),
        .value("topics", "PATTERN,PATTERN…", "Statuses and events to deliver, e.g. RoomAnalytics.*,CallSuccessful."),
        .value("activation-delay", "DURATION", "Wait before the first delivery (default 2m; 0 allowed)."),
        .value("signing-secret", "whsec_…", "Sign deliveries (Standard Webhooks webhook-signature)."),
        .flag("allow-private-networks", "Allow loopback and private addresses (test setups only)."),
        .flag("accept-2xx", "Count any 2xx answer as delivered (default: only 200)."),
    ]

    /// A new configuration from the flags; missing required flags become empty values,
    /// which validation reports.
    static func draft(_ arguments: ParsedArguments) -> (WebhookConfiguration, [ValidationError.Problem]) {
        var configuration = WebhookConfiguration(
            id: WebhookID(""), name: "", url: "", authorization: .token(""), dataSource: .allDevices, topics: []
        )
        var problems: [ValidationError.Problem] = []
        if !arguments.has("basic"), !arguments.has("token") {
            problems.append(.init(field: "authorization", code: .empty, reason: "give --basic USER:PASSWORD or --token TOKEN"))
        }
        apply(arguments, to: &configuration, problems: &problems)
        return (configuration, problems)
    }

    /// Applies the flags that were given to `configuration`.
    static func apply(_ arguments: ParsedArguments, to configuration: inout WebhookConfiguration, problems: inout [ValidationError.Problem]) {
        if let name = arguments.string("name") { configuration.name = name }
        if let url = arguments.string("url") { configuration.url = url }
        switch (arguments.string("basic"), arguments.string("token")) {
        case (.some, .some):
            problems.append(.init(field: "authorization", code: .empty, reason: "give either --basic or --token, not both"))
        case (let basic?, nil):
            if let colon = basic.firstIndex(of: ":") {
                configuration.authorization = .basic(
                    username: String(basic[..<colon]), password: String(basic[basic.index(after: colon)...])
                )
            } else {
                problems.append(.init(field: "authorization", code: .empty, reason: "--basic must be USER:PASSWORD"))
            }
        case (nil, let token?):
            configuration.authorization = .token(token)
        case (nil, nil):
            break
        }
        if arguments.has("devices"), arguments.has("workspaces") {
            problems.append(.init(field: "dataSource", code: .empty, reason: "give either --devices or --workspaces, not both"))
        } else if let devices = arguments.list("devices") {
            configuration.dataSource = devices == ["all"] ? .allDevices : .devices(Set(devices.map { DeviceID($0) }))
        } else if let workspaces = arguments.list("workspaces") {
            configuration.dataSource = .workspaces(Set(workspaces.map { WorkspaceID($0) }))
        }
        if let topics = arguments.list("topics") { configuration.topics = topics }
        if let text = arguments.string("activation-delay") {
            if let delay = DurationText.parse(text) {
                configuration.activationDelay = delay
            } else {
                problems.append(.init(field: "activationDelay", code: .invalidDuration, reason: "\"\(text)\" is not a duration (use e.g. 0, 30s, 2m)"))
            }
        }
        if let secret = arguments.string("signing-secret") { configuration.signingSecret = secret }
        if arguments.has("allow-private-networks") { configuration.allowPrivateNetworks = true }
        if arguments.has("accept-2xx") { configuration.successPolicy = .any2xx }
    }

    /// Prints every problem to standard error and ends with exit status 2.
    static func fail(_ problems: [ValidationError.Problem]) -> ExitStatus {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        StandardStreams.writeError("error: invalid webhook configuration (\(count)):\n")
        for problem in problems { StandardStreams.writeError("  \(problem.field): \(problem.reason)\n") }
        return .usage
    }
}
