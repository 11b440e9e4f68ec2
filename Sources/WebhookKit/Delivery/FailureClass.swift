/// Why one delivery attempt failed, in a form fit for metric labels and logs.
///
/// ```swift
/// FailureClass.status(503).label          // "http_503"
/// FailureClass.status(503).metricClass    // "http_5xx"
/// FailureClass.transport(.tlsUntrusted).label   // "tlsUntrusted"
/// ```
///
/// Encoded in JSON as its ``label``.
public enum FailureClass: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The endpoint answered with a status code that is not a success.
    case status(Int)
    /// No HTTP response arrived; the transport classified the failure.
    case transport(TransportError.Kind)

    /// The exact label: `http_<code>` for a status, the ``TransportError/Kind`` label
    /// otherwise.
    public var label: String {
        switch self {
        case .status(let code): "http_\(code)"
        case .transport(let kind): kind.rawValue
        }
    }

    /// The status code class, `4xx`, `5xx` or `other`; `nil` for transport failures.
    public var statusClass: String? {
        guard case .status(let code) = self else { return nil }
        switch code {
        case 400...499: return "4xx"
        case 500...599: return "5xx"
        default: return "other"
        }
    }

    /// The bounded label the failure counters use: `http_4xx`, `http_5xx`, `http_other`
    /// or the transport kind. Its set of values is ``allMetricClasses``.
    public var metricClass: String {
        switch self {
        case .status: "http_" + (statusClass ?? "other")
        case .transport(let kind): kind.rawValue
        }
    }

    /// Every value ``metricClass`` can take, in a stable order.
    public static let allMetricClasses: [String] =
        ["http_4xx", "http_5xx", "http_other"] + TransportError.Kind.allCases.map(\.rawValue)

    /// The class with this ``label``, if there is one.
    public init?(label: String) {
        if label.hasPrefix("http_"), let code = Int(label.dropFirst(5)), (0...999).contains(code) {
            self = .status(code)
        } else if let kind = TransportError.Kind(label: label) {
            self = .transport(kind)
        } else {
            return nil
        }
    }

    /// Decodes from the label string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let label = try container.decode(String.self)
        guard let value = FailureClass(label: label) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "unknown failure class label \"\(label)\""
            )
        }
        self = value
    }

    /// Encodes as the label string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(label)
    }

    /// The label.
    public var description: String { label }
}
