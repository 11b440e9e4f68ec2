import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A ``WebhookTransport`` over Foundation's `URLSession`, for platforms or apps where the
/// native `HTTPClientTransport` of `WebhookKitHTTP` is not available.
///
/// ## Limits
/// - **No SSRF check after resolution.** `URLSession` resolves and connects by itself, so
///   ``WebhookRequest/allowPrivateNetworks`` is enforced only for IP-literal hosts; a host
///   name whose DNS answer points at a private address is not caught. Prefer the native
///   transport where requests may target untrusted URLs.
/// - **No custom trust anchors on Linux.** It trusts what the platform trusts; the
///   demo's dev CA works only if installed in the system store.
/// - **Pooling as URLSession does it**: connection reuse and per-host limits follow the
///   session configuration (`httpMaximumConnectionsPerHost`), not WebhookKit's pool.
/// - **Coarse error classification.** `URLError` codes map to transport kinds where the
///   mapping is clear; certificate failures other than an untrusted chain may come back as
///   ``TransportError/Kind/tlsHandshake``, and ``WebhookResponse/remoteAddress`` is `nil`.
///
/// ```swift
/// let transport = URLSessionTransport()
/// let response = try await transport.send(request)
/// ```
public final class URLSessionTransport: WebhookTransport {
    private let session: URLSession
    private let defaultTimeout: Duration

    /// Creates a transport with an ephemeral session (no cookies, no cache).
    public init(defaultTimeout: Duration = .seconds(30), maxConnectionsPerHost: Int = 32) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = maxConnectionsPerHost
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
        self.defaultTimeout = defaultTimeout
    }

    /// Sends the request with `URLSession.data(for:)`.
    public func send(_ request: WebhookRequest) async throws(TransportError) -> WebhookResponse {
        if !request.allowPrivateNetworks, let scope = IPAddressClassification.scope(ofLiteral: request.endpoint.host),
           scope.requiresPrivateNetworkPermission {
            throw TransportError(.forbiddenAddress, "\(request.endpoint.host) is a \(scope) address, which private networks are not allowed to reach")
        }
        guard let url = URL(string: request.endpoint.description) else {
            throw TransportError(.protocolViolation, "endpoint \(request.endpoint) is not a valid URL")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = "POST"
        urlRequest.httpBody = Data(request.body)
        let timeout = request.timeout ?? defaultTimeout
        urlRequest.timeoutInterval = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) * 1e-18
        for field in request.headers {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError {
            throw Self.classify(error, endpoint: request.endpoint)
        } catch {
            throw TransportError(.connect, "request to \(request.endpoint) failed: \(type(of: error))")
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError(.protocolViolation, "response from \(request.endpoint) is not HTTP")
        }
        var headers = HTTPHeaders()
        for (name, value) in http.allHeaderFields {
            headers.add(name: String(describing: name), value: String(describing: value))
        }
        return WebhookResponse(statusCode: http.statusCode, headers: headers, bodyExcerpt: Array(data.prefix(WebhookResponse.excerptLimit)))
    }

    /// Maps `URLError` codes to transport kinds.
    static func classify(_ error: URLError, endpoint: WebhookEndpoint) -> TransportError {
        let detail = "\(endpoint): URLError \(error.code.rawValue)"
        switch error.code {
        case .cannotFindHost, .dnsLookupFailed: return TransportError(.dns, detail)
        case .cannotConnectToHost, .notConnectedToInternet: return TransportError(.connect, detail)
        case .timedOut: return TransportError(.timeout, detail)
        case .networkConnectionLost: return TransportError(.reset, detail)
        case .serverCertificateUntrusted, .serverCertificateHasUnknownRoot: return TransportError(.tlsUntrusted, detail)
        case .serverCertificateHasBadDate, .serverCertificateNotYetValid: return TransportError(.tlsExpired, detail)
        case .secureConnectionFailed, .clientCertificateRejected, .clientCertificateRequired: return TransportError(.tlsHandshake, detail)
        case .badServerResponse, .cannotParseResponse: return TransportError(.protocolViolation, detail)
        default: return TransportError(.connect, detail)
        }
    }
}
