import WebhookKit
import WebhookKitCLI

/// The receiver's command line, checked and typed.
struct ReceiverOptions: Sendable {
    var host: String
    var port: Int
    var certificatePath: String
    var privateKeyPath: String
    var authorization: WebhookAuthorization
    var signingSecret: SigningSecret?
    var storePath: String?
    var maximumBodyBytes: Int
    var threads: Int?
    var triggers: [Trigger]
    var triggerTimeout: Duration
    var trustCA: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        (host, port) = try Self.address(try arguments.required("listen"))
        certificatePath = try arguments.required("cert")
        privateKeyPath = try arguments.required("key")
        switch (arguments.string("basic"), arguments.string("token")) {
        case (let basic?, nil):
            guard let colon = basic.firstIndex(of: ":") else {
                throw UsageError("--basic must be USER:PASSWORD")
            }
            authorization = .basic(username: String(basic[..<colon]), password: String(basic[basic.index(after: colon)...]))
        case (nil, let token?):
            guard !token.isEmpty else { throw UsageError("--token must not be empty") }
            authorization = .token(token)
        case (nil, nil):
            throw UsageError("give --basic USER:PASSWORD or --token TOKEN")
        case (.some, .some):
            throw UsageError("give either --basic or --token, not both")
        }
        if let text = arguments.string("signing-secret") {
            do {
                signingSecret = try SigningSecret(text)
            } catch {
                throw UsageError("--signing-secret: \(error)")
            }
        }
        storePath = arguments.string("store")
        maximumBodyBytes = try arguments.integer("max-body", in: 64...(64 << 20)) ?? (1 << 20)
        threads = try arguments.integer("threads", in: 1...256)
        triggerTimeout = try arguments.duration("trigger-timeout") ?? .seconds(30)
        trustCA = arguments.string("trust-ca")
        triggers = try Trigger.parse(arguments.occurrences)
    }

    /// Splits `HOST:PORT` (`[v6]:PORT` for IPv6).
    static func address(_ text: String) throws(UsageError) -> (String, Int) {
        guard let colon = text.lastIndex(of: ":") else {
            throw UsageError("--listen must be HOST:PORT, e.g. 127.0.0.1:8443")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port), !host.isEmpty else {
            throw UsageError("--listen must be HOST:PORT with a port in 0...65535")
        }
        return (host, port)
    }
}
