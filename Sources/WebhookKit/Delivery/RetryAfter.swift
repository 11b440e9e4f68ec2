/// A parsed `Retry-After` header value (RFC 9110 §10.2.3): a number of seconds, or an
/// HTTP date.
///
/// ```swift
/// RetryAfter(headerValue: "120")                              // .delay(.seconds(120))
/// RetryAfter(headerValue: "Wed, 21 Oct 2015 07:28:00 GMT")    // .date(…)
/// RetryAfter(headerValue: "soon")                             // nil
/// ```
///
/// All three HTTP-date forms are accepted, as RFC 9110 §5.6.7 requires of recipients:
/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form
/// (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`).
public enum RetryAfter: Sendable, Hashable {
    /// `delta-seconds`: wait this long from the moment the response arrived.
    case delay(Duration)
    /// `HTTP-date`: wait until this instant.
    case date(Timestamp)

    /// The largest delta-seconds value kept; bigger numbers (however many digits) are
    /// read as this, which any sane cap clamps further.
    public static let maximumDelaySeconds: Int64 = 1 << 31

    /// Parses a header value; `nil` when it is neither form. Surrounding whitespace is
    /// ignored. A two-digit RFC 850 year is read relative to `now` (§5.6.7: a year more
    /// than 50 years ahead is the most recent past year with those digits).
    public init?(headerValue: String, now: Timestamp = .now) {
        let bytes = Array(Array(headerValue.utf8).trimmingHTTPWhitespace())
        guard let first = bytes.first else { return nil }
        if first >= 0x30, first <= 0x39 {
            guard let seconds = Self.parseDeltaSeconds(bytes) else { return nil }
            self = .delay(.seconds(seconds))
        } else {
            guard let date = HTTPDate.parse(bytes, now: now) else { return nil }
            self = .date(date)
        }
    }

    /// The instant the header asks the client to wait for, given the response's arrival.
    public func resolved(now: Timestamp) -> Timestamp {
        switch self {
        case .delay(let duration): now.advanced(by: duration)
        case .date(let date): date
        }
    }

    /// `1*DIGIT`, saturating at ``maximumDelaySeconds``.
    private static func parseDeltaSeconds(_ bytes: [UInt8]) -> Int64? {
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = min(maximumDelaySeconds, value * 10 + Int64(byte - 0x30))
        }
        return value
    }
}

extension Array where Element == UInt8 {
    /// Drops leading and trailing spaces and tabs (HTTP's optional whitespace).
    func trimmingHTTPWhitespace() -> ArraySlice<UInt8> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let start = firstIndex(where: { !isSpace($0) }),
              let end = lastIndex(where: { !isSpace($0) })
        else { return [] }
        return self[start...end]
    }
}
