#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A point on the monotonic clock by which an I/O step must finish.
struct ClientDeadline: Comparable {
    /// Nanoseconds on `CLOCK_MONOTONIC`.
    let nanoseconds: UInt64

    /// The current monotonic time.
    static var now: ClientDeadline {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return ClientDeadline(nanoseconds: UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec))
    }

    /// `duration` from now.
    static func after(_ duration: Duration) -> ClientDeadline {
        let (seconds, attoseconds) = duration.components
        let nanos = seconds <= 0 && attoseconds <= 0 ? 0 : UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
        return ClientDeadline(nanoseconds: now.nanoseconds &+ nanos)
    }

    /// Milliseconds left for `poll`, rounded up, at least 0.
    var remainingMilliseconds: Int32 {
        let current = Self.now.nanoseconds
        guard nanoseconds > current else { return 0 }
        return Int32(clamping: (nanoseconds - current + 999_999) / 1_000_000)
    }

    /// Whether the deadline has passed.
    var hasPassed: Bool { Self.now.nanoseconds >= nanoseconds }

    static func < (lhs: ClientDeadline, rhs: ClientDeadline) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
}
