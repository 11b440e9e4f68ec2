import Foundation

/// The receiving half, independent of any HTTP server: authenticates a webhook call,
/// verifies its signature, decodes it, stores each notification exactly once and calls
/// the handlers registered for what it carries.
///
/// Put it behind any server by passing method, headers and body to ``handle(method:headers:body:)``;
/// `WebhookKitHTTP` serves it over HTTPS directly.
///
/// ```swift
/// var receiver = WebhookReceiver(configuration: .init(
///     authorization: .basic(username: "hub", password: secret)))
/// receiver.onStatus("RoomAnalytics.PeopleCount.Current") { notification, update in
///     print(notification.deviceId ?? "-", update.value)
/// }
/// let response = await receiver.handle(method: "POST", headers: headers, body: body)
/// ```
public struct WebhookReceiver: Sendable {
    /// How a receiver checks and stores calls.
    public struct Configuration: Sendable {
        /// The credentials callers must send in `Authorization`; `nil` accepts any caller.
        public var authorization: WebhookAuthorization?
        /// Secrets `webhook-signature` must verify with; empty skips signature checks.
        public var signingSecrets: [SigningSecret]
        /// HMAC for signature checks (required when there are secrets).
        public var hmac: (any HMACSHA256)?
        /// How far `webhook-timestamp` may be from now.
        public var timestampTolerance: Duration
        /// Size and depth limits of bodies.
        public var decoder: WireDecoder.Configuration
        /// Where accepted notifications go.
        public var store: any NotificationStore

        /// Creates a configuration.
        public init(
            authorization: WebhookAuthorization?,
            signingSecrets: [SigningSecret] = [],
            hmac: (any HMACSHA256)? = nil,
            timestampTolerance: Duration = .seconds(300),
            decoder: WireDecoder.Configuration = .init(),
            store: any NotificationStore = InMemoryNotificationStore()
        ) {
            self.authorization = authorization
            self.signingSecrets = signingSecrets
            self.hmac = hmac
            self.timestampTolerance = timestampTolerance
            self.decoder = decoder
            self.store = store
        }
    }

    /// A status handler: the notification and one subscribed update in it.
    public typealias StatusHandler = @Sendable (DeviceNotification, StatusChange.Update) async -> Void
    /// An event handler: the notification and one subscribed event in it.
    public typealias EventHandler = @Sendable (DeviceNotification, DeviceEvent) async -> Void

    /// The configuration.
    public let configuration: Configuration
    /// Counters of what the receiver did.
    public let metrics: ReceiverMetrics
    private var statusHandlers: [(PathPattern, StatusHandler)] = []
    private var eventHandlers: [(PathPattern, EventHandler)] = []
    private var notificationHandlers: [@Sendable (DeviceNotification) async -> Void] = []
    private let decoder: WireDecoder

    /// Creates a receiver.
    public init(configuration: Configuration, metrics: ReceiverMetrics = ReceiverMetrics()) {
        self.configuration = configuration
        self.metrics = metrics
        self.decoder = WireDecoder(configuration: configuration.decoder)
    }

    /// Calls `handler` for every newly stored status update whose path matches `pattern`.
    public mutating func onStatus(_ pattern: PathPattern, _ handler: @escaping StatusHandler) {
        statusHandlers.append((pattern, handler))
    }

    /// Calls `handler` for every newly stored event whose key matches `pattern`.
    public mutating func onEvent(_ pattern: PathPattern, _ handler: @escaping EventHandler) {
        eventHandlers.append((pattern, handler))
    }

    /// Calls `handler` for every newly stored notification.
    public mutating func onNotification(_ handler: @escaping @Sendable (DeviceNotification) async -> Void) {
        notificationHandlers.append(handler)
    }

    /// Handles one HTTP request: `401` for bad credentials or signatures, `400` for a
    /// malformed body, `503` when the store fails, `200` once every notification in it is
    /// stored (a duplicate counts as stored). Handlers run after storing; they cannot
    /// change the answer.
    public func handle(method: String, headers: HTTPHeaders, body: [UInt8], now: Date = Date()) async -> ReceiverResponse {
        metrics.recordReceived()
        guard method == "POST" else {
            metrics.recordRejected(.method)
            var response = ReceiverResponse.error(405, "only POST is accepted")
            response.headers.add(name: "Allow", value: "POST")
            return response
        }
        if let authorization = configuration.authorization, !authorization.verify(headerValue: headers["Authorization"]) {
            metrics.recordRejected(.unauthorized)
            return .error(401, "missing or wrong credentials")
        }
        if !configuration.signingSecrets.isEmpty {
            guard let hmac = configuration.hmac else {
                metrics.recordRejected(.unauthorized)
                return .error(500, "signature checking is not configured")
            }
            do {
                try WebhookSignature.verify(
                    header: headers[WebhookSignature.HeaderName.signature],
                    messageID: headers[WebhookSignature.HeaderName.id],
                    timestampHeader: headers[WebhookSignature.HeaderName.timestamp],
                    body: body, secrets: configuration.signingSecrets, hmac: hmac,
                    now: now, tolerance: configuration.timestampTolerance
                )
            } catch {
                metrics.recordRejected(.signature)
                return .error(401, "signature rejected: \(error)")
            }
        }
        let notifications: [DeviceNotification]
        do {
            notifications = try decode(body)
        } catch {
            metrics.recordRejected(.malformed)
            return .error(400, error.description)
        }
        var stored: [DeviceNotification] = []
        var duplicates = 0
        for notification in notifications {
            do {
                if try await configuration.store.insertIfAbsent(notification) {
                    stored.append(notification)
                } else {
                    duplicates += 1
                }
            } catch {
                metrics.recordRejected(.storeFailure)
                return .error(503, "the notification could not be stored")
            }
        }
        metrics.recordStored(stored.count, duplicates: duplicates)
        for notification in stored { await dispatch(notification) }
        let summary = JSONObject([("stored", .integer(Int64(stored.count))), ("duplicates", .integer(Int64(duplicates)))])
        return ReceiverResponse(status: 200, body: WireEncoder().encode(.object(summary)))
    }

    /// A single notification, or every one of a `{"messages":[…]}` batch.
    private func decode(_ body: [UInt8]) throws(WireDecodingError) -> [DeviceNotification] {
        Self.isBatch(body) ? try decoder.decodeBatch(body) : [try decoder.decode(body)]
    }

    private static let batchKey = Array(#""messages""#.utf8)

    /// Whether the body's first member is `"messages"`, looked up without allocating.
    private static func isBatch(_ body: [UInt8]) -> Bool {
        var index = 0
        var seenBrace = false
        while index < body.count {
            switch body[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            case UInt8(ascii: "{") where !seenBrace:
                seenBrace = true
                index += 1
            default:
                return seenBrace && body[index...].starts(with: batchKey)
            }
        }
        return false
    }

    private func dispatch(_ notification: DeviceNotification) async {
        for handler in notificationHandlers { await handler(notification) }
        switch notification.body {
        case .status(let change):
            for update in change.updated {
                for (pattern, handler) in statusHandlers where pattern.matches(update.path) {
                    await handler(notification, update)
                }
            }
        case .events(let events):
            for event in events {
                for (pattern, handler) in eventHandlers where pattern.matches(event.key) {
                    await handler(notification, event)
                }
            }
        case .healthCheck, .test:
            break
        }
    }
}
