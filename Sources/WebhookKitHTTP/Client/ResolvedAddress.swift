#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import WebhookKit

/// One address `getaddrinfo` returned, ready for `connect`.
struct ResolvedAddress {
    /// The raw socket address.
    var storage: sockaddr_storage
    /// The length of the address in `storage`.
    var length: socklen_t
    /// `AF_INET` or `AF_INET6`.
    var family: Int32
    /// `ip:port`, IPv6 in brackets.
    var text: String
    /// Where the address points.
    var scope: IPAddressClassification.Scope

    /// Resolves `host` (name or IP literal) for TCP on `port`, IPv4 and IPv6, in the
    /// resolver's order.
    static func resolve(host: String, port: Int) throws(TransportError) -> [ResolvedAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_protocol = Int32(IPPROTO_TCP)
        let isLiteral = IPAddressClassification.scope(ofLiteral: host) != nil
        hints.ai_flags = AI_NUMERICSERV | (isLiteral ? AI_NUMERICHOST : 0)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = String(cString: gai_strerror(status))
            throw TransportError(.dns, "cannot resolve \(host): \(reason)")
        }
        defer { freeaddrinfo(first) }
        var result: [ResolvedAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            cursor = entry.pointee.ai_next
            guard let address = entry.pointee.ai_addr else { continue }
            let family = entry.pointee.ai_family
            guard family == AF_INET || family == AF_INET6 else { continue }
            var storage = sockaddr_storage()
            let length = entry.pointee.ai_addrlen
            withUnsafeMutableBytes(of: &storage) { target in
                target.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(length)))
            }
            result.append(describe(storage: storage, length: length, family: family))
        }
        guard !result.isEmpty else { throw TransportError(.dns, "\(host) has no IPv4 or IPv6 address") }
        return result
    }

    /// Text form and scope of a socket address.
    static func describe(storage: sockaddr_storage, length: socklen_t, family: Int32) -> ResolvedAddress {
        var copy = storage
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        var scope = IPAddressClassification.Scope.reserved
        var port: UInt16 = 0
        var text = "?"
        withUnsafePointer(to: &copy) { pointer in
            if family == AF_INET {
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                    var address = v4.pointee.sin_addr
                    inet_ntop(AF_INET, &address, &buffer, socklen_t(buffer.count))
                    scope = IPAddressClassification.scope(ofIPv4: UInt32(bigEndian: address.s_addr))
                    port = UInt16(bigEndian: v4.pointee.sin_port)
                    text = cText(buffer) + ":\(port)"
                }
            } else {
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                    var address = v6.pointee.sin6_addr
                    inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count))
                    let bytes = withUnsafeBytes(of: &address) { Array($0) }
                    scope = IPAddressClassification.scope(ofIPv6: bytes)
                    port = UInt16(bigEndian: v6.pointee.sin6_port)
                    text = "[" + cText(buffer) + "]:\(port)"
                }
            }
        }
        return ResolvedAddress(storage: storage, length: length, family: family, text: text, scope: scope)
    }

    /// The text before the first NUL of a C buffer.
    static func cText(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
