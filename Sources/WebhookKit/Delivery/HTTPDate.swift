/// Parses the three `HTTP-date` forms of RFC 9110 §5.6.7 into a ``Timestamp``, without
/// Foundation's locale-sensitive date formatters.
enum HTTPDate {
    private static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let longDayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The instant `bytes` names, or `nil` when it is not an HTTP-date or names an
    /// impossible date (Feb 30, hour 24 …). Day and month names are case-sensitive, as
    /// the grammar says.
    static func parse(_ bytes: [UInt8], now: Timestamp) -> Timestamp? {
        var cursor = Cursor(bytes: bytes)
        guard let dayName = cursor.letters() else { return nil }
        if dayNames.contains(dayName), cursor.take(","), cursor.take(" ") {
            // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
            guard let day = cursor.digits(2), cursor.take(" "), let month = cursor.month(monthNames),
                  cursor.take(" "), let year = cursor.digits(4), cursor.take(" "),
                  let time = cursor.timeOfDay(), cursor.take(" GMT"), cursor.atEnd
            else { return nil }
            return make(year: year, month: month, day: day, time: time)
        }
        if longDayNames.contains(dayName), cursor.take(","), cursor.take(" ") {
            // rfc850-date: Sunday, 06-Nov-94 08:49:37 GMT
            guard let day = cursor.digits(2), cursor.take("-"), let month = cursor.month(monthNames),
                  cursor.take("-"), let shortYear = cursor.digits(2), cursor.take(" "),
                  let time = cursor.timeOfDay(), cursor.take(" GMT"), cursor.atEnd
            else { return nil }
            return make(year: fullYear(shortYear, now: now), month: month, day: day, time: time)
        }
        if dayNames.contains(dayName), cursor.take(" ") {
            // asctime-date: Sun Nov  6 08:49:37 1994
            guard let month = cursor.month(monthNames), cursor.take(" ") else { return nil }
            let day: Int
            if cursor.take(" "), let digit = cursor.digits(1) {
                day = digit
            } else if let digits = cursor.digits(2) {
                day = digits
            } else {
                return nil
            }
            guard cursor.take(" "), let time = cursor.timeOfDay(), cursor.take(" "),
                  let year = cursor.digits(4), cursor.atEnd
            else { return nil }
            return make(year: year, month: month, day: day, time: time)
        }
        return nil
    }

    /// The year for an RFC 850 two-digit year: this century's, unless that is more than
    /// 50 years ahead of `now`, then the previous century's.
    private static func fullYear(_ shortYear: Int, now: Timestamp) -> Int {
        let currentYear = Int(RFC3339.format(now).prefix(4)) ?? 2000
        var year = currentYear - currentYear % 100 + shortYear
        if year > currentYear + 50 { year -= 100 }
        return year
    }

    /// Builds the instant via the RFC 3339 parser, which also rejects impossible dates.
    private static func make(year: Int, month: Int, day: Int, time: (Int, Int, Int)) -> Timestamp? {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        guard (0...9999).contains(year) else { return nil }
        let text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(time.0, 2)):\(pad(time.1, 2)):\(pad(time.2, 2))Z"
        return RFC3339.parse(Array(text.utf8))
    }

    /// A read position over the header bytes.
    private struct Cursor {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index == bytes.count }

        /// Consumes `literal` if the input continues with it.
        mutating func take(_ literal: String) -> Bool {
            let expected = Array(literal.utf8)
            guard bytes.count - index >= expected.count,
                  bytes[index..<(index + expected.count)].elementsEqual(expected)
            else { return false }
            index += expected.count
            return true
        }

        /// Consumes a run of ASCII letters.
        mutating func letters() -> String? {
            let start = index
            while index < bytes.count, (bytes[index] | 0x20) >= 0x61, (bytes[index] | 0x20) <= 0x7A { index += 1 }
            return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
        }

        /// Consumes exactly `count` digits.
        mutating func digits(_ count: Int) -> Int? {
            guard bytes.count - index >= count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + count)] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }

        /// Consumes a three-letter month name, returning 1...12.
        mutating func month(_ names: [String]) -> Int? {
            let start = index
            guard let name = letters(), let position = names.firstIndex(of: name) else {
                index = start
                return nil
            }
            return position + 1
        }

        /// Consumes `HH:MM:SS`.
        mutating func timeOfDay() -> (Int, Int, Int)? {
            guard let hour = digits(2), take(":"), let minute = digits(2), take(":"), let second = digits(2)
            else { return nil }
            return (hour, minute, second)
        }
    }
}
