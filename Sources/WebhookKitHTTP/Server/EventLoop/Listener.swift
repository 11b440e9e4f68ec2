#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The listening socket, bound once and shared by every event loop.
///
/// One socket shared by all loops (each registers it with `EPOLLEXCLUSIVE`, so a new
/// connection wakes one loop) rather than one `SO_REUSEPORT` socket per loop: binding
/// port 0 then gives one port with no race, connections go to whichever loop is free
/// instead of by a hash of the peer address, and graceful shutdown closes one socket
/// without dropping connections queued on a sibling's backlog.
struct Listener: Sendable {
    let fileDescriptor: Int32
    let port: Int

    static func bind(host: String, port: Int, backlog: Int32) throws(HTTPServerError) -> Listener {
        guard (0...65_535).contains(port) else {
            throw HTTPServerError(kind: .invalidAddress, detail: "port \(port) is out of range 0–65535")
        }
        var storage = sockaddr_storage()
        let length: socklen_t
        let family: Int32
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            family = AF_INET
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutableBytes(of: &storage) { raw in
                let address = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in.self)
                address.pointee.sin_family = sa_family_t(AF_INET)
                address.pointee.sin_port = in_port_t(UInt16(port).bigEndian)
                address.pointee.sin_addr = v4
            }
        } else if inet_pton(AF_INET6, host, &v6) == 1 {
            family = AF_INET6
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeMutableBytes(of: &storage) { raw in
                let address = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in6.self)
                address.pointee.sin6_family = sa_family_t(AF_INET6)
                address.pointee.sin6_port = in_port_t(UInt16(port).bigEndian)
                address.pointee.sin6_addr = v6
            }
        } else {
            throw HTTPServerError(kind: .invalidAddress, detail: "host \"\(host)\" is not an IPv4 or IPv6 address literal")
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw systemError("socket") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, length) }
        }
        guard bound == 0 else {
            let error = systemError("bind \(host) port \(port)")
            close(fd)
            throw error
        }
        guard listen(fd, backlog) == 0 else {
            let error = systemError("listen")
            close(fd)
            throw error
        }
        var actual = sockaddr_storage()
        var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
        }
        return Listener(fileDescriptor: fd, port: SocketAddress.port(of: actual))
    }

    static func systemError(_ operation: String) -> HTTPServerError {
        HTTPServerError(kind: .system, detail: "\(operation): \(String(cString: strerror(errno)))")
    }
}

/// Formatting of socket addresses.
enum SocketAddress {
    static func port(of storage: sockaddr_storage) -> Int {
        var copy = storage
        return withUnsafeBytes(of: &copy) { raw in
            switch Int32(storage.ss_family) {
            case AF_INET: Int(UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port))
            case AF_INET6: Int(UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port))
            default: 0
            }
        }
    }

    private static func decode(_ text: [CChar]) -> String {
        String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `host:port`, or `[host]:port` for IPv6.
    static func describe(_ storage: sockaddr_storage) -> String {
        var copy = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        return withUnsafeMutableBytes(of: &copy) { raw in
            switch Int32(storage.ss_family) {
            case AF_INET:
                let address = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in.self)
                inet_ntop(AF_INET, &address.pointee.sin_addr, &text, socklen_t(text.count))
                return "\(decode(text)):\(UInt16(bigEndian: address.pointee.sin_port))"
            case AF_INET6:
                let address = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in6.self)
                inet_ntop(AF_INET6, &address.pointee.sin6_addr, &text, socklen_t(text.count))
                return "[\(decode(text))]:\(UInt16(bigEndian: address.pointee.sin6_port))"
            default:
                return "unknown"
            }
        }
    }
}

/// Monotonic time in nanoseconds, for deadlines.
enum MonotonicClock {
    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
