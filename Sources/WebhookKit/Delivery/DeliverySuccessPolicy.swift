/// Which HTTP status codes count as a delivered message.
///
/// The product rule is that a receiver must answer `200 OK`; a webhook may opt in to
/// accept any `2xx` for receivers that answer `202 Accepted` or `204 No Content`.
public enum DeliverySuccessPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Only `200` is a success; every other status is a failure and is retried.
    case only200
    /// Any status in `200...299` is a success.
    case any2xx

    /// Whether `statusCode` means the message was delivered.
    public func accepts(statusCode: Int) -> Bool {
        switch self {
        case .only200: statusCode == 200
        case .any2xx: (200...299).contains(statusCode)
        }
    }
}
