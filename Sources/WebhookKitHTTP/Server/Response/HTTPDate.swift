#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The `Date:` header line (IMF-fixdate), rebuilt at most once a second per event loop.
struct HTTPDate {
    private(set) var line: [UInt8] = []
    private var second: time_t = -1

    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Refreshes ``line`` if the second changed.
    mutating func update() {
        let now = time(nil)
        guard now != second else { return }
        second = now
        var now2 = now
        var parts = tm()
        gmtime_r(&now2, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let day = Self.days[Int(parts.tm_wday) % 7]
        let month = Self.months[Int(parts.tm_mon) % 12]
        let text = "Date: \(day), \(two(parts.tm_mday)) \(month) \(1900 + parts.tm_year) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT\r\n"
        line = Array(text.utf8)
    }
}
